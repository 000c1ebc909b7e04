import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import type { DashboardDTO, FigureKeys } from "./dto";
import { dashboardFromRows } from "./figure-mapping";
import { readFigureRows } from "./figure-rows";
import type { DashboardFilter } from "./schemas";

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
  return dashboardFromRows(await readFigureRows(actor, filter, now, withKeys), filter);
}
