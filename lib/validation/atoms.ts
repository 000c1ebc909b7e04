import { z } from "zod";
import { isCountryCode } from "@/lib/validation/country-codes";

/** Shared zod atoms, used by forms and by the server. */

export const CASE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CASE_CODE_PATTERN = /^WP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

/** A case code as typed: case and surrounding space forgiven, then it must match exactly. */
export const CaseCodeSchema = z
  .string()
  .trim()
  .max(20)
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(CASE_CODE_PATTERN, { error: "invalid_case_code" }));

/** ISO 3166-1 alpha-2, upper case, and a country that exists. */
export const CountryCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}$/, { error: "invalid_country" })
      .refine(isCountryCode, { error: "invalid_country" }),
  );

/** A calendar date `YYYY-MM-DD`, as a Date at UTC midnight. */
export const DateOnlySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalid_date" })
  .transform((value, ctx) => {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: "custom", message: "invalid_date" });
      return z.NEVER;
    }
    return date;
  });

/** Empty form fields become undefined, so optional fields can be left blank. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
}

export const UuidSchema = z.uuid({ error: "invalid_id" });

/** Optimistic concurrency: the version of the record the user saw. */
export const VersionSchema = z.coerce.number().int().min(1).max(2_147_483_647);
