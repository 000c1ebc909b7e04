import { useFormatter, useNow, useTranslations } from "next-intl";

/** "3 days ago"-style relative time, with the exact date in the tooltip and for machines. */
export function RelativeTime({ date }: { date: Date }) {
  const format = useFormatter();
  const now = useNow();
  return (
    <time dateTime={date.toISOString()} title={format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })}>
      {format.relativeTime(date, now)}
    </time>
  );
}

export function DateOnly({ date }: { date: Date }) {
  const format = useFormatter();
  return <time dateTime={date.toISOString().slice(0, 10)}>{format.dateTime(date, { dateStyle: "medium", timeZone: "UTC" })}</time>;
}

export function DateTime({ date }: { date: Date }) {
  const format = useFormatter();
  return <time dateTime={date.toISOString()}>{format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })}</time>;
}

/** Whole days since a moment ("12 days in stage"), the exact date in the tooltip. */
export function DaysSince({ date, messageKey }: { date: Date; messageKey: "daysInStage" }) {
  const format = useFormatter();
  const now = useNow();
  const t = useTranslations("time");
  const days = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 86_400_000));
  return (
    <time dateTime={date.toISOString()} title={format.dateTime(date, { dateStyle: "medium", timeStyle: "short" })}>
      {t(messageKey, { count: days })}
    </time>
  );
}
