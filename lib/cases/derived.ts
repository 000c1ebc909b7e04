import type { DocumentState, DocumentType } from "@/lib/db/generated/enums";

/**
 * Facts derived from a case's parts, kept on the case row so lists and dashboards can filter them
 * with an index. Pure functions: the mutations call them on every relevant write.
 */

/** "Held without expiry" is stored as this far-future date so one comparison answers "valid on day X". */
export const NO_EXPIRY = new Date("9999-12-31T00:00:00.000Z");

/** Document types that let a person cross borders beyond the CIS. */
export const TRAVEL_DOCUMENT_TYPES: readonly DocumentType[] = ["FOREIGN_PASSPORT"];

/**
 * Until when the person holds a valid travel document, at month grain (the exact expiry day is sealed):
 * a passport counts as valid until the last day before the month it expires in.
 */
export function travelDocValidUntil(
  documents: ReadonlyArray<{ type: DocumentType; state: DocumentState; expiresOn: Date | null }>,
): Date | null {
  const held = documents.filter((d) => TRAVEL_DOCUMENT_TYPES.includes(d.type) && d.state === "HELD");
  if (held.length === 0) return null;
  return held.reduce<Date>((latest, d) => {
    const until = d.expiresOn ? dayBeforeMonth(d.expiresOn) : NO_EXPIRY;
    return until > latest ? until : latest;
  }, new Date(0));
}

export function hasValidTravelDocument(validUntil: Date | null, today: Date): boolean {
  return validUntil !== null && validUntil >= startOfUtcDay(today);
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

// The coarse values kept in clear beside a sealed exact one, so that lists and dashboards can filter
// without the key: the ISO week of a move, the month of an expiry, the day of an appointment.

const DAY = 86_400_000;

/** Monday (UTC) of the ISO week holding `date`. */
export function isoWeekStart(date: Date): Date {
  const day = startOfUtcDay(date);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

/** The first day of the month holding `date`. */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** The last day before the month holding `date`. */
export function dayBeforeMonth(date: Date): Date {
  return new Date(monthStart(date).getTime() - DAY);
}
