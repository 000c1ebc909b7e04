/**
 * The report's period, widened to whole ISO weeks (UTC): `from` to the Monday of its week, `to` to
 * the Sunday of its week. Two reports then cover the same weeks or differ by whole weeks, never by
 * a day, so the difference of their totals is a weekly count, itself published and rounded. Pure.
 */

const DAY = 86_400_000;

function mondayOf(day: Date): Date {
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

export function wholeIsoWeeks(period: { from: Date; to: Date }): { from: Date; to: Date } {
  return { from: mondayOf(period.from), to: new Date(mondayOf(period.to).getTime() + 6 * DAY) };
}
