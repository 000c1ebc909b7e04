import type { CriminalCaseStatus, ExtraditionStage, JurisdictionRisk, RiskLevel, WantedScope } from "@/lib/db/generated/enums";

/**
 * The legal risk rules, as data: what a person's legal exposure, weighed against where they are,
 * says about their risk level. Each row is one reason a caseworker can read on the case page and in
 * the timeline. The case's risk level never sits below the highest row that applies (writes raise it;
 * lowering it again is a person's decision, through the profile). Pure: no database, no clock.
 *
 * A country nobody has rated counts as transit: where we do not know, the person can be stopped.
 * Every row is tested on its own (legal-risk-rules.test.ts) and through the writes that apply it
 * (legal.integration.test.ts); ADR 018 says why the table reads as it does.
 */

export interface LegalFacts {
  /** The country the person is in, and its rating in the country-risk table (null: not rated). */
  country: string;
  countryRisk: JurisdictionRisk | null;
  detained: boolean;
  criminalCase: CriminalCaseStatus;
  wanted: readonly WantedScope[];
  extraditions: ReadonlyArray<{ country: string; stage: ExtraditionStage }>;
}

/** Searches that reach beyond the origin state's borders. */
export const SEARCHES_ABROAD: readonly WantedScope[] = [
  "INTERSTATE",
  "INTERPOL_DIFFUSION",
  "INTERPOL_RED_NOTICE_REQUESTED",
  "INTERPOL_RED_NOTICE_ISSUED",
];

/** Stages at which proceedings are still running and the person is not (yet) held. */
export const PENDING_EXTRADITION_STAGES: readonly ExtraditionStage[] = ["REQUEST_RECEIVED", "COURT_DECISION", "APPEAL"];

const CONVICTED: readonly CriminalCaseStatus[] = ["TRIED_IN_ABSENTIA", "SENTENCED"];

const where = (f: LegalFacts): JurisdictionRisk => f.countryRisk ?? "TRANSIT";
const searchedAbroad = (f: LegalFacts) => f.wanted.some((s) => SEARCHES_ABROAD.includes(s));

export const LEGAL_RISK_RULES = [
  { id: "detained", level: "CRITICAL", applies: (f: LegalFacts) => f.detained },
  {
    id: "extradition_detention",
    level: "CRITICAL",
    applies: (f: LegalFacts) => f.extraditions.some((p) => p.stage === "DETAINED_PENDING"),
  },
  { id: "extradited", level: "CRITICAL", applies: (f: LegalFacts) => f.extraditions.some((p) => p.stage === "EXTRADITED") },
  {
    id: "extradition_pending_here",
    level: "CRITICAL",
    applies: (f: LegalFacts) => f.extraditions.some((p) => p.country === f.country && PENDING_EXTRADITION_STAGES.includes(p.stage)),
  },
  {
    id: "search_in_extradition_country",
    level: "CRITICAL",
    applies: (f: LegalFacts) => where(f) === "EXTRADITION_RISK" && searchedAbroad(f),
  },
  { id: "wanted_in_origin", level: "CRITICAL", applies: (f: LegalFacts) => where(f) === "ORIGIN" && f.wanted.length > 0 },
  {
    id: "national_in_extradition_country",
    level: "HIGH",
    applies: (f: LegalFacts) => where(f) === "EXTRADITION_RISK" && f.wanted.includes("NATIONAL"),
  },
  { id: "national_in_transit", level: "HIGH", applies: (f: LegalFacts) => where(f) === "TRANSIT" && f.wanted.includes("NATIONAL") },
  { id: "search_in_transit", level: "HIGH", applies: (f: LegalFacts) => where(f) === "TRANSIT" && searchedAbroad(f) },
  { id: "red_notice", level: "HIGH", applies: (f: LegalFacts) => f.wanted.includes("INTERPOL_RED_NOTICE_ISSUED") },
  { id: "convicted", level: "HIGH", applies: (f: LegalFacts) => where(f) !== "SAFE" && CONVICTED.includes(f.criminalCase) },
  { id: "criminal_case", level: "ELEVATED", applies: (f: LegalFacts) => where(f) !== "SAFE" && f.criminalCase !== "NONE_KNOWN" },
] as const satisfies ReadonlyArray<{ id: string; level: RiskLevel; applies: (f: LegalFacts) => boolean }>;

export type LegalRiskRuleId = (typeof LEGAL_RISK_RULES)[number]["id"];
export const LEGAL_RISK_RULE_IDS: readonly LegalRiskRuleId[] = LEGAL_RISK_RULES.map((r) => r.id);

const ORDER: readonly RiskLevel[] = ["LOW", "ELEVATED", "HIGH", "CRITICAL"];

export function higherRisk(a: RiskLevel, b: RiskLevel | null): RiskLevel {
  return b !== null && ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}

export interface LegalRiskAssessment {
  /** The level the rules call for (null: none applies). */
  level: RiskLevel | null;
  /** Every rule that applies, highest level first, in table order within a level. */
  applying: Array<{ id: LegalRiskRuleId; level: RiskLevel }>;
  /** The rules that set `level`: the reasons given for it. */
  reasons: LegalRiskRuleId[];
}

export function assessLegalRisk(facts: LegalFacts): LegalRiskAssessment {
  const applying = LEGAL_RISK_RULES.filter((rule) => rule.applies(facts))
    .map(({ id, level }) => ({ id, level: level as RiskLevel }))
    .sort((a, b) => ORDER.indexOf(b.level) - ORDER.indexOf(a.level));
  const level = applying[0]?.level ?? null;
  return { level, applying, reasons: applying.filter((r) => r.level === level).map((r) => r.id) };
}
