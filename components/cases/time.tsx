import { useFormatter, useNow, useTranslations } from "next-intl";
import { dateInputValue, dayText, momentText } from "./date-text";

// Dates as markup: a <time> element with the machine-readable date. Their text comes from date-text.ts.

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
