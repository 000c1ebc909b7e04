import type {
  CriminalArticle,
  CriminalCaseStatus,
  ExtraditionStage,
  InterimMeasure,
  LawyerEngagement,
  RiskLevel,
  WantedScope,
} from "@/lib/db/generated/enums";
import type { LegalRiskRuleId } from "./legal-risk-rules";

/** What the case page receives about the person's legal danger (part of CaseDetailDTO, see dto.ts). */

export interface WantedEntryDTO {
  id: string;
  scope: WantedScope;
  requestingState: string | null;
  /** `YYYY-MM` (unsealed for the page), or null when not known. */
  knownMonth: string | null;
}

/** A partner lawyer as the case page offers and names them (lib/lawyers/partners.ts). */
export interface PartnerLawyerChoice {
  id: string;
  label: string;
  /** Taken off the list: still named where chosen, no longer offered. */
  active: boolean;
}

export interface ExtraditionDTO {
  id: string;
  /** The host country where the proceedings run. */
  country: string;
  requestingState: string | null;
  stage: ExtraditionStage;
  appealDue: Date | null;
  catMeasure: InterimMeasure;
  echrMeasure: InterimMeasure;
  lawyer: LawyerEngagement;
  /** Which partner lawyer (lib/lawyers/partners.ts), when the team said. */
  partnerLawyerId: string | null;
  /** The host country is bound by the ECHR, so Rule 39 can be asked for. */
  echrBound: boolean;
}

export interface LegalDTO {
  criminalCase: CriminalCaseStatus;
  criminalArticle: CriminalArticle | null;
  /** `YYYY-MM` months (unsealed for the page). */
  criminalOpened: string | null;
  criminalStageSince: string | null;
  detained: boolean;
  wanted: WantedEntryDTO[];
  extraditions: ExtraditionDTO[];
  /** What the legal risk rules say now (lib/cases/legal-risk-rules.ts): the level and every rule that applies. */
  rules: { level: RiskLevel | null; applying: Array<{ id: LegalRiskRuleId; level: RiskLevel }> };
}
