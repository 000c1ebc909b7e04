/**
 * A country's stay rule, and which way a change of it goes. Pure.
 *
 * Loosening a rule (a longer stay, a shorter window or none, later or no registration, entry without
 * a foreign passport becoming possible) tells caseworkers a person is safe where they are for longer
 * than before, so it waits for a coordinator's confirmation, as lowering a risk does (ADR 013, 020).
 * Tightening applies at once.
 */

export type StayRule = {
  /** Days allowed within `windowDays` (rolling), or per entry when `windowDays` is null; null: no limit. */
  stayDays: number | null;
  windowDays: number | null;
  /** Registration is required after this many days; null: none required. */
  registrationDays: number | null;
  passportFreeEntry: boolean;
};

/** A country without a rule: nothing is counted and nothing is promised. */
export const NO_STAY_RULE: StayRule = { stayDays: null, windowDays: null, registrationDays: null, passportFreeEntry: false };

export const STAY_RULE_FIELDS = ["stayDays", "windowDays", "registrationDays", "passportFreeEntry"] as const satisfies ReadonlyArray<
  keyof StayRule
>;

/** Null counts as "no limit" (the loosest value). */
function later(from: number | null, to: number | null): boolean {
  if (from === null) return false;
  return to === null || to > from;
}

/** Whether any part of the change gives a person more room than before. */
export function loosensStayRule(from: StayRule, to: StayRule): boolean {
  if (later(from.stayDays, to.stayDays)) return true;
  // The same days over a shorter window (or per entry, which resets on leaving) come back sooner.
  if (to.stayDays !== null && from.windowDays !== null && (to.windowDays === null || to.windowDays < from.windowDays)) return true;
  if (later(from.registrationDays, to.registrationDays)) return true;
  return !from.passportFreeEntry && to.passportFreeEntry;
}

/** The names of the parts that differ (for the audit entry, which names fields, never values). */
export function changedStayFields(from: StayRule, to: StayRule): Array<(typeof STAY_RULE_FIELDS)[number]> {
  return STAY_RULE_FIELDS.filter((field) => from[field] !== to[field]);
}
