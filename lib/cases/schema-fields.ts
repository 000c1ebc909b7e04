import { z } from "zod";
import { DEFAULT_TIME_ZONE, instantOfLocal } from "@/lib/time/zones";
import { CityKeySchema } from "@/lib/places/schemas";
import { CaseCodeSchema, DateOnlySchema, optionalField, VersionSchema } from "@/lib/validation/atoms";
import { countryOfListedCity, isListedCity, OTHER_PLACE } from "./places";
import { screenText, screeningMessage } from "./screening";

/**
 * The fields the case schemas (schemas.ts, record-schemas.ts) are made of. Forms post strings; these
 * coerce, bound and screen them.
 */

/** Free text that must not carry identifiers (see screening.ts). */
export function screenedText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: "too_long" })
    .superRefine((value, ctx) => {
      const findings = screenText(value);
      if (findings.length) ctx.addIssue({ code: "custom", message: screeningMessage(findings) });
    });
}

/**
 * The name of something the organisation keeps (a partner lawyer, a checklist item): required, short,
 * and never a way to reach someone (a phone number, an e-mail, a link, a handle, an address). Names
 * themselves are allowed here, unlike in a case's free text: these lists are about the organisation.
 */
export function organisationLabel(max: number) {
  return z
    .string()
    .trim()
    .min(2, { error: "required" })
    .max(max, { error: "too_long" })
    .superRefine((value, ctx) => {
      const contact = screenText(value).filter(
        (f) => f.kind === "email" || f.kind === "phone" || f.kind === "url" || f.kind === "handle" || f.kind === "address",
      );
      if (contact.length) ctx.addIssue({ code: "custom", message: screeningMessage(contact) });
    });
}

export const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** A day that has happened (arrivals, submissions, decisions). */
export const PastDate = DateOnlySchema.refine((d) => d.getTime() <= Date.now() + 86_400_000, { error: "date_in_future" });

/**
 * `datetime-local` input ("2025-06-12T10:30"): a wall-clock time, kept as typed. Which moment it
 * names depends on the zone of whoever typed it, so the data-access layer reads it in the actor's
 * zone (`momentOf` in lib/access/actor.ts, ADR 030).
 */
export const DateTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "invalid_datetime" })
  .refine((value) => instantOfLocal(value, DEFAULT_TIME_ZONE) !== null, { error: "invalid_datetime" });

/** A month `YYYY-MM` that has begun: when something became known, when a stage was reached. */
export const PastMonth = z
  .string()
  .trim()
  .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { error: "invalid_month" })
  .refine((month) => month <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 7), { error: "month_in_future" });

export const CaseRef = { code: CaseCodeSchema, version: VersionSchema };

/**
 * A place: a city from the list of the country chosen beside it, or "other" with a typed place
 * (screened; it will be sealed), or nothing. `city` and `other` name the form's two fields.
 */
export const PlaceChoice = optionalField(z.union([z.literal(OTHER_PLACE), CityKeySchema], { error: "invalid_city" }));
export const PlaceOther = optionalField(screenedText(120));

export function placeOf<C extends string, K extends string, O extends string>(country: C | null, city: K, other: O) {
  return (value: Partial<Record<C | K | O, unknown>>, ctx: z.RefinementCtx) => {
    const choice = value[city];
    const where = country === null ? undefined : value[country];
    // A place is a city of the country beside it; an office, any listed city (see places.ts).
    const listed =
      typeof choice !== "string" ||
      choice === OTHER_PLACE ||
      (country === null ? countryOfListedCity(choice) !== null : typeof where === "string" && isListedCity(where, choice));
    if (!listed) ctx.addIssue({ code: "custom", path: [city], message: "invalid_city" });
    if (choice === OTHER_PLACE && !value[other]) ctx.addIssue({ code: "custom", path: [other], message: "required" });
  };
}

/** The city key to store and the "other" text to seal, under the form's names: one of them, or neither. */
export function resolvePlace<C extends string, O extends string>(
  city: C,
  other: O,
  choice: string | undefined,
  text: string | undefined,
): Partial<Record<C | O, string>> {
  const place: Partial<Record<string, string>> = {};
  if (choice === OTHER_PLACE) place[other] = text;
  else if (choice) place[city] = choice;
  return place as Partial<Record<C | O, string>>;
}
