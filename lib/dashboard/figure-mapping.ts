import "server-only";
import { OPEN_STATUSES, type ApplicationStatus, type CaseStatus } from "@/lib/cases/vocabulary";
import type { CountRow, DashboardDTO, FigureKeys } from "./dto";
import { keySumOf, type FigureRows, type WeekRow } from "./figure-rows";
import { outcomesFromRows } from "./outcomes";
import { isoDay, type DashboardFilter } from "./schemas";

/**
 * The dashboard's DTO from its rows: every figure with the case-list filter that shows exactly the
 * cases it counts, and apart, the record-key sums of the figures the report exports.
 */

const DAY = 86_400_000;

/** The stages whose stays are measured: RELOCATED is where the journey ends. */
const STAGES = OPEN_STATUSES.filter((s): s is Exclude<CaseStatus, "CLOSED" | "RELOCATED"> => s !== "RELOCATED");
const isStage = (status: CaseStatus) => new Set<string>(STAGES).has(status);

/** Mondays (ISO weeks, UTC) from the week of `from` to the week of `to`. */
function weeksBetween(from: Date, to: Date): string[] {
  const start = new Date(from);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (let d = start; d <= to; d = new Date(d.getTime() + 7 * DAY)) weeks.push(isoDay(d));
  return weeks;
}

export function dashboardFromRows(rows: FigureRows, filter: DashboardFilter): { data: DashboardDTO; keys: FigureKeys } {
  const {
    byStatus,
    byCountry,
    inDanger,
    origin,
    extradition,
    noDoc,
    stale,
    overdue,
    appointments,
    staysEnding,
    entriesSoon,
    caseload,
    newWeeks,
    closedWeeks,
    stages,
    applications,
    outcomes,
    risks,
    staff,
  } = rows;
  const from = filter.from;
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
    staysEnding: staysEnding.keySum,
    entriesSoon: entriesSoon.keySum,
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
    staysEnding: { key: "stay", count: staysEnding.count, filter: { ...scopeLink, view: "stay", sort: "stay" } },
    entriesSoon: { key: "entry", count: entriesSoon.count, filter: { ...scopeLink, view: "entry" } },
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
    outcomes: outcomesFromRows(outcomes, scopeLink, from, filter.to),
  };
  return { data, keys };
}
