import { useFormatter, useNow, useTranslations } from "next-intl";

/**
 * How the app writes dates: as markup (<DateTime> and the others) and as text for sentences and
 * form inputs. Calendar days (due dates, decisions, a report's period) are UTC days; moments are
 * shown in the request's time zone.
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

/** The value of an <input type="datetime-local"> showing this moment (UTC). */
export function dateTimeInputValue(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().slice(0, 16) : undefined;
}

/** "3 days ago"-style relative time, with the exact date in the tooltip and for machines. */
export function RelativeTime({ date }: { date: Date }) {
  const format = useFormatter();
  const now = useNow();
  return (
    <time dateTime={date.toISOString()} title={momentText(format, date)}>
      {format.relativeTime(date, now)}
    </time>
  );
}

export function DateOnly({ date }: { date: Date }) {
  const format = useFormatter();
  return <time dateTime={dateInputValue(date)}>{dayText(format, date)}</time>;
}

export function DateTime({ date }: { date: Date }) {
  const format = useFormatter();
  return <time dateTime={date.toISOString()}>{momentText(format, date)}</time>;
}

/** Whole days since a moment ("12 days in stage"), the exact date in the tooltip. */
export function DaysSince({ date, messageKey }: { date: Date; messageKey: "daysInStage" }) {
  const format = useFormatter();
  const now = useNow();
  const t = useTranslations("time");
  const days = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 86_400_000));
  return (
    <time dateTime={date.toISOString()} title={momentText(format, date)}>
      {t(messageKey, { count: days })}
    </time>
  );
}
