import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { dateInputValue, dayText, momentText, zonedMomentText } from "./date-text";
import { timeElement, type TimeView } from "./time-view";

// Dates as markup: a <time> element with the machine-readable date. Their text comes from date-text.ts.
// Each is also a plain function of an already-made formatter (see badges.tsx for why lists use them).

/** next-intl's formatter, and its translator for the "time" messages. */
export type Formatter = ReturnType<typeof useFormatter>;
export type TimeMessages = ReturnType<typeof useTranslations<"time">>;

export function relativeTimeView(format: Formatter, now: Date, date: Date): TimeView {
  return { dateTime: date.toISOString(), title: momentText(format, date), text: format.relativeTime(date, now) };
}

/** "3 days ago"-style relative time, with the exact date in the tooltip and for machines. */
export function relativeTime(format: Formatter, now: Date, date: Date) {
  return timeElement(relativeTimeView(format, now, date));
}

export function RelativeTime({ date }: { date: Date }) {
  return relativeTime(useFormatter(), useNow(), date);
}

export function dateOnlyView(format: Formatter, date: Date): TimeView {
  return { dateTime: dateInputValue(date)!, text: dayText(format, date) };
}

export function dateOnly(format: Formatter, date: Date) {
  return timeElement(dateOnlyView(format, date));
}

export function DateOnly({ date }: { date: Date }) {
  return dateOnly(useFormatter(), date);
}

export function DateTime({ date }: { date: Date }) {
  const format = useFormatter();
  return <time dateTime={date.toISOString()}>{momentText(format, date)}</time>;
}

/** A moment on the viewer's clock with their zone named: an appointment, which others read elsewhere. */
export function ZonedDateTime({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{zonedMomentText(useFormatter(), date, useTimeZone() ?? "UTC")}</time>;
}

export function daysSinceView(format: Formatter, now: Date, t: TimeMessages, date: Date, messageKey: "daysInStage"): TimeView {
  const days = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 86_400_000));
  return { dateTime: date.toISOString(), title: momentText(format, date), text: t(messageKey, { count: days }) };
}

/** Whole days since a moment ("12 days in stage"), the exact date in the tooltip. */
export function daysSince(format: Formatter, now: Date, t: TimeMessages, date: Date, messageKey: "daysInStage") {
  return timeElement(daysSinceView(format, now, t, date, messageKey));
}

export function DaysSince({ date, messageKey }: { date: Date; messageKey: "daysInStage" }) {
  return daysSince(useFormatter(), useNow(), useTranslations("time"), date, messageKey);
}
