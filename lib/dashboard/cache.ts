import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { bulkMovesSoFar } from "@/lib/cases/bulk-moves";
import { caseScopeKey } from "@/lib/cases/scope";
import { env } from "@/lib/env";
import type { DashboardDTO, FigureKeys } from "./dto";
import { getDashboard, getDashboardWithKeys } from "./queries";
import { isoDay, type DashboardFilter } from "./schemas";

/**
 * The dashboard's figures are aggregates over every open case: fifteen queries that take about a
 * second of database time at 100,000 cases, and they are the same for every coordinator. Each app
 * instance therefore computes them at most once per filter and period (DASHBOARD_CACHE_SECONDS,
 * default 30 s) and shares the result, including with the requests that arrive while it is being
 * computed. The page says how old its figures are. Only aggregates are held (no case, no contact,
 * no note), in memory, never on disk; a restart forgets them.
 *
 * The CSV export never reuses finished figures and says when they were computed: it asks for its
 * own computation with the record-key sums of its disclosure control (getReportFigures), which
 * exports arriving meanwhile join, and which is forgotten as soon as it is done.
 *
 * The permission is checked before the cache is consulted, and the key carries the reader's scope,
 * so the cache can never answer someone the uncached query would refuse or answer differently.
 */

export interface DashboardFigures {
  data: DashboardDTO;
  /** When the figures were computed. */
  asOf: Date;
}

// Filters come from the URL; bound what many distinct ones can hold.
const MAX_ENTRIES = 100;

const entries = new Map<string, { expires: number; figures: Promise<DashboardFigures> }>();

export function dashboardCacheSeconds(): number {
  return env().DASHBOARD_CACHE_SECONDS;
}

function keyOf(actor: Actor, filter: DashboardFilter): string {
  // Actors who see the same cases share figures.
  return JSON.stringify([
    caseScopeKey(actor),
    isoDay(filter.from),
    isoDay(filter.to),
    filter.country ?? "",
    filter.assignee ?? "",
    filter.risk ?? "",
    filter.staleDays,
  ]);
}

let movesSeen = bulkMovesSoFar();

/** After a bulk move of cases (lib/cases/bulk-moves.ts), nothing held before it is served. */
function forgetIfCasesMoved(): void {
  if (bulkMovesSoFar() === movesSeen) return;
  movesSeen = bulkMovesSoFar();
  forgetDashboardFigures();
}

/** The figures for `filter`, computed at most once per cache period (the dashboard page). */
export async function getDashboardFigures(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<DashboardFigures> {
  assertCan(actor, "dashboard:view");
  forgetIfCasesMoved();
  const seconds = dashboardCacheSeconds();
  if (seconds === 0) return { data: await getDashboard(actor, filter, now), asOf: now };

  const key = keyOf(actor, filter);
  const held = entries.get(key);
  if (held && held.expires > now.getTime()) return held.figures;

  const figures = getDashboard(actor, filter, now).then((data) => ({ data, asOf: now }));
  const entry = { expires: now.getTime() + seconds * 1000, figures };
  entries.delete(key);
  entries.set(key, entry);
  // A failed computation is not kept: the next request tries again.
  figures.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  for (const [oldest, stale] of entries) {
    if (entries.size <= MAX_ENTRIES) break;
    if (stale !== entry) entries.delete(oldest);
  }
  return figures;
}

export interface ReportFigures extends DashboardFigures {
  /** Record-key sums for the report's disclosure control: never rendered, never sent to a browser. */
  keys: FigureKeys;
}

const reports = new Map<string, Promise<ReportFigures>>();

/**
 * The figures for `filter` with the record-key sums the report needs, computed for this request:
 * simultaneous exports of the same report join one running computation (50 downloads at once cost
 * one), and nothing is kept once it is done.
 */
export async function getReportFigures(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<ReportFigures> {
  assertCan(actor, "dashboard:view");
  forgetIfCasesMoved();
  const compute = () => getDashboardWithKeys(actor, filter, now).then(({ data, keys }) => ({ data, keys, asOf: now }));
  if (dashboardCacheSeconds() === 0) return compute();
  const key = keyOf(actor, filter);
  const running = reports.get(key);
  if (running) return running;
  const figures = compute();
  reports.set(key, figures);
  const done = () => {
    if (reports.get(key) === figures) reports.delete(key);
  };
  figures.then(done, done);
  return figures;
}

/** Drops every held figure: after bulk moves of cases, and in tests. */
export function forgetDashboardFigures(): void {
  entries.clear();
  reports.clear();
}
