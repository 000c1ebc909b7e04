import type { useFormatter } from "next-intl";
import { localInputValue } from "@/lib/time/zones";

/**
 * How the app writes dates as text, for sentences and form inputs (time.tsx puts them in <time>
 * elements). Calendar days (due dates, decisions, a report's period) are stored as dates, read at
 * UTC midnight, so they are written in UTC; moments are shown in the request's time zone: the
 * viewer's, else the organisation's (lib/i18n/request.ts, ADR 030).
 */

/** What formats a date: next-intl's useFormatter() in components, getFormatter() in async pages. */
type DateFormatter = Pick<ReturnType<typeof useFormatter>, "dateTime">;

const MOMENT = { dateStyle: "medium", timeStyle: "short" } as const;
const DAY = { dateStyle: "medium", timeZone: "UTC" } as const;
const SHORT_DAY = { day: "numeric", month: "short", timeZone: "UTC" } as const;

/** A moment as text ("4 Dec 2026, 14:05"), for a sentence. */
export function momentText(format: DateFormatter, date: Date): string {
  return format.dateTime(date, MOMENT);
}

/** A calendar day as text: "4 Dec 2026", or "4 Dec" when short. Takes a date or its YYYY-MM-DD. */
export function dayText(format: DateFormatter, day: Date | string, style: "medium" | "short" = "medium"): string {
  const date = typeof day === "string" ? new Date(`${day}T00:00:00.000Z`) : day;
  return format.dateTime(date, style === "medium" ? DAY : SHORT_DAY);
}

/** The value of an <input type="date"> showing this day. */
export function dateInputValue(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().slice(0, 10) : undefined;
}

/** The value of an <input type="datetime-local"> showing this moment on `zone`'s clock (the viewer's). */
export function dateTimeInputValue(date: Date | null | undefined, zone: string): string | undefined {
  return date ? localInputValue(date, zone) : undefined;
}

/** A moment with the zone it is read in ("8 Dec 2026, 10:30 (Asia/Almaty)"): an appointment's time. */
export function zonedMomentText(format: DateFormatter, date: Date, zone: string): string {
  return `${format.dateTime(date, { ...MOMENT, timeZone: zone })} (${zone})`;
}

/** A month `YYYY-MM` as text ("March 2026"). */
export function monthText(format: DateFormatter, month: string): string {
  return format.dateTime(new Date(`${month}-01T00:00:00.000Z`), { month: "long", year: "numeric", timeZone: "UTC" });
}
