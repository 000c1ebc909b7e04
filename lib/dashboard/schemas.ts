import { z } from "zod";
import { RISK_LEVELS } from "@/lib/cases/vocabulary";
import { CountryCodeSchema, DateOnlySchema, optionalField, UuidSchema } from "@/lib/validation/atoms";

/**
 * The longest period the dashboard shows, in days (about ten years): its weekly figures are one row
 * per week, so a period from the year 1 to 9999 would be half a million rows of nothing.
 */
export const MAX_PERIOD_DAYS = 3653;

const DashboardFilterFields = z.object({
  from: optionalField(DateOnlySchema).catch(undefined),
  to: optionalField(DateOnlySchema).catch(undefined),
  country: optionalField(CountryCodeSchema).catch(undefined),
  assignee: optionalField(z.union([UuidSchema, z.literal("none")])).catch(undefined),
  risk: optionalField(z.enum(RISK_LEVELS)).catch(undefined),
  staleDays: optionalField(z.coerce.number().int().min(1).max(365)).catch(undefined),
});

/**
 * The dashboard's filters, kept in the URL, for a reader whose day is `today` (their time zone's,
 * ADR 030: the period ends today by default). Malformed values fall back to the defaults.
 */
export function dashboardFilterSchema(today: () => Date) {
  return DashboardFilterFields.transform((f) => {
    const to = f.to ?? today();
    const earliest = new Date(to.getTime() - MAX_PERIOD_DAYS * 86_400_000);
    const from = f.from && f.from <= to ? (f.from < earliest ? earliest : f.from) : new Date(to.getTime() - 83 * 86_400_000);
    return { ...f, from, to, staleDays: f.staleDays ?? 14 };
  });
}

/** The same where no reader's day is at hand: the refresh and the export post the page's period, so the default is seldom used. */
export const DashboardFilterSchema = dashboardFilterSchema(() => new Date(new Date().toISOString().slice(0, 10) + "T00:00:00.000Z"));
export type DashboardFilter = z.output<typeof DashboardFilterSchema>;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
