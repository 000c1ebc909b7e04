import "server-only";
import type { Actor } from "@/lib/access/actor";
import { countryRiskMap } from "@/lib/cases/country-risks";
import { caseListWhere } from "@/lib/cases/list-filter";
import type { CaseListFilter } from "@/lib/cases/schemas";
import { caseScopeSql } from "@/lib/cases/scope";
import type { ApplicationStatus, CaseStatus } from "@/lib/cases/vocabulary";
import { Prisma, type Db } from "@/lib/db/client";
import { onReadReplica } from "@/lib/db/replica";
import type { KeyedCount } from "./dto";
import { outcomeRows } from "./outcomes";
import type { DashboardFilter } from "./schemas";

/**
 * The statements behind the dashboard's figures, all run by PostgreSQL at once on the read replica
 * (when configured; on the primary while the replica fails, lib/db/replica.ts). Snapshot counts use the case list's own `where` (caseListWhere); period counts
 * are raw SQL inside caseScopeSql. With `withKeys`, each counted statement also sums its cases' record
 * keys (for the report's disclosure control); without, the sums are NULL and no table row is read.
 */

const DAY = 86_400_000;

/** Raw rows carry `key_sum` as text (NULL when the sums are not asked for). */
export interface WeekRow {
  week: Date;
  count: number;
  key_sum: string | null;
}

export interface ApplicationRow {
  destination: string | null;
  status: ApplicationStatus | null;
  count: number;
  key_sum: string | null;
}

/** A record-key sum as returned: text from raw `sum(...)::text`, a number from Prisma's `_sum` (exact below 2^53, about four million cases). */
export function keySumOf(value: string | number | null): bigint {
  if (value === null) return 0n;
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError("key_sum_not_exact");
  return BigInt(value);
}

type Scope = Pick<CaseListFilter, "country" | "assignee" | "risk">;

/** The dashboard's case filters as SQL on the `cases c` alias, for the raw queries. */
function caseConditions(actor: Actor, scope: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [caseScopeSql(actor)];
  if (scope.country) parts.push(Prisma.sql`c.current_country = ${scope.country}`);
  if (scope.risk) parts.push(Prisma.sql`c.risk_level = ${scope.risk}::"RiskLevel"`);
  if (scope.assignee === "none") parts.push(Prisma.sql`c.assigned_to_id IS NULL`);
  else if (scope.assignee) parts.push(Prisma.sql`c.assigned_to_id = ${scope.assignee}::uuid`);
  return Prisma.join(parts, " AND ");
}

/** The case-list filters the snapshot figures count, by name (each also inside the dashboard's own filter). */
const FIGURE_VIEWS = {
  openWhere: {},
  dangerWhere: { view: "danger" },
  originWhere: { jurisdiction: "ORIGIN" },
  extraditionWhere: { view: "extradition" },
  noDocWhere: { view: "nodoc" },
  staleWhere: { view: "stale" },
  overdueWhere: { view: "overdue" },
  appointmentsWhere: { view: "appointments" },
  stayWhere: { view: "stay" },
  entryWhere: { view: "entry" },
} as const satisfies Record<string, Partial<CaseListFilter>>;

/** Every row the figures are made of, for one filter. The caller checks the permission. */
export async function readFigureRows(actor: Actor, filter: DashboardFilter, now: Date, withKeys: boolean) {
  const scope: Scope = { country: filter.country, assignee: filter.assignee, risk: filter.risk };
  const open = { ...scope, status: "open" as const, sort: "updated" as const };
  // staleDays is read by the stale view only.
  const entries = await Promise.all(
    Object.entries(FIGURE_VIEWS).map(
      async ([name, extra]) => [name, await caseListWhere(actor, { ...open, ...extra, staleDays: filter.staleDays }, now)] as const,
    ),
  );
  const wheres = Object.fromEntries(entries) as Wheres;
  return onReadReplica((db) => figureQueries(db, actor, filter, scope, wheres, withKeys));
}

type Wheres = Record<keyof typeof FIGURE_VIEWS, Prisma.CaseWhereInput>;

function figureQueries(db: Db, actor: Actor, filter: DashboardFilter, scope: Scope, wheres: Wheres, withKeys: boolean) {
  const { openWhere, dangerWhere, originWhere, extraditionWhere, noDocWhere, staleWhere, overdueWhere, appointmentsWhere } = wheres;
  const from = filter.from;
  const toExclusive = new Date(filter.to.getTime() + DAY);
  const where = caseConditions(actor, scope);
  // Period rows on other tables need \`cases\` only for a condition or a key sum: a coordinator's
  // unfiltered counts then skip the join, which read every case (each row's case exists: FK).
  const joinCases = withKeys || actor.role !== "COORDINATOR" || Boolean(scope.country || scope.risk || scope.assignee);
  const casesOf = (alias: Prisma.Sql) =>
    joinCases ? Prisma.sql`JOIN cases c ON c.id = ${alias}.case_id WHERE ${where} AND` : Prisma.sql`WHERE`;
  const keySum = withKeys ? Prisma.sql`sum(c.record_key)::text` : Prisma.sql`NULL::text`;
  const tally = (where: Prisma.CaseWhereInput): Promise<KeyedCount> =>
    withKeys
      ? db.case
          .aggregate({ where, _count: { _all: true }, _sum: { recordKey: true } })
          .then((r) => ({ count: r._count._all, keySum: keySumOf(r._sum.recordKey) }))
      : db.case.count({ where }).then((count) => ({ count, keySum: 0n }));

  const byStatus = withKeys
    ? db.case
        .groupBy({ by: ["status"], where: openWhere, _count: { _all: true }, _sum: { recordKey: true } })
        .then((rows) => rows.map((r) => ({ group: r.status, count: r._count._all, keySum: keySumOf(r._sum.recordKey) })))
    : db.case
        .groupBy({ by: ["status"], where: openWhere, _count: { _all: true } })
        .then((rows) => rows.map((r) => ({ group: r.status, count: r._count._all, keySum: 0n })));
  const byCountry = withKeys
    ? db.case
        .groupBy({
          by: ["currentCountry"],
          where: openWhere,
          _count: { _all: true },
          _sum: { recordKey: true },
          orderBy: { _count: { currentCountry: "desc" } },
        })
        .then((rows) => rows.map((r) => ({ group: r.currentCountry, count: r._count._all, keySum: keySumOf(r._sum.recordKey) })))
    : db.case
        .groupBy({ by: ["currentCountry"], where: openWhere, _count: { _all: true }, orderBy: { _count: { currentCountry: "desc" } } })
        .then((rows) => rows.map((r) => ({ group: r.currentCountry, count: r._count._all, keySum: 0n })));
  return allByName({
    byStatus,
    byCountry,
    inDanger: tally(dangerWhere),
    origin: db.case.count({ where: originWhere }),
    extradition: db.case.count({ where: extraditionWhere }),
    noDoc: tally(noDocWhere),
    stale: tally(staleWhere),
    overdue: tally(overdueWhere),
    appointments: tally(appointmentsWhere),
    staysEnding: tally(wheres.stayWhere),
    entriesSoon: tally(wheres.entryWhere),
    caseload: db.case.groupBy({ by: ["assignedToId"], where: openWhere, _count: { _all: true } }),
    newWeeks: db.$queryRaw<WeekRow[]>`
      SELECT date_trunc('week', c.created_at AT TIME ZONE 'UTC') AS week, count(*)::int AS count, ${keySum} AS key_sum
      FROM cases c
      WHERE ${where} AND c.created_at >= ${from} AND c.created_at < ${toExclusive}
      GROUP BY 1 ORDER BY 1`,
    closedWeeks: db.$queryRaw<WeekRow[]>`
      SELECT date_trunc('week', c.closed_at AT TIME ZONE 'UTC') AS week, count(*)::int AS count, ${keySum} AS key_sum
      FROM cases c
      WHERE ${where} AND c.status = 'CLOSED' AND c.closed_at >= ${from} AND c.closed_at < ${toExclusive}
      GROUP BY 1 ORDER BY 1`,
    // A stay in a stage runs from the change into it to the next change, which records when the
    // stay began (stage_entered_at); the stays that ended in the period are measured.
    stages: db.$queryRaw<Array<{ stage: CaseStatus; stays: number; cases: number; median: number; p90: number; key_sum: string | null }>>`
      SELECT sc.from_status AS stage, count(*)::int AS stays, count(DISTINCT sc.case_id)::int AS cases, ${keySum} AS key_sum,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sc.at - sc.stage_entered_at) / 86400)::float AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM sc.at - sc.stage_entered_at) / 86400)::float AS p90
      FROM case_status_changes sc ${casesOf(Prisma.raw("sc"))} sc.at >= ${from} AND sc.at < ${toExclusive}
        AND sc.from_status IS NOT NULL AND sc.from_status <> 'CLOSED' AND sc.stage_entered_at IS NOT NULL
      GROUP BY sc.from_status`,
    // For the report, each level counts people, not applications: the cells by destination and
    // status, then each destination, each status and everyone, each over its own distinct cases.
    applications: withKeys
      ? db.$queryRaw<ApplicationRow[]>`
      WITH people AS (
        SELECT DISTINCT a.destination_country AS destination, a.status, a.case_id, c.record_key
        FROM applications a JOIN cases c ON c.id = a.case_id
        WHERE ${where} AND a.created_at >= ${from} AND a.created_at < ${toExclusive}
      )
      SELECT destination, status, count(*)::int AS count, sum(record_key)::text AS key_sum FROM people GROUP BY 1, 2
      UNION ALL
      SELECT destination, NULL, count(*)::int, sum(record_key)::text FROM (SELECT DISTINCT destination, case_id, record_key FROM people) p GROUP BY 1
      UNION ALL
      SELECT NULL, status, count(*)::int, sum(record_key)::text FROM (SELECT DISTINCT status, case_id, record_key FROM people) p GROUP BY 2
      UNION ALL
      SELECT NULL, NULL, count(*)::int, coalesce(sum(record_key), 0)::text FROM (SELECT DISTINCT case_id, record_key FROM people) p`
      : // Distinct people per cell by hashing (destination, status, case) first: count(DISTINCT) sorted them.
        db.$queryRaw<ApplicationRow[]>`
      SELECT destination, status, count(*)::int AS count, NULL::text AS key_sum
      FROM (SELECT a.destination_country AS destination, a.status, a.case_id
            FROM applications a ${casesOf(Prisma.raw("a"))} a.created_at >= ${from} AND a.created_at < ${toExclusive}
            GROUP BY 1, 2, 3) p
      GROUP BY 1, 2`,
    outcomes: outcomeRows(db, casesOf(Prisma.raw("a")), from, toExclusive),
    risks: countryRiskMap(),
    staff: db.user.findMany({ where: { role: "CASEWORKER" }, select: { id: true, email: true, status: true } }),
  });
}

export type FigureRows = Awaited<ReturnType<typeof readFigureRows>>;

/** Promise.all over named queries: they all run at once, and each result keeps its query's name. */
async function allByName<T extends Record<string, PromiseLike<unknown>>>(queries: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(queries).map(async ([name, query]) => [name, await query] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}
