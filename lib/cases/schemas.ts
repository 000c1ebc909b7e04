import { z } from "zod";
import { CaseCodeSchema, CountryCodeSchema, DateOnlySchema, optionalField, UuidSchema } from "@/lib/validation/atoms";
import { CaseRef, PlaceChoice, placeOf, PlaceOther, resolvePlace, screenedText } from "./schema-fields";
import {
  AGE_BANDS,
  APPLICATION_STATUSES,
  APPLICATION_TYPES,
  CASE_LANGUAGES,
  CASE_STATUSES,
  CLOSE_REASONS,
  JURISDICTION_RISKS,
  OPEN_STATUSES,
  RISK_LEVELS,
  SERVICE_CATEGORIES,
} from "./vocabulary";

/**
 * A case's own inputs (intake, profile, status, assignment, contact) and the case list's filter, as
 * the server parses them. Unknown keys are dropped, so a client cannot set fields it may not. The
 * inputs about its records are in record-schemas.ts.
 */

export const ProfileFields = {
  ageBand: z.enum(AGE_BANDS, { error: "required" }),
  serviceCategory: z.enum(SERVICE_CATEGORIES, { error: "required" }),
  peopleTravelling: z.coerce
    .number({ error: "invalid_number" })
    .int({ error: "invalid_number" })
    .min(1, { error: "at_least_one" })
    .max(30, { error: "too_many" }),
  language: z.enum(CASE_LANGUAGES, { error: "required" }),
  riskLevel: z.enum(RISK_LEVELS, { error: "required" }),
};

export const ContactChannelSchema = z.string().trim().min(1, { error: "required" }).max(200, { error: "too_long" });

export const IntakeSchema = z
  .object({
    ...ProfileFields,
    currentCountry: CountryCodeSchema,
    placeCity: PlaceChoice,
    placeOther: PlaceOther,
    contactChannel: ContactChannelSchema,
    /** Coordinators pick a caseworker; a caseworker's own intake is assigned to them. */
    assigneeId: optionalField(UuidSchema),
  })
  .superRefine(placeOf("currentCountry", "placeCity", "placeOther"))
  .transform(({ placeCity, placeOther, ...rest }) => ({ ...rest, ...resolvePlace("placeCity", "placeOther", placeCity, placeOther) }));
export type IntakeInput = z.infer<typeof IntakeSchema>;

export const UpdateProfileSchema = z.object({ ...CaseRef, ...ProfileFields });
export type UpdateProfileInput = z.infer<typeof UpdateProfileSchema>;

export const ChangeStatusSchema = z.object({ ...CaseRef, to: z.enum(OPEN_STATUSES, { error: "invalid_status" }) });
export type ChangeStatusInput = z.infer<typeof ChangeStatusSchema>;

export const CloseCaseSchema = z
  .object({ ...CaseRef, reason: z.enum(CLOSE_REASONS, { error: "required" }), reasonText: optionalField(screenedText(500)) })
  .refine((v) => v.reason !== "OTHER" || Boolean(v.reasonText), { path: ["reasonText"], error: "reason_text_required" });
export type CloseCaseInput = z.infer<typeof CloseCaseSchema>;

export const ReopenCaseSchema = z.object(CaseRef);

export const AssignCaseSchema = z.object({ ...CaseRef, assigneeId: UuidSchema });
export type AssignCaseInput = z.infer<typeof AssignCaseSchema>;

export const UpdateContactSchema = z.object({ ...CaseRef, contactChannel: ContactChannelSchema });

export const CaseCodeOnlySchema = z.object({ code: CaseCodeSchema });

/** A case ticked in the list: its code and the version the coordinator saw ("C-7K2Q:4"). */
const SelectedCase = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const [code, version] = value.split(":");
    const parsed = z.object({ code: CaseCodeSchema, version: z.coerce.number().int().min(1) }).safeParse({ code, version });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "invalid_selection" });
      return z.NEVER;
    }
    return parsed.data;
  });

export const BulkReassignSchema = z.object({
  cases: z.array(SelectedCase).min(1, { error: "nothing_selected" }).max(500, { error: "too_many" }),
  assigneeId: UuidSchema,
});

/** Every open case of one caseworker (or the unassigned ones: "none") to another, from the dashboard. */
export const ReassignAllSchema = z.object({ fromId: z.union([UuidSchema, z.literal("none")]), assigneeId: UuidSchema });

/** The case list's URL parameters. Malformed values are ignored rather than refused. */
export const ATTENTION_VIEWS = [
  "stale",
  "overdue",
  "extradition",
  "danger",
  "nodoc",
  "appointments",
  "awaiting_second",
  "stay",
  "entry",
] as const;
export const LIST_SORTS = ["updated", "risk", "stage", "stay"] as const;
export const CaseListFilterSchema = z.object({
  status: optionalField(z.enum([...CASE_STATUSES, "open", "all"])).catch(undefined),
  country: optionalField(CountryCodeSchema).catch(undefined),
  jurisdiction: optionalField(z.enum(JURISDICTION_RISKS)).catch(undefined),
  risk: optionalField(z.enum(RISK_LEVELS)).catch(undefined),
  assignee: optionalField(z.union([UuidSchema, z.literal("none")])).catch(undefined),
  /** Cases with an open task owned by this user. */
  owner: optionalField(UuidSchema).catch(undefined),
  view: optionalField(z.enum(ATTENTION_VIEWS)).catch(undefined),
  sort: z.enum(LIST_SORTS).catch("updated").default("updated"),
  q: optionalField(
    z
      .string()
      .trim()
      .toUpperCase()
      .max(12)
      .regex(/^[A-Z0-9-]+$/),
  ).catch(undefined),
  /** Days without update for the `stale` view (default 14). */
  staleDays: optionalField(z.coerce.number().int().min(1).max(365)).catch(undefined),
  // The dashboard links to exactly the cases a figure counts; these filters express its figures.
  createdFrom: optionalField(DateOnlySchema).catch(undefined),
  createdTo: optionalField(DateOnlySchema).catch(undefined),
  closedFrom: optionalField(DateOnlySchema).catch(undefined),
  closedTo: optionalField(DateOnlySchema).catch(undefined),
  /** Cases that left this stage between `leftFrom` and `leftTo` (the stays behind "days in stage"). */
  leftStage: optionalField(z.enum(OPEN_STATUSES)).catch(undefined),
  leftFrom: optionalField(DateOnlySchema).catch(undefined),
  leftTo: optionalField(DateOnlySchema).catch(undefined),
  /** Cases with an application to this destination (and status), started between appFrom and appTo. */
  appDestination: optionalField(CountryCodeSchema).catch(undefined),
  appStatus: optionalField(z.enum(APPLICATION_STATUSES)).catch(undefined),
  appType: optionalField(z.enum(APPLICATION_TYPES)).catch(undefined),
  appFrom: optionalField(DateOnlySchema).catch(undefined),
  appTo: optionalField(DateOnlySchema).catch(undefined),
  after: optionalField(CaseCodeSchema).catch(undefined),
});
export type CaseListFilter = z.infer<typeof CaseListFilterSchema>;
