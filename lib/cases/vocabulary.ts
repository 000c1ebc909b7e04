import type {
  AgeBand,
  ApplicationStatus,
  ApplicationType,
  CaseStatus,
  ChecklistAnswer,
  CloseReason,
  CriminalCaseStatus,
  DocumentState,
  DocumentType,
  JurisdictionRisk,
  RiskLevel,
  ServiceCategory,
  SignOffOutcome,
} from "@/lib/db/generated/enums";

/**
 * The closed vocabularies of a case, in display order. Shared by forms (client) and the server;
 * the database enums are the source, these lists fix the order.
 */

export const CASE_STATUSES = [
  "NEW",
  "VERIFYING",
  "PLANNING_EXIT",
  "IN_TRANSIT",
  "IN_THIRD_COUNTRY",
  "APPLYING",
  "RELOCATED",
  "CLOSED",
] as const satisfies readonly CaseStatus[];
export const OPEN_STATUSES = [
  "NEW",
  "VERIFYING",
  "PLANNING_EXIT",
  "IN_TRANSIT",
  "IN_THIRD_COUNTRY",
  "APPLYING",
  "RELOCATED",
] as const satisfies readonly Exclude<CaseStatus, "CLOSED">[];
export const CLOSE_REASONS = [
  "SETTLED",
  "LOST_CONTACT",
  "WITHDREW",
  "DETAINED",
  "DEPORTED",
  "OTHER",
] as const satisfies readonly CloseReason[];
export const AGE_BANDS = ["AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_PLUS"] as const satisfies readonly AgeBand[];
export const SERVICE_CATEGORIES = [
  "CONSCRIPT",
  "CONTRACT",
  "MOBILISED",
  "OFFICER",
  "RESERVIST",
  "OTHER",
  "UNKNOWN",
] as const satisfies readonly ServiceCategory[];
export const RISK_LEVELS = ["LOW", "ELEVATED", "HIGH", "CRITICAL"] as const satisfies readonly RiskLevel[];
export const JURISDICTION_RISKS = ["ORIGIN", "EXTRADITION_RISK", "TRANSIT", "SAFE"] as const satisfies readonly JurisdictionRisk[];
export const CRIMINAL_CASE_STATUSES = ["NONE_KNOWN", "SUSPECTED", "OPENED"] as const satisfies readonly CriminalCaseStatus[];
export const DOCUMENT_TYPES = [
  "INTERNAL_PASSPORT",
  "FOREIGN_PASSPORT",
  "MILITARY_ID",
  "BIRTH_CERTIFICATE",
  "DRIVING_LICENCE",
  "OTHER_ID",
] as const satisfies readonly DocumentType[];
export const DOCUMENT_STATES = [
  "HELD",
  "EXPIRED",
  "LOST",
  "CONFISCATED",
  "HELD_BY_AUTHORITIES",
  "NEVER_HAD",
] as const satisfies readonly DocumentState[];
export const APPLICATION_TYPES = ["VISA", "HUMANITARIAN_VISA", "ASYLUM", "RESIDENCE_PERMIT"] as const satisfies readonly ApplicationType[];
export const APPLICATION_STATUSES = [
  "PLANNED",
  "SUBMITTED",
  "APPOINTMENT_SCHEDULED",
  "APPROVED",
  "REJECTED",
  "APPEALED",
  "WITHDRAWN",
] as const satisfies readonly ApplicationStatus[];

/** Preferred languages offered at intake (ISO 639-1). */
/** Verification sign-offs: the answer to each checklist question, and the signer's conclusion. */
export const CHECKLIST_ANSWERS = ["YES", "NO", "UNSURE"] as const satisfies readonly ChecklistAnswer[];
export const SIGN_OFF_OUTCOMES = ["VERIFIED", "CONCERNS"] as const satisfies readonly SignOffOutcome[];
export const CASE_LANGUAGES = ["ru", "uk", "be", "kk", "ky", "hy", "ka", "en", "tt", "ba", "ce", "sah", "other"] as const;

/** Jurisdictions where a person can be handed back. */
export const DANGEROUS_JURISDICTIONS: readonly JurisdictionRisk[] = ["ORIGIN", "EXTRADITION_RISK"];

export type {
  AgeBand,
  ApplicationStatus,
  ApplicationType,
  CaseStatus,
  CloseReason,
  CriminalCaseStatus,
  DocumentState,
  DocumentType,
  JurisdictionRisk,
  RiskLevel,
  ServiceCategory,
};
