/**
 * Time zones (ADR 030): the organisation's and each user's, as IANA names. Every conversion goes
 * through Intl.DateTimeFormat, which carries the zone rules; nothing here knows an offset by heart.
 *
 * A calendar day (a due day, "today") is kept as the UTC midnight of that date, as the database's
 * DATE columns are read: "today in Asia/Almaty" is the Almaty date of the moment, at 00:00Z.
 * Imported by client components (date-text.ts): no zod here (zone-schema.ts), to keep pages light.
 */

export const DEFAULT_TIME_ZONE = "UTC";

/** The zones a user may choose: the runtime's IANA list, and UTC (which the list leaves out). */
export const TIME_ZONES: readonly string[] = [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
const KNOWN = new Set(TIME_ZONES);

export function isTimeZone(value: string): boolean {
  return KNOWN.has(value);
}

/** A stored zone, or UTC if the runtime no longer knows it (a zone renamed by a later ICU). */
export function knownZone(zone: string | null | undefined): string {
  return zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, zone: string) {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, format);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(format.formatToParts(date).find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute"), second: part("second") };
}

/** The calendar day `date` falls on in `zone`, as that date's UTC midnight. */
export function dayIn(date: Date, zone: string): Date {
  const p = partsIn(date, zone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

/** How far `zone`'s wall clock is ahead of UTC at `date`, in milliseconds. */
function offsetAt(date: Date, zone: string): number {
  const p = partsIn(date, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The moment a wall-clock time ("2026-12-08T10:30", as a datetime-local input sends it) names in
 * `zone`. Two passes settle the offset across a change of clocks; a time skipped by a change
 * lands after it, a repeated one on one of its two occurrences.
 */
export function instantOfLocal(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const first = wall - offsetAt(new Date(wall), zone);
  const second = wall - offsetAt(new Date(first), zone);
  return new Date(second === first ? first : Math.max(first, second));
}

/** The value of a datetime-local input showing `date` on `zone`'s wall clock. */
export function localInputValue(date: Date, zone: string): string {
  const p = partsIn(date, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The UTC days that `zone`'s days `from` to `to` (both included) overlap: how to find, by a clear
 * column holding only a moment's UTC day (an appointment's), the moments of a reader's days.
 */
export function utcDaysCovering(from: Date, to: Date, zone: string): { from: Date; to: Date } {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const start = instantOfLocal(`${day(from)}T00:00`, zone)!;
  const end = instantOfLocal(`${day(to)}T23:59`, zone)!;
  return { from: dayIn(start, DEFAULT_TIME_ZONE), to: dayIn(end, DEFAULT_TIME_ZONE) };
}
