import { z } from "zod";
import { CityKeySchema } from "@/lib/places/schemas";
import { CaseCodeSchema, CountryCodeSchema, DateOnlySchema, optionalField, UuidSchema, VersionSchema } from "@/lib/validation/atoms";
import { countryOfListedCity, isListedCity, OTHER_PLACE } from "./places";
import { screenText, screeningMessage } from "./screening";
import {
  AGE_BANDS,
  APPLICATION_STATUSES,
  APPLICATION_TYPES,
  CASE_LANGUAGES,
  CASE_STATUSES,
  CLOSE_REASONS,
  CRIMINAL_CASE_STATUSES,
  DOCUMENT_STATES,
  DOCUMENT_TYPES,
  JURISDICTION_RISKS,
  OPEN_STATUSES,
  RISK_LEVELS,
  SERVICE_CATEGORIES,
} from "./vocabulary";

/**
 * Every input about a case, as the server parses it. Forms post strings; these schemas coerce,
 * bound and screen them. Unknown keys are dropped, so a client cannot set fields it may not.
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

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** A day that has happened (arrivals, submissions, decisions). */
const PastDate = DateOnlySchema.refine((d) => d.getTime() <= Date.now() + 86_400_000, { error: "date_in_future" });

/** `datetime-local` input ("2025-06-12T10:30"), read as UTC. */
const DateTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "invalid_datetime" })
  .transform((value, ctx) => {
    const date = new Date(`${value}:00.000Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "invalid_datetime" });
      return z.NEVER;
    }
    return date;
  });

const CaseRef = { code: CaseCodeSchema, version: VersionSchema };

/**
 * A place: a city from the list of the country chosen beside it, or "other" with a typed place
 * (screened; it will be sealed), or nothing. `city` and `other` name the form's two fields.
 */
const PlaceChoice = optionalField(z.union([z.literal(OTHER_PLACE), CityKeySchema], { error: "invalid_city" }));
const PlaceOther = optionalField(screenedText(120));

function placeOf<C extends string, K extends string, O extends string>(country: C | null, city: K, other: O) {
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
function resolvePlace<C extends string, O extends string>(
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

export const RecordMoveSchema = z
  .object({
    ...CaseRef,
    country: CountryCodeSchema,
    placeCity: PlaceChoice,
    placeOther: PlaceOther,
    arrivedOn: optionalField(PastDate),
  })
  .superRefine(placeOf("country", "placeCity", "placeOther"))
  .transform(({ placeCity, placeOther, ...rest }) => ({ ...rest, ...resolvePlace("placeCity", "placeOther", placeCity, placeOther) }));
export type RecordMoveInput = z.infer<typeof RecordMoveSchema>;

/** The documents grid: for each type, a state (or nothing recorded) and an optional expiry. */
export const DocumentsSchema = z.object({
  ...CaseRef,
  documents: z
    .array(
      z.object({
        type: z.enum(DOCUMENT_TYPES),
        state: optionalField(z.enum(DOCUMENT_STATES)),
        expiresOn: optionalField(DateOnlySchema),
      }),
    )
    .max(DOCUMENT_TYPES.length)
    .refine((documents) => new Set(documents.map((d) => d.type)).size === documents.length, { error: "duplicate_document_type" }),
});
export type DocumentsInput = z.infer<typeof DocumentsSchema>;

const ApplicationFields = {
  status: z.enum(APPLICATION_STATUSES, { error: "required" }),
  submittedOn: optionalField(PastDate),
  appointmentAt: optionalField(DateTimeSchema),
  decisionOn: optionalField(PastDate),
};

export const AddApplicationSchema = z
  .object({
    ...CaseRef,
    type: z.enum(APPLICATION_TYPES, { error: "required" }),
    destinationCountry: CountryCodeSchema,
    officeCity: PlaceChoice,
    officeOther: PlaceOther,
    ...ApplicationFields,
  })
  .superRefine(placeOf(null, "officeCity", "officeOther"))
  .transform(({ officeCity, officeOther, ...rest }) => ({
    ...rest,
    ...resolvePlace("officeCity", "officeOther", officeCity, officeOther),
  }));
export type AddApplicationInput = z.infer<typeof AddApplicationSchema>;

export const UpdateApplicationSchema = z.object({ ...CaseRef, applicationId: UuidSchema, ...ApplicationFields });
export type UpdateApplicationInput = z.infer<typeof UpdateApplicationSchema>;

export const LegalSchema = z.object({
  ...CaseRef,
  criminalCase: z.enum(CRIMINAL_CASE_STATUSES, { error: "required" }),
  onWantedList: checkbox,
  extraditionRequest: checkbox,
  detained: checkbox,
});
export type LegalInput = z.infer<typeof LegalSchema>;

export const AddNextStepSchema = z.object({
  ...CaseRef,
  text: screenedText(300).pipe(z.string().min(1, { error: "required" })),
  ownerId: optionalField(UuidSchema),
  dueOn: optionalField(DateOnlySchema),
});
export type AddNextStepInput = z.infer<typeof AddNextStepSchema>;

export const CompleteNextStepSchema = z.object({ ...CaseRef, stepId: UuidSchema });

export const AddNoteSchema = z.object({
  ...CaseRef,
  body: screenedText(5000).pipe(z.string().min(1, { error: "required" })),
  /** A correction names the note it replaces; the old version is kept. */
  supersedesId: optionalField(UuidSchema),
});
export type AddNoteInput = z.infer<typeof AddNoteSchema>;

export const AssignCaseSchema = z.object({ ...CaseRef, assigneeId: UuidSchema });
export type AssignCaseInput = z.infer<typeof AssignCaseSchema>;

export const UpdateContactSchema = z.object({ ...CaseRef, contactChannel: ContactChannelSchema });

export const CaseCodeOnlySchema = z.object({ code: CaseCodeSchema });

/** The case list's URL parameters. Malformed values are ignored rather than refused. */
export const ATTENTION_VIEWS = ["stale", "overdue", "extradition", "danger", "nodoc", "appointments", "awaiting_second"] as const;
export const LIST_SORTS = ["updated", "risk", "stage"] as const;
export const CaseListFilterSchema = z.object({
  status: optionalField(z.enum([...CASE_STATUSES, "open", "all"])).catch(undefined),
  country: optionalField(CountryCodeSchema).catch(undefined),
  jurisdiction: optionalField(z.enum(JURISDICTION_RISKS)).catch(undefined),
  risk: optionalField(z.enum(RISK_LEVELS)).catch(undefined),
  assignee: optionalField(z.union([UuidSchema, z.literal("none")])).catch(undefined),
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
  appFrom: optionalField(DateOnlySchema).catch(undefined),
  appTo: optionalField(DateOnlySchema).catch(undefined),
  after: optionalField(CaseCodeSchema).catch(undefined),
});
export type CaseListFilter = z.infer<typeof CaseListFilterSchema>;
