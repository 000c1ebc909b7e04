import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { caseListWhere, countryRiskMap } from "@/lib/cases/queries";
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
 */

const DAY = 86_400_000;

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
  applications: Array<{ destination: string; byStatus: Partial<Record<ApplicationStatus, CountRow>>; total: number; approved: number; rejected: number; approvalRate: number | null }>;
}

type Scope = Pick<CaseListFilter, "country" | "assignee" | "risk">;

/** The dashboard's case filters as SQL on the `cases c` alias, for the raw queries. */
function caseConditions(actor: Actor, scope: Scope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  // Coordinators see every case; the permission check above keeps everyone else out.
  if (actor.role !== "COORDINATOR") parts.push(Prisma.sql`FALSE`);
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

export async function getDashboard(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<DashboardDTO> {
  assertCan(actor, "dashboard:view");
  const db = readDb();
  const scope: Scope = { country: filter.country, assignee: filter.assignee, risk: filter.risk };
  const open = { ...scope, status: "open" as const, sort: "updated" as const };
  const [openWhere, dangerWhere, originWhere, extraditionWhere, noDocWhere, staleWhere, overdueWhere, appointmentsWhere] = await Promise.all([
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

  const [byStatus, byCountry, inDanger, origin, extradition, noDoc, stale, overdue, appointments, caseload, newWeeks, closedWeeks, stages, applications, risks, staff] = await Promise.all([
    db.case.groupBy({ by: ["status"], where: openWhere, _count: { _all: true } }),
    db.case.groupBy({ by: ["currentCountry"], where: openWhere, _count: { _all: true }, orderBy: { _count: { currentCountry: "desc" } } }),
    db.case.count({ where: dangerWhere }),
    db.case.count({ where: originWhere }),
    db.case.count({ where: extraditionWhere }),
    db.case.count({ where: noDocWhere }),
    db.case.count({ where: staleWhere }),
    db.case.count({ where: overdueWhere }),
    db.case.count({ where: appointmentsWhere }),
    db.case.groupBy({ by: ["assignedToId"], where: openWhere, _count: { _all: true } }),
    db.$queryRaw<Array<{ week: Date; count: number }>>`
      SELECT date_trunc('week', c.created_at AT TIME ZONE 'UTC') AS week, count(*)::int AS count
      FROM cases c
      WHERE ${where} AND c.created_at >= ${from} AND c.created_at < ${toExclusive}
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<Array<{ week: Date; count: number }>>`
      SELECT date_trunc('week', c.closed_at AT TIME ZONE 'UTC') AS week, count(*)::int AS count
      FROM cases c
      WHERE ${where} AND c.status = 'CLOSED' AND c.closed_at >= ${from} AND c.closed_at < ${toExclusive}
      GROUP BY 1 ORDER BY 1`,
    // A stay in a stage runs from the change into it to the next change, which records when the
    // stay began (stage_entered_at); the stays that ended in the period are measured.
    db.$queryRaw<Array<{ stage: CaseStatus; stays: number; cases: number; median: number; p90: number }>>`
      SELECT sc.from_status AS stage, count(*)::int AS stays, count(DISTINCT sc.case_id)::int AS cases,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sc.at - sc.stage_entered_at) / 86400)::float AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM sc.at - sc.stage_entered_at) / 86400)::float AS p90
      FROM case_status_changes sc JOIN cases c ON c.id = sc.case_id
      WHERE ${where} AND sc.at >= ${from} AND sc.at < ${toExclusive}
        AND sc.from_status IS NOT NULL AND sc.from_status <> 'CLOSED' AND sc.stage_entered_at IS NOT NULL
      GROUP BY sc.from_status`,
    db.$queryRaw<Array<{ destination: string; status: ApplicationStatus; count: number }>>`
      SELECT a.destination_country AS destination, a.status, count(DISTINCT a.case_id)::int AS count
      FROM applications a JOIN cases c ON c.id = a.case_id
      WHERE ${where} AND a.created_at >= ${from} AND a.created_at < ${toExclusive}
      GROUP BY 1, 2`,
    countryRiskMap(),
    db.user.findMany({ where: { role: "CASEWORKER" }, select: { id: true, email: true, status: true } }),
  ]);

  const scopeLink = { country: filter.country, assignee: filter.assignee, risk: filter.risk };
  const period = { from: isoDay(from), to: isoDay(filter.to) };
  const statusCount = new Map(byStatus.map((r) => [r.status, r._count._all]));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const weekly = (rows: Array<{ week: Date; count: number }>, kind: "created" | "closed") => {
    const counts = new Map(rows.map((r) => [isoDay(r.week), r.count]));
    return weeksBetween(from, filter.to).map((week) => {
      const start = new Date(`${week}T00:00:00.000Z`);
      const end = new Date(start.getTime() + 6 * DAY);
      const lo = start < from ? from : start;
      const hi = end > filter.to ? filter.to : end;
      const bounds = kind === "created" ? { createdFrom: lo, createdTo: hi } : { status: "CLOSED" as const, closedFrom: lo, closedTo: hi };
      return { key: week, week, count: counts.get(week) ?? 0, filter: { ...scopeLink, status: kind === "created" ? ("all" as const) : undefined, ...bounds } };
    });
  };
  const appsByDestination = new Map<string, Array<{ status: ApplicationStatus; count: number }>>();
  for (const row of applications) appsByDestination.set(row.destination, [...(appsByDestination.get(row.destination) ?? []), row]);

  return {
    filter: { ...period, country: filter.country, assignee: filter.assignee, risk: filter.risk, staleDays: filter.staleDays },
    openTotal: [...statusCount.values()].reduce((a, b) => a + b, 0),
    open: { key: "open", count: [...statusCount.values()].reduce((a, b) => a + b, 0), filter: scopeLink },
    byStatus: OPEN_STATUSES.map((status) => ({ key: status, status, count: statusCount.get(status) ?? 0, filter: { ...scopeLink, status } })),
    byCountry: byCountry.map((r) => ({ key: r.currentCountry, country: r.currentCountry, risk: risks.get(r.currentCountry) ?? null, count: r._count._all, filter: { ...scopeLink, country: r.currentCountry } })),
    inDanger: { key: "danger", count: inDanger, origin, extradition, filter: { ...scopeLink, view: "danger" } },
    noTravelDocument: { key: "nodoc", count: noDoc, filter: { ...scopeLink, view: "nodoc" } },
    stale: { key: "stale", count: stale, filter: { ...scopeLink, view: "stale", staleDays: filter.staleDays === 14 ? undefined : filter.staleDays } },
    overdueSteps: { key: "overdue", count: overdue, filter: { ...scopeLink, view: "overdue" } },
    upcomingAppointments: { key: "appointments", count: appointments, filter: { ...scopeLink, view: "appointments" } },
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
    stageDays: OPEN_STATUSES.filter((s) => s !== "RELOCATED").map((stage) => {
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
          byStatus[row.status] = { key: row.status, count: row.count, filter: { ...scopeLink, status: "all", appDestination: destination, appStatus: row.status, appFrom: from, appTo: filter.to } };
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
}

