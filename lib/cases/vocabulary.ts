import * as Enums from "@/lib/db/generated/enums";

/**
 * The closed vocabularies of a case, in display order. Shared by forms (client) and the server.
 * The database enums are the source: a list is its enum's values in the schema's order, which is
 * the order people read them in (vocabulary.test.ts pins the orders that matter). Only the
 * application types are listed by hand, because their display order differs from the schema's.
 */

const valuesOf = <T extends string>(vocabulary: Record<string, T>): readonly T[] => Object.values(vocabulary);

export const CASE_STATUSES = valuesOf(Enums.CaseStatus);
export const OPEN_STATUSES = CASE_STATUSES.filter((status): status is Exclude<Enums.CaseStatus, "CLOSED"> => status !== "CLOSED");
export type OpenStatus = (typeof OPEN_STATUSES)[number];
/** The reasons a person closes a case with: MERGED is the merge's own (ADR 031), never chosen. */
export const CLOSE_REASONS = valuesOf(Enums.CloseReason).filter(
  (reason): reason is Exclude<Enums.CloseReason, "MERGED"> => reason !== "MERGED",
);
export const AGE_BANDS = valuesOf(Enums.AgeBand);
export const SERVICE_CATEGORIES = valuesOf(Enums.ServiceCategory);
export const RISK_LEVELS = valuesOf(Enums.RiskLevel);
export const JURISDICTION_RISKS = valuesOf(Enums.JurisdictionRisk);
export const CRIMINAL_CASE_STATUSES = valuesOf(Enums.CriminalCaseStatus);
export const CRIMINAL_ARTICLES = valuesOf(Enums.CriminalArticle);
export const WANTED_SCOPES = valuesOf(Enums.WantedScope);
export const EXTRADITION_STAGES = valuesOf(Enums.ExtraditionStage);
export const INTERIM_MEASURES = valuesOf(Enums.InterimMeasure);
export const LAWYER_ENGAGEMENTS = valuesOf(Enums.LawyerEngagement);
/** The states that pursue the people Waypoint helps: offered first where a requesting state is chosen. */
export const PURSUING_STATES = ["RU", "BY"] as const;
export const DOCUMENT_TYPES = valuesOf(Enums.DocumentType);
export const DOCUMENT_STATES = valuesOf(Enums.DocumentState);
export const APPLICATION_TYPES = [
  "VISA",
  "HUMANITARIAN_VISA",
  "ASYLUM",
  "RESIDENCE_PERMIT",
] as const satisfies readonly Enums.ApplicationType[];
export const APPLICATION_STATUSES = valuesOf(Enums.ApplicationStatus);

/** Verification sign-offs: the answer to each checklist question, and the signer's conclusion. */
export const CHECKLIST_ANSWERS = valuesOf(Enums.ChecklistAnswer);
export const SIGN_OFF_OUTCOMES = valuesOf(Enums.SignOffOutcome);
/** Preferred languages offered at intake (ISO 639-1). */
export const CASE_LANGUAGES = ["ru", "uk", "be", "kk", "ky", "hy", "ka", "en", "tt", "ba", "ce", "sah", "other"] as const;

/** Jurisdictions where a person can be handed back. */
export const DANGEROUS_JURISDICTIONS: readonly Enums.JurisdictionRisk[] = ["ORIGIN", "EXTRADITION_RISK"];

/** The enums' types, for code outside lib/ (which may not import the database's generated modules). */
export type * from "@/lib/db/generated/enums";
