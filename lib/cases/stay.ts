import type { StayRule } from "@/lib/countries/stay-rule-order";

/**
 * How long a person may still stay where they are: the days used in the current window and the day
 * the stay runs out, from their movements and the country's stay rule (ADR 020). Pure.
 *
 * Counting: the day of arrival and the day of departure are both days in the country (as border
 * guards count them). With a window, the rule is rolling: on any day, the days spent in the country
 * over the window ending that day must not exceed the days allowed. Without one, days are counted
 * per entry. The stay is assumed to go on without a break, so the day it runs out depends on the
 * movements alone, not on today: the coarse week stored for lists stays true until a movement or
 * the rule changes.
 */

export interface StayMovement {
  country: string;
  arrivedOn: Date | null;
  leftOn: Date | null;
}

export type StayFacts =
  /** No limit applies: no rule, or the rule has no day limit. */
  | { kind: "unlimited"; since: Date | null; daysUsed: number | null; registrationBy: Date | null }
  /** The person is not in a stay we can count (no open stay in the country, or its arrival day is unknown). */
  | { kind: "unknown_arrival" }
  | {
      kind: "limited";
      since: Date;
      daysUsed: number;
      daysAllowed: number;
      windowDays: number | null;
      endsOn: Date;
      daysLeft: number;
      registrationBy: Date | null;
    };

const DAY = 86_400_000;
const dayNumber = (d: Date) => Math.floor(d.getTime() / DAY);
const fromDayNumber = (n: number) => new Date(n * DAY);

/** The stay in `country`, or null when the person is not there (no open movement in it). */
export function computeStay(movements: readonly StayMovement[], country: string, rule: StayRule | null, today: Date): StayFacts | null {
  const here = movements.filter((m) => m.country === country);
  const open = here.filter((m) => m.leftOn === null);
  if (open.length === 0) return null;
  const current = open.reduce<StayMovement | null>((latest, m) => {
    if (!m.arrivedOn) return latest ?? m;
    return !latest?.arrivedOn || m.arrivedOn > latest.arrivedOn ? m : latest;
  }, null);
  const since = current?.arrivedOn ?? null;
  const todayN = dayNumber(today);
  const registrationBy = since && rule?.registrationDays ? fromDayNumber(dayNumber(since) + rule.registrationDays - 1) : null;
  if (!rule || rule.stayDays === null) {
    return { kind: "unlimited", since, daysUsed: since ? Math.max(0, todayN - dayNumber(since) + 1) : null, registrationBy };
  }
  if (!since) return { kind: "unknown_arrival" };
  const start = dayNumber(since);
  const allowed = rule.stayDays;
  const window = rule.windowDays;
  // Days present before the current stay (earlier stays in the same country with both days known).
  const earlier = new Set<number>();
  for (const m of here) {
    if (m === current || !m.arrivedOn || !m.leftOn) continue;
    for (let d = dayNumber(m.arrivedOn); d <= Math.min(dayNumber(m.leftOn), start - 1); d += 1) earlier.add(d);
  }
  const present = (d: number) => d >= start || earlier.has(d);
  const usedOn = (day: number): number => {
    if (window === null) return Math.max(0, day - start + 1);
    let count = 0;
    for (let d = day - window + 1; d <= day; d += 1) if (present(d)) count += 1;
    return count;
  };
  // The last day on which the days used are still within the allowance, staying on without a break.
  // Slides the window one day at a time: the day entering is present, the day leaving may be.
  let endsN = start - 1;
  const horizon = start + allowed + (window ?? 0) + 1;
  let used = usedOn(start);
  for (let d = start; d <= horizon && used <= allowed; d += 1) {
    endsN = d;
    used += window === null ? 1 : 1 - (present(d + 1 - window) ? 1 : 0);
  }
  const daysUsed = todayN < start ? 0 : usedOn(todayN);
  if (window !== null && allowed >= window) {
    return { kind: "unlimited", since, daysUsed, registrationBy };
  }
  return {
    kind: "limited",
    since,
    daysUsed,
    daysAllowed: allowed,
    windowDays: window,
    endsOn: fromDayNumber(endsN),
    daysLeft: endsN - todayN,
    registrationBy,
  };
}
