import { z } from "zod";
import { CountryCodeSchema, DateOnlySchema, optionalField, UuidSchema } from "@/lib/validation/atoms";
import { boundByEchr } from "./interim-measures";
import { CaseRef, checkbox, PastMonth } from "./schema-fields";
import {
  CRIMINAL_ARTICLES,
  CRIMINAL_CASE_STATUSES,
  EXTRADITION_STAGES,
  INTERIM_MEASURES,
  LAWYER_ENGAGEMENTS,
  WANTED_SCOPES,
} from "./vocabulary";

/** The legal danger's forms (ADR 018): the criminal case, wanted lists and extradition proceedings. */

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
  /** Which partner lawyer (/admin/lawyers), when the lawyer is a partner and the team says which. */
  partnerLawyerId: optionalField(UuidSchema),
};

/** A partner lawyer is named only for a partner's engagement. */
const partnerOnlyForPartner: [(v: { lawyer: string; partnerLawyerId?: string | null }) => boolean, { path: string[]; error: string }] = [
  (v) => !v.partnerLawyerId || v.lawyer === "PARTNER",
  { path: ["partnerLawyerId"], error: "lawyer_not_partner" },
];

/** Proceedings in a host country. Rule 39 only where the country is bound by the ECHR. */
export const AddExtraditionSchema = z
  .object({ ...CaseRef, country: CountryCodeSchema, requestingState: optionalField(CountryCodeSchema), ...ExtraditionFields })
  .refine((v) => v.echrMeasure === "NOT_REQUESTED" || boundByEchr(v.country), { path: ["echrMeasure"], error: "not_bound_by_echr" })
  .refine(...partnerOnlyForPartner);
export type AddExtraditionInput = z.infer<typeof AddExtraditionSchema>;

export const UpdateExtraditionSchema = z
  .object({ ...CaseRef, proceedingId: UuidSchema, ...ExtraditionFields })
  .refine(...partnerOnlyForPartner);
export type UpdateExtraditionInput = z.infer<typeof UpdateExtraditionSchema>;
