import { z } from "zod";
import { CountryCodeSchema, DateOnlySchema, optionalField, UuidSchema } from "@/lib/validation/atoms";
import { boundByEchr } from "./interim-measures";
import {
  CaseRef,
  checkbox,
  DateTimeSchema,
  PastDate,
  PastMonth,
  PlaceChoice,
  placeOf,
  PlaceOther,
  resolvePlace,
  screenedText,
} from "./schema-fields";
import {
  APPLICATION_STATUSES,
  APPLICATION_TYPES,
  CHECKLIST_ANSWERS,
  CRIMINAL_ARTICLES,
  CRIMINAL_CASE_STATUSES,
  DOCUMENT_STATES,
  DOCUMENT_TYPES,
  EXTRADITION_STAGES,
  INTERIM_MEASURES,
  LAWYER_ENGAGEMENTS,
  SIGN_OFF_OUTCOMES,
  WANTED_SCOPES,
} from "./vocabulary";

/**
 * The inputs about a case's records (movements, documents, applications, legal exposure, next steps,
 * notes, verification), as the server parses them. Unknown keys are dropped, so a client cannot set
 * fields it may not.
 */

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

/** The criminal case and detention. With no criminal case known, its article and months are cleared. */
export const LegalSchema = z
  .object({
    ...CaseRef,
    criminalCase: z.enum(CRIMINAL_CASE_STATUSES, { error: "required" }),
    criminalArticle: optionalField(z.enum(CRIMINAL_ARTICLES)),
    criminalOpened: optionalField(PastMonth),
    criminalStageSince: optionalField(PastMonth),
    detained: checkbox,
  })
  .refine((v) => !v.criminalOpened || !v.criminalStageSince || v.criminalOpened <= v.criminalStageSince, {
    path: ["criminalStageSince"],
    error: "before_opened",
  })
  .transform((v) =>
    v.criminalCase === "NONE_KNOWN" ? { ...v, criminalArticle: undefined, criminalOpened: undefined, criminalStageSince: undefined } : v,
  );
export type LegalInput = z.infer<typeof LegalSchema>;

/** One wanted list the person is on; the requesting state and the month may be unknown. */
export const AddWantedEntrySchema = z.object({
  ...CaseRef,
  scope: z.enum(WANTED_SCOPES, { error: "required" }),
  requestingState: optionalField(CountryCodeSchema),
  knownMonth: optionalField(PastMonth),
});
export type AddWantedEntryInput = z.infer<typeof AddWantedEntrySchema>;

export const RemoveWantedEntrySchema = z.object({ ...CaseRef, entryId: UuidSchema });
export type RemoveWantedEntryInput = z.infer<typeof RemoveWantedEntrySchema>;

const ExtraditionFields = {
  stage: z.enum(EXTRADITION_STAGES, { error: "required" }),
  appealDue: optionalField(DateOnlySchema),
  catMeasure: optionalField(z.enum(INTERIM_MEASURES)).transform((v) => v ?? "NOT_REQUESTED"),
  echrMeasure: optionalField(z.enum(INTERIM_MEASURES)).transform((v) => v ?? "NOT_REQUESTED"),
  lawyer: optionalField(z.enum(LAWYER_ENGAGEMENTS)).transform((v) => v ?? "NONE"),
};

/** Proceedings in a host country. Rule 39 only where the country is bound by the ECHR. */
export const AddExtraditionSchema = z
  .object({ ...CaseRef, country: CountryCodeSchema, requestingState: optionalField(CountryCodeSchema), ...ExtraditionFields })
  .refine((v) => v.echrMeasure === "NOT_REQUESTED" || boundByEchr(v.country), { path: ["echrMeasure"], error: "not_bound_by_echr" });
export type AddExtraditionInput = z.infer<typeof AddExtraditionSchema>;

export const UpdateExtraditionSchema = z.object({ ...CaseRef, proceedingId: UuidSchema, ...ExtraditionFields });
export type UpdateExtraditionInput = z.infer<typeof UpdateExtraditionSchema>;

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
