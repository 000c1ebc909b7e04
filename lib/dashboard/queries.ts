import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { caseListWhere, countryRiskMap } from "@/lib/cases/queries";
import { caseScopeSql } from "@/lib/cases/scope";
import type { CaseListFilter } from "@/lib/cases/schemas";
import { OPEN_STATUSES, type ApplicationStatus, type CaseStatus, type JurisdictionRisk } from "@/lib/cases/vocabulary";
import { Prisma, readDb } from "@/lib/db/client";
import { isoDay, type DashboardFilter } from "./schemas";

/**
 * The coordinator's figures. Every number is computed by PostgreSQL (groupBy, count, window
 * functions, percentile_cont), never by loading cases. Snapshot figures (open cases now) use the
 * case list's own `where` (caseListWhere), so each figure's link to the list shows exactly the
 * cases it counts. Period figures (new and closed per week, days in stage, applications) cover
 * [from, to] whole days. Queries go to the read replica when one is configured.
 *
 * For the report (getDashboardWithKeys), the statement of each count it exports also sums the
 * counted cases' record keys (`cases.record_key`), for its disclosure control
 * (lib/reports/disclosure.ts, ADR 011). Those sums stay on the server, apart from the DTO: with a
 * figure's exact count, its key sum tells which way the report rounded it.
 */

const DAY = 86_400_000;

/** Raw rows carry `key_sum` as text (NULL when the sums are not asked for). */
interface WeekRow {
  week: Date;
  count: number;
  key_sum: string | null;
}

interface ApplicationRow {
  destination: string | null;
  status: ApplicationStatus | null;
  count: number;
  key_sum: string | null;
}

/** A record-key sum as returned: text from raw `sum(...)::text`, a number from Prisma's `_sum` (exact below 2^53, about four million cases). */
function keySumOf(value: string | number | null): bigint {
  if (value === null) return 0n;
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError("key_sum_not_exact");
  return BigInt(value);
}

export interface FigureLink {
  /** Filters of the case list that show exactly the counted cases. */
  filter: Partial<CaseListFilter>;
}

export interface CountRow extends FigureLink {
  key: string;
  count: number;
}

export interface DashboardDTO {
  filter: { from: string; to: string; country?: string; assignee?: string; risk?: string; staleDays: number };
  openTotal: number;
  open: CountRow;
  byStatus: Array<CountRow & { status: Exclude<CaseStatus, "CLOSED"> }>;
  byCountry: Array<CountRow & { country: string; risk: JurisdictionRisk | null }>;
  inDanger: CountRow & { origin: number; extradition: number };
  noTravelDocument: CountRow;
  stale: CountRow;
  overdueSteps: CountRow;
  upcomingAppointments: CountRow;
  caseload: Array<CountRow & { assigneeId: string | null; email: string | null; active: boolean }>;
  newPerWeek: Array<CountRow & { week: string }>;
  closedPerWeek: Array<CountRow & { week: string }>;
  /** Days in each stage over the stays that ended in the period; `cases` is what the link lists. */
  stageDays: Array<FigureLink & { stage: CaseStatus; stays: number; cases: number; median: number; p90: number }>;
  /** People (cases) with an application started in the period, by destination and current status. */
  applications: Array<{
    destination: string;
    byStatus: Partial<Record<ApplicationStatus, CountRow>>;
    total: number;
    approved: number;
    rejected: number;
    approvalRate: number | null;
  }>;
}

/** A count with the sum of the record keys of the cases it counts (once per case, or once per stay for stays). */
export interface KeyedCount {
  count: number;
  keySum: bigint;
}

/** The record-key sums of the figures the report exports, by the figure's key in the DTO. Server-only. */
export interface FigureKeys {
  byStatus: Map<string, bigint>;
  byCountry: Map<string, bigint>;
  inDanger: bigint;
  noTravelDocument: bigint;
  stale: bigint;
  overdueSteps: bigint;
  upcomingAppointments: bigint;
  newPerWeek: Map<string, bigint>;
  closedPerWeek: Map<string, bigint>;
  /** Over the stays that ended in the period: a case's key counts once per stay. */
  stageStays: Map<string, bigint>;
  /**
   * People (cases) with an application started in the period, each counted once per cell: by
   * destination and current status (`${destination} ${status}`), by destination, by status, and all.
   * Someone with applications in two statuses is one person in each status but once in the
   * destination's total, so the totals are counted, not added up.
   */
  applications: {
    cells: Map<string, KeyedCount>;
    byDestination: Map<string, KeyedCount>;
    byStatus: Map<string, KeyedCount>;
    all: KeyedCount;
  };
}

type Scope = Pick<CaseListFilter, "country" | "assignee" | "risk">;

/** The stages whose stays are measured: RELOCATED is where the journey ends. */
const STAGES = OPEN_STATUSES.filter((s): s is Exclude<CaseStatus, "CLOSED" | "RELOCATED"> => s !== "RELOCATED");
const isStage = (status: CaseStatus) => new Set<string>(STAGES).has(status);

/** The dashboard's case filters as SQL on the `cases c` alias, for the raw queries. */
function caseConditions(actor: Actor, scope: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [caseScopeSql(actor)];
  if (scope.country) parts.push(Prisma.sql`c.current_country = ${scope.country}`);
  if (scope.risk) parts.push(Prisma.sql`c.risk_level = ${scope.risk}::"RiskLevel"`);
  if (scope.assignee === "none") parts.push(Prisma.sql`c.assigned_to_id IS NULL`);
  else if (scope.assignee) parts.push(Prisma.sql`c.assigned_to_id = ${scope.assignee}::uuid`);
  return Prisma.join(parts, " AND ");
}

/** Mondays (ISO weeks, UTC) from the week of `from` to the week of `to`. */
function weeksBetween(from: Date, to: Date): string[] {
  const start = new Date(from);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (let d = start; d <= to; d = new Date(d.getTime() + 7 * DAY)) weeks.push(isoDay(d));
  return weeks;
}

/** The coordinator's figures (permission `dashboard:view`); reads only, audits nothing. */
export async function getDashboard(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<DashboardDTO> {
  return (await figures(actor, filter, now, false)).data;
}

/**
 * The figures and, apart, the record-key sums of those the report exports, each sum from the same
 * statement as its count (permission `dashboard:view`; the report checks its own). Summing the keys
 * reads the table's rows where a count alone reads an index, so the dashboard does not ask for them.
 */
export async function getDashboardWithKeys(
  actor: Actor,
  filter: DashboardFilter,
  now = new Date(),
): Promise<{ data: DashboardDTO; keys: FigureKeys }> {
  return figures(actor, filter, now, true);
}

async function figures(
  actor: Actor,
  filter: DashboardFilter,
  now: Date,
  withKeys: boolean,
): Promise<{ data: DashboardDTO; keys: FigureKeys }> {
  assertCan(actor, "dashboard:view");
  const db = readDb();
  const scope: Scope = { country: filter.country, assignee: filter.assignee, risk: filter.risk };
  const open = { ...scope, status: "open" as const, sort: "updated" as const };
  const [openWhere, dangerWhere, originWhere, extraditionWhere, noDocWhere, staleWhere, overdueWhere, appointmentsWhere] =
    await Promise.all([
      caseListWhere(actor, open, now),
      caseListWhere(actor, { ...open, view: "danger" }, now),
      caseListWhere(actor, { ...open, jurisdiction: "ORIGIN" }, now),
      caseListWhere(actor, { ...open, view: "extradition" }, now),
      caseListWhere(actor, { ...open, view: "nodoc" }, now),
      caseListWhere(actor, { ...open, view: "stale", staleDays: filter.staleDays }, now),
      caseListWhere(actor, { ...open, view: "overdue" }, now),
      caseListWhere(actor, { ...open, view: "appointments" }, now),
    ]);
  const from = filter.from;
  const toExclusive = new Date(filter.to.getTime() + DAY);
  const where = caseConditions(actor, scope);
  const keySum = withKeys ? Prisma.sql`sum(c.record_key)::text` : Prisma.sql`NULL::text`;
  const tally = (where: Prisma.CaseWhereInput): Promise<KeyedCount> =>
    withKeys
      ? db.case
          .aggregate({ where, _count: { _all: true }, _sum: { recordKey: true } })
          .then((r) => ({ count: r._count._all, keySum: keySumOf(r._sum.recordKey) }))
      : db.case.count({ where }).then((count) => ({ count, keySum: 0n }));

  const [
    byStatus,
    byCountry,
    inDanger,
    origin,
    extradition,
    noDoc,
    stale,
    overdue,
    appointments,
    caseload,
    newWeeks,
    closedWeeks,
    stages,
    applications,
    risks,
    staff,
  ] = await Promise.all([
    withKeys
      ? db.case
          .groupBy({ by: ["status"], where: openWhere, _count: { _all: true }, _sum: { recordKey: true } })
          .then((rows) => rows.map((r) => ({ group: r.status, count: r._count._all, keySum: keySumOf(r._sum.recordKey) })))
      : db.case
          .groupBy({ by: ["status"], where: openWhere, _count: { _all: true } })
          .then((rows) => rows.map((r) => ({ group: r.status, count: r._count._all, keySum: 0n }))),
    withKeys
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
          .then((rows) => rows.map((r) => ({ group: r.currentCountry, count: r._count._all, keySum: 0n }))),
    tally(dangerWhere),
    db.case.count({ where: originWhere }),
    db.case.count({ where: extraditionWhere }),
    tally(noDocWhere),
    tally(staleWhere),
    tally(overdueWhere),
    tally(appointmentsWhere),
    db.case.groupBy({ by: ["assignedToId"], where: openWhere, _count: { _all: true } }),
    db.$queryRaw<WeekRow[]>`
      SELECT date_trunc('week', c.created_at AT TIME ZONE 'UTC') AS week, count(*)::int AS count, ${keySum} AS key_sum
      FROM cases c
      WHERE ${where} AND c.created_at >= ${from} AND c.created_at < ${toExclusive}
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<WeekRow[]>`
      SELECT date_trunc('week', c.closed_at AT TIME ZONE 'UTC') AS week, count(*)::int AS count, ${keySum} AS key_sum
      FROM cases c
      WHERE ${where} AND c.status = 'CLOSED' AND c.closed_at >= ${from} AND c.closed_at < ${toExclusive}
      GROUP BY 1 ORDER BY 1`,
    // A stay in a stage runs from the change into it to the next change, which records when the
    // stay began (stage_entered_at); the stays that ended in the period are measured.
    db.$queryRaw<Array<{ stage: CaseStatus; stays: number; cases: number; median: number; p90: number; key_sum: string | null }>>`
      SELECT sc.from_status AS stage, count(*)::int AS stays, count(DISTINCT sc.case_id)::int AS cases, ${keySum} AS key_sum,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sc.at - sc.stage_entered_at) / 86400)::float AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM sc.at - sc.stage_entered_at) / 86400)::float AS p90
      FROM case_status_changes sc JOIN cases c ON c.id = sc.case_id
      WHERE ${where} AND sc.at >= ${from} AND sc.at < ${toExclusive}
        AND sc.from_status IS NOT NULL AND sc.from_status <> 'CLOSED' AND sc.stage_entered_at IS NOT NULL
      GROUP BY sc.from_status`,
    // For the report, each level counts people, not applications: the cells by destination and
    // status, then each destination, each status and everyone, each over its own distinct cases.
    withKeys
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
      : db.$queryRaw<ApplicationRow[]>`
      SELECT a.destination_country AS destination, a.status, count(DISTINCT a.case_id)::int AS count, NULL::text AS key_sum
      FROM applications a JOIN cases c ON c.id = a.case_id
      WHERE ${where} AND a.created_at >= ${from} AND a.created_at < ${toExclusive}
      GROUP BY 1, 2`,
    countryRiskMap(),
    db.user.findMany({ where: { role: "CASEWORKER" }, select: { id: true, email: true, status: true } }),
  ]);

  const scopeLink = { country: filter.country, assignee: filter.assignee, risk: filter.risk };
  const period = { from: isoDay(from), to: isoDay(filter.to) };
  const statusCount = new Map<string, number>(byStatus.map((r) => [r.group, r.count]));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const weekly = (rows: WeekRow[], kind: "created" | "closed") => {
    const counts = new Map(rows.map((r) => [isoDay(r.week), r.count]));
    return weeksBetween(from, filter.to).map((week) => {
      const start = new Date(`${week}T00:00:00.000Z`);
      const end = new Date(start.getTime() + 6 * DAY);
      const lo = start < from ? from : start;
      const hi = end > filter.to ? filter.to : end;
      const bounds = kind === "created" ? { createdFrom: lo, createdTo: hi } : { status: "CLOSED" as const, closedFrom: lo, closedTo: hi };
      return {
        key: week,
        week,
        count: counts.get(week) ?? 0,
        filter: { ...scopeLink, status: kind === "created" ? ("all" as const) : undefined, ...bounds },
      };
    });
  };
  const appsByDestination = new Map<string, Array<{ status: ApplicationStatus; count: number }>>();
  const appKeys: FigureKeys["applications"] = {
    cells: new Map(),
    byDestination: new Map(),
    byStatus: new Map(),
    all: { count: 0, keySum: 0n },
  };
  for (const row of applications) {
    const cell = { count: row.count, keySum: keySumOf(row.key_sum) };
    if (row.destination !== null && row.status !== null) {
      appsByDestination.set(row.destination, [...(appsByDestination.get(row.destination) ?? []), { status: row.status, count: row.count }]);
      appKeys.cells.set(`${row.destination} ${row.status}`, cell);
    } else if (row.destination !== null) appKeys.byDestination.set(row.destination, cell);
    else if (row.status !== null) appKeys.byStatus.set(row.status, cell);
    else appKeys.all = cell;
  }
  const weekKeys = (rows: WeekRow[]) => new Map(rows.map((r) => [isoDay(r.week), keySumOf(r.key_sum)]));
  const keys: FigureKeys = {
    byStatus: new Map(byStatus.map((r) => [r.group, r.keySum])),
    byCountry: new Map(byCountry.map((r) => [r.group, r.keySum])),
    inDanger: inDanger.keySum,
    noTravelDocument: noDoc.keySum,
    stale: stale.keySum,
    overdueSteps: overdue.keySum,
    upcomingAppointments: appointments.keySum,
    newPerWeek: weekKeys(newWeeks),
    closedPerWeek: weekKeys(closedWeeks),
    stageStays: new Map(stages.filter((r) => isStage(r.stage)).map((r) => [r.stage, keySumOf(r.key_sum)])),
    applications: appKeys,
  };

  const data: DashboardDTO = {
    filter: { ...period, country: filter.country, assignee: filter.assignee, risk: filter.risk, staleDays: filter.staleDays },
    openTotal: [...statusCount.values()].reduce((a, b) => a + b, 0),
    open: { key: "open", count: [...statusCount.values()].reduce((a, b) => a + b, 0), filter: scopeLink },
    byStatus: OPEN_STATUSES.map((status) => ({
      key: status,
      status,
      count: statusCount.get(status) ?? 0,
      filter: { ...scopeLink, status },
    })),
    byCountry: byCountry.map((r) => ({
      key: r.group,
      country: r.group,
      risk: risks.get(r.group) ?? null,
      count: r.count,
      filter: { ...scopeLink, country: r.group },
    })),
    inDanger: { key: "danger", count: inDanger.count, origin, extradition, filter: { ...scopeLink, view: "danger" } },
    noTravelDocument: { key: "nodoc", count: noDoc.count, filter: { ...scopeLink, view: "nodoc" } },
    stale: {
      key: "stale",
      count: stale.count,
      filter: { ...scopeLink, view: "stale", staleDays: filter.staleDays === 14 ? undefined : filter.staleDays },
    },
    overdueSteps: { key: "overdue", count: overdue.count, filter: { ...scopeLink, view: "overdue" } },
    upcomingAppointments: { key: "appointments", count: appointments.count, filter: { ...scopeLink, view: "appointments" } },
    caseload: caseload
      .map((r) => {
        const person = r.assignedToId ? staffById.get(r.assignedToId) : undefined;
        return {
          key: r.assignedToId ?? "none",
          assigneeId: r.assignedToId,
          email: person?.email ?? null,
          active: person?.status === "ACTIVE",
          count: r._count._all,
          filter: { ...scopeLink, assignee: r.assignedToId ?? ("none" as const) },
        };
      })
      .sort((a, b) => b.count - a.count),
    newPerWeek: weekly(newWeeks, "created"),
    closedPerWeek: weekly(closedWeeks, "closed"),
    stageDays: STAGES.map((stage) => {
      const row = stages.find((s) => s.stage === stage);
      return {
        stage,
        stays: row?.stays ?? 0,
        cases: row?.cases ?? 0,
        median: row ? Math.round(row.median * 10) / 10 : 0,
        p90: row ? Math.round(row.p90 * 10) / 10 : 0,
        filter: { ...scopeLink, status: "all" as const, leftStage: stage, leftFrom: from, leftTo: filter.to },
      };
    }),
    applications: [...appsByDestination.entries()]
      .map(([destination, rows]) => {
        const byStatus: Partial<Record<ApplicationStatus, CountRow>> = {};
        for (const row of rows) {
          byStatus[row.status] = {
            key: row.status,
            count: row.count,
            filter: { ...scopeLink, status: "all", appDestination: destination, appStatus: row.status, appFrom: from, appTo: filter.to },
          };
        }
        const approved = byStatus.APPROVED?.count ?? 0;
        const rejected = byStatus.REJECTED?.count ?? 0;
        return {
          destination,
          byStatus,
          total: rows.reduce((sum, r) => sum + r.count, 0),
          approved,
          rejected,
          approvalRate: approved + rejected > 0 ? approved / (approved + rejected) : null,
        };
      })
      .sort((a, b) => b.total - a.total),
  };
  return { data, keys };
}
