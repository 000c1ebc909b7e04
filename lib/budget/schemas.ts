import { z } from "zod";
import * as Enums from "@/lib/db/generated/enums";
import { CaseRef, checkbox, PastMonth, screenedText } from "@/lib/cases/schema-fields";
import { optionalField, UuidSchema } from "@/lib/validation/atoms";
import { DECISIONS } from "./approval";
import { AmountSchema, CurrencySchema, ThresholdSchema } from "./money";

/** The inputs about help given and budget lines, as the server parses them (unknown keys dropped). */

export const ASSISTANCE_TYPES = Object.values(Enums.AssistanceType);
export const ASSISTANCE_STATUSES = Object.values(Enums.AssistanceStatus);

/** Help given to a case: a month, never a day (ADR 022); a remark is screened and sealed. */
export const RecordAssistanceSchema = z.object({
  ...CaseRef,
  type: z.enum(ASSISTANCE_TYPES, { error: "required" }),
  amount: AmountSchema,
  currency: CurrencySchema,
  month: PastMonth,
  budgetLineId: UuidSchema,
  note: optionalField(screenedText(300)),
});
export type RecordAssistanceInput = z.infer<typeof RecordAssistanceSchema>;

export const DecideAssistanceSchema = z.object({
  ...CaseRef,
  assistanceId: UuidSchema,
  decision: z.enum(DECISIONS),
});
export type DecideAssistanceInput = z.infer<typeof DecideAssistanceSchema>;

/** A budget line is organisational: a short label, screened like any typed text all the same. */
const BudgetLineFields = {
  label: screenedText(60).pipe(z.string().min(2, { error: "required" })),
  currency: CurrencySchema,
  threshold: ThresholdSchema,
  active: checkbox,
};

export const CreateBudgetLineSchema = z.object(BudgetLineFields);
export type CreateBudgetLineInput = z.infer<typeof CreateBudgetLineSchema>;

export const UpdateBudgetLineSchema = z.object({ id: UuidSchema, ...BudgetLineFields });
export type UpdateBudgetLineInput = z.infer<typeof UpdateBudgetLineSchema>;

/** The budget view's and donor report's period: whole months, `from` to `to` inclusive, at most 36. */
export const MonthRangeSchema = z
  .object({ from: PastMonth, to: PastMonth })
  .refine((r) => r.from <= r.to, { error: "invalid_period", path: ["to"] })
  .refine((r) => monthsBetween(r.from, r.to) <= 36, { error: "period_too_long", path: ["to"] });
export type MonthRange = z.infer<typeof MonthRangeSchema>;

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty! - fy!) * 12 + (tm! - fm!) + 1;
}

/** `YYYY-MM` → the first day of that month (UTC), as `assistance.month` stores it. */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

/** The first day of the month after `month`. */
export function monthAfter(month: string): Date {
  const d = monthStart(month);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** This year so far, `YYYY-01` to the current month: the period a report shows when none is asked for. */
export function yearSoFar(now = new Date()): MonthRange {
  const month = now.toISOString().slice(0, 7);
  return { from: `${month.slice(0, 4)}-01`, to: month };
}

/** A posted period; absent fields mean this year so far. */
export const PostedMonthRangeSchema = z.preprocess((value) => {
  const fields = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const fallback = yearSoFar();
  return { from: fields.from || fallback.from, to: fields.to || fallback.to };
}, MonthRangeSchema);
