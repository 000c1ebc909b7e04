import { z } from "zod";
import { checkbox, PastDate } from "@/lib/cases/schema-fields";
import { CountryCodeSchema, optionalField } from "@/lib/validation/atoms";

const Days = z.coerce.number({ error: "invalid_days" }).int({ error: "invalid_days" }).min(1, { error: "invalid_days" }).max(3650, {
  error: "invalid_days",
});

/** An admin's stay rule for one country, as the form sends it. Blank numbers mean "no limit" / "none". */
export const SetStayRuleSchema = z
  .object({
    countryCode: CountryCodeSchema,
    stayDays: optionalField(Days),
    windowDays: optionalField(Days),
    registrationDays: optionalField(Days),
    passportFreeEntry: checkbox,
    checkedOn: optionalField(PastDate),
    sourceNote: optionalField(z.string().trim().max(300, { error: "too_long" })),
  })
  .refine((v) => v.windowDays === undefined || v.stayDays !== undefined, { path: ["windowDays"], error: "window_needs_days" })
  .refine((v) => v.windowDays === undefined || v.stayDays === undefined || v.windowDays > v.stayDays, {
    path: ["windowDays"],
    error: "window_shorter_than_stay",
  })
  .transform((v) => ({
    countryCode: v.countryCode,
    rule: {
      stayDays: v.stayDays ?? null,
      windowDays: v.windowDays ?? null,
      registrationDays: v.registrationDays ?? null,
      passportFreeEntry: v.passportFreeEntry,
    },
    checkedOn: v.checkedOn ?? null,
    sourceNote: v.sourceNote ?? null,
  }));
export type SetStayRuleInput = z.infer<typeof SetStayRuleSchema>;

const StoredRule = z.strictObject({
  stayDays: z.number().int().nullable(),
  windowDays: z.number().int().nullable(),
  registrationDays: z.number().int().nullable(),
  passportFreeEntry: z.boolean(),
});

/** What a pending loosening holds (access_requests.stay_change): the rule when asked (null: none) and the one asked for. */
export const StayChangeSchema = z.strictObject({
  from: StoredRule.nullable(),
  to: StoredRule,
  checkedOn: z.string().nullable(),
  sourceNote: z.string().nullable(),
});
export type StayChange = z.infer<typeof StayChangeSchema>;
