import { z } from "zod";
import { DateOnlySchema, optionalField } from "@/lib/validation/atoms";

/** Text typed into a filter: no control characters (PostgreSQL refuses NUL in a query parameter). */
const FilterText = z
  .string()
  .trim()
  .regex(/^[^\u0000-\u001f\u007f]*$/);
/** A calendar day that exists, kept as its `YYYY-MM-DD` text (2025-13-45 would be an Invalid Date). */
const Day = z.string().refine((value) => DateOnlySchema.safeParse(value).success);
/** An audit entry id: a positive bigint that fits the column (19 nines do not). */
const EntryId = z.string().refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n);

/** Filters of /admin/audit, read from the URL. Anything malformed is dropped, not an error. */
export const AuditFilterSchema = z.object({
  actor: optionalField(FilterText.toLowerCase().max(254)).catch(undefined),
  action: optionalField(
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[a-z_.]+$/),
  ).catch(undefined),
  target: optionalField(FilterText.max(254)).catch(undefined),
  from: optionalField(Day).catch(undefined),
  to: optionalField(Day).catch(undefined),
  before: optionalField(EntryId).catch(undefined),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;
