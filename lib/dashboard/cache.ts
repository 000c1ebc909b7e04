import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { getDashboard, type DashboardDTO } from "./queries";
import { isoDay, type DashboardFilter } from "./schemas";

/**
 * The dashboard's figures are aggregates over every open case: fifteen queries that take about a
 * second of database time at 100,000 cases, and they are the same for every coordinator. Each app
 * instance therefore computes them at most once per filter and period (DASHBOARD_CACHE_SECONDS,
 * default 30 s) and shares the result, including with the requests that arrive while it is being
 * computed. The page says how old its figures are; the CSV export never reuses finished figures
 * (see `fresh` below) and says when they were computed. Only aggregates are held (no case,
 * no contact, no note), in memory, never on disk; a restart forgets them.
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

const entries = new Map<string, { expires: number; pending: boolean; figures: Promise<DashboardFigures> }>();

export function dashboardCacheSeconds(): number {
  return env().DASHBOARD_CACHE_SECONDS;
}

function keyOf(actor: Actor, filter: DashboardFilter): string {
  // Coordinators see every case, so they share figures; anyone else's scope is their own.
  const scope = actor.role === "COORDINATOR" ? "all" : `${actor.role}:${actor.userId}`;
  return JSON.stringify([scope, isoDay(filter.from), isoDay(filter.to), filter.country ?? "", filter.assignee ?? "", filter.risk ?? "", filter.staleDays]);
}

/**
 * The figures for `filter`, computed at most once per cache period. With `fresh`, figures computed
 * earlier are not reused, but a computation still running is joined (the report export: many
 * downloads at once cost one computation, and none is older than its request).
 */
export async function getDashboardFigures(actor: Actor, filter: DashboardFilter, now = new Date(), options: { fresh?: boolean } = {}): Promise<DashboardFigures> {
  assertCan(actor, "dashboard:view");
  const seconds = dashboardCacheSeconds();
  if (seconds === 0) return { data: await getDashboard(actor, filter, now), asOf: now };

  const key = keyOf(actor, filter);
  const held = entries.get(key);
  if (held && (options.fresh ? held.pending : held.expires > now.getTime())) return held.figures;

  const figures = getDashboard(actor, filter, now).then((data) => ({ data, asOf: now }));
  const entry = { expires: now.getTime() + seconds * 1000, pending: true, figures };
  entries.delete(key);
  entries.set(key, entry);
  figures.then(
    () => {
      entry.pending = false;
    },
    // A failed computation is not kept: the next request tries again.
    () => {
      if (entries.get(key) === entry) entries.delete(key);
    },
  );
  for (const [oldest, stale] of entries) {
    if (entries.size <= MAX_ENTRIES) break;
    if (stale !== entry) entries.delete(oldest);
  }
  return figures;
}

/** Drops every held figure: after moves a coordinator expects to see at once, and in tests. */
export function forgetDashboardFigures(): void {
  entries.clear();
}
