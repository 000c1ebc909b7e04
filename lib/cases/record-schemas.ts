import { z } from "zod";
import { CaseCodeSchema, CountryCodeSchema, DateOnlySchema, optionalField, UuidSchema } from "@/lib/validation/atoms";
import { CaseRef, checkbox, DateTimeSchema, PastDate, PlaceChoice, placeOf, PlaceOther, resolvePlace, screenedText } from "./schema-fields";
import {
  APPLICATION_STATUSES,
  APPLICATION_TYPES,
  CHECKLIST_ANSWERS,
  DOCUMENT_STATES,
  DOCUMENT_TYPES,
  SIGN_OFF_OUTCOMES,
} from "./vocabulary";

/**
 * The inputs about a case's records (movements, documents, applications, legal exposure, next steps,
 * notes, verification), as the server parses them. Unknown keys are dropped, so a client cannot set
 * fields it may not.
 */

/** Another case of the group as the page showed it: its code and version ("WP-7K2Q-PX4M:4"). */
const GroupCase = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const [code, version] = value.split(":");
    const parsed = z.object({ ...CaseRef }).safeParse({ code, version });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "invalid_selection" });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * A move. With `alsoForGroup` ticked, the same move is recorded for the other cases of the group
 * the page offered (`groupCases`, with the versions it showed), all or nothing.
 */
export const RecordMoveSchema = z
  .object({
    ...CaseRef,
    country: CountryCodeSchema,
    placeCity: PlaceChoice,
    placeOther: PlaceOther,
    arrivedOn: optionalField(PastDate),
    alsoForGroup: checkbox,
    groupCases: z.preprocess(
      (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
      z.array(GroupCase).max(30, { error: "too_many" }),
    ),
  })
  .superRefine(placeOf("country", "placeCity", "placeOther"))
  .transform(({ placeCity, placeOther, alsoForGroup, groupCases, ...rest }) => ({
    ...rest,
    ...resolvePlace("placeCity", "placeOther", placeCity, placeOther),
    together: alsoForGroup ? groupCases : [],
  }));
/** `together` may be left out by callers that move one case (scripts, the seed, tests). */
export type RecordMoveInput = Omit<z.infer<typeof RecordMoveSchema>, "together"> &
  Partial<Pick<z.infer<typeof RecordMoveSchema>, "together">>;

/** A correction of one movement's days, with the reason (screened like a note, sealed in the timeline). */
export const CorrectMovementSchema = z.object({
  ...CaseRef,
  movementId: UuidSchema,
  arrivedOn: optionalField(PastDate),
  leftOn: optionalField(PastDate),
  reason: screenedText(500).pipe(z.string().min(1, { error: "required" })),
});
export type CorrectMovementInput = z.infer<typeof CorrectMovementSchema>;

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
  /** A granted visa's window and entry deadline, and a rejection's appeal deadline (ADR 021): days that may lie ahead. */
  validFrom: optionalField(DateOnlySchema),
  validUntil: optionalField(DateOnlySchema),
  entryBy: optionalField(DateOnlySchema),
  appealBy: optionalField(DateOnlySchema),
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

/** The organisation's support letter for an application: the day a coordinator issued it. */
export const RecordSupportLetterSchema = z.object({ ...CaseRef, applicationId: UuidSchema, issuedOn: PastDate });
export type RecordSupportLetterInput = z.infer<typeof RecordSupportLetterSchema>;

/** A coordinator's supervision note: screened like notes, sealed with the case. */
export const AddSupervisionNoteSchema = z.object({
  ...CaseRef,
  body: screenedText(5000).pipe(z.string().min(1, { error: "required" })),
});
export type AddSupervisionNoteInput = z.infer<typeof AddSupervisionNoteSchema>;

export const AddNoteSchema = z.object({
  ...CaseRef,
  body: screenedText(5000).pipe(z.string().min(1, { error: "required" })),
  /** A correction names the note it replaces; the old version is kept. */
  supersedesId: optionalField(UuidSchema),
});
export type AddNoteInput = z.infer<typeof AddNoteSchema>;

const Answer = z.enum(CHECKLIST_ANSWERS, { error: "required" });

export const SignOffSchema = z.object({
  ...CaseRef,
  storyConsistent: Answer,
  serviceStatusPlausible: Answer,
  noCrimesIndication: Answer,
  noProvocationSign: Answer,
  outcome: z.enum(SIGN_OFF_OUTCOMES, { error: "required" }),
  remark: optionalField(screenedText(500)),
});
export type SignOffInput = z.infer<typeof SignOffSchema>;

export const ResolveConcernSchema = z.object({ ...CaseRef, signOffId: UuidSchema });

export type ResolveConcernInput = z.infer<typeof ResolveConcernSchema>;

/** What kind of group people travel in: a closed list, never a name (ADR 023). */
export const GROUP_KINDS = ["FAMILY", "UNIT", "TRAVELLING_TOGETHER"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/**
 * Links the case to another case the actor may also see, by its code: the other case joins this
 * case's group, or this case the other's, or both start a new group of the kind given.
 */
export const LinkCaseSchema = z.object({
  ...CaseRef,
  otherCode: CaseCodeSchema,
  kind: z.enum(GROUP_KINDS, { error: "invalid" }).default("TRAVELLING_TOGETHER"),
});
export type LinkCaseInput = z.infer<typeof LinkCaseSchema>;

/** Takes the case out of its group. */
export const UnlinkCaseSchema = z.object({ ...CaseRef });
export type UnlinkCaseInput = z.infer<typeof UnlinkCaseSchema>;
