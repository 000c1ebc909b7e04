import { describe, expect, test } from "vitest";
import {
  assessLegalRisk,
  higherRisk,
  LEGAL_RISK_RULE_IDS,
  LEGAL_RISK_RULES,
  type LegalFacts,
  type LegalRiskRuleId,
} from "./legal-risk-rules";

/** Nobody wanted, nothing pending, in a safe country: no rule applies. */
const calm: LegalFacts = { country: "FR", countryRisk: "SAFE", detained: false, criminalCase: "NONE_KNOWN", wanted: [], extraditions: [] };
const inKazakhstan = { country: "KZ", countryRisk: "EXTRADITION_RISK" } as const;
const inGeorgia = { country: "GE", countryRisk: "TRANSIT" } as const;

/** Each rule: facts where it applies, and the nearest facts where it does not. */
const ROWS: Record<LegalRiskRuleId, { level: string; applies: Partial<LegalFacts>; not: Partial<LegalFacts> }> = {
  detained: { level: "CRITICAL", applies: { detained: true }, not: { detained: false } },
  extradition_detention: {
    level: "CRITICAL",
    applies: { extraditions: [{ country: "AM", stage: "DETAINED_PENDING" }] },
    not: { extraditions: [{ country: "AM", stage: "RELEASED" }] },
  },
  extradited: {
    level: "CRITICAL",
    applies: { extraditions: [{ country: "KG", stage: "EXTRADITED" }] },
    not: { extraditions: [{ country: "KG", stage: "RELEASED" }] },
  },
  extradition_pending_here: {
    level: "CRITICAL",
    applies: { ...inGeorgia, extraditions: [{ country: "GE", stage: "APPEAL" }] },
    // Proceedings in a country the person has left.
    not: { ...inGeorgia, extraditions: [{ country: "AM", stage: "APPEAL" }] },
  },
  search_in_extradition_country: {
    level: "CRITICAL",
    applies: { ...inKazakhstan, wanted: ["INTERSTATE"] },
    not: { ...inKazakhstan, country: "FR", countryRisk: "SAFE", wanted: ["INTERSTATE"] },
  },
  wanted_in_origin: {
    level: "CRITICAL",
    applies: { country: "RU", countryRisk: "ORIGIN", wanted: ["NATIONAL"] },
    not: { country: "RU", countryRisk: "ORIGIN", wanted: [] },
  },
  national_in_extradition_country: {
    level: "HIGH",
    applies: { ...inKazakhstan, wanted: ["NATIONAL"] },
    not: { ...inKazakhstan, wanted: [] },
  },
  national_in_transit: { level: "HIGH", applies: { ...inGeorgia, wanted: ["NATIONAL"] }, not: { wanted: ["NATIONAL"] } },
  search_in_transit: { level: "HIGH", applies: { ...inGeorgia, wanted: ["INTERPOL_DIFFUSION"] }, not: { wanted: ["INTERPOL_DIFFUSION"] } },
  red_notice: {
    level: "HIGH",
    applies: { wanted: ["INTERPOL_RED_NOTICE_ISSUED"] },
    not: { wanted: ["INTERPOL_RED_NOTICE_REQUESTED"] },
  },
  convicted: { level: "HIGH", applies: { ...inGeorgia, criminalCase: "TRIED_IN_ABSENTIA" }, not: { criminalCase: "SENTENCED" } },
  criminal_case: { level: "ELEVATED", applies: { ...inGeorgia, criminalCase: "SUSPECTED" }, not: { criminalCase: "CHARGED" } },
};

describe("the legal risk rules, row by row", () => {
  test("every rule has a row here, and the table has no other", () => {
    expect(Object.keys(ROWS).sort()).toEqual([...LEGAL_RISK_RULE_IDS].sort());
  });

  test("nothing applies to a person nobody pursues, in a safe country", () => {
    expect(assessLegalRisk(calm)).toEqual({ level: null, applying: [], reasons: [] });
  });

  test.each(LEGAL_RISK_RULES.map((rule) => ({ id: rule.id, level: rule.level })))("$id: $level", ({ id, level }) => {
    const row = ROWS[id];
    expect(level).toBe(row.level);
    const yes = assessLegalRisk({ ...calm, ...row.applies });
    expect(yes.applying).toContainEqual({ id, level });
    // Its facts call for its level and give it as a reason (lower rules may apply beside it).
    expect(yes.level).toBe(level);
    expect(yes.reasons).toContain(id);
    expect(assessLegalRisk({ ...calm, ...row.not }).applying.map((r) => r.id)).not.toContain(id);
  });
});

describe("how the rules combine", () => {
  test("the highest level wins; the reasons are the rules at that level, and the rest are still listed", () => {
    const result = assessLegalRisk({ ...calm, ...inKazakhstan, criminalCase: "OPENED", wanted: ["NATIONAL", "INTERSTATE"] });
    expect(result.level).toBe("CRITICAL");
    expect(result.reasons).toEqual(["search_in_extradition_country"]);
    expect(result.applying.map((r) => r.id)).toEqual(["search_in_extradition_country", "national_in_extradition_country", "criminal_case"]);
  });

  test("a country nobody rated counts as transit", () => {
    expect(assessLegalRisk({ ...calm, country: "MN", countryRisk: null, wanted: ["NATIONAL"] }).reasons).toEqual(["national_in_transit"]);
  });

  test("an interstate search in Kazakhstan is critical; the same person in France is not", () => {
    const person = { ...calm, wanted: ["INTERSTATE"] as const, criminalCase: "OPENED" as const };
    expect(assessLegalRisk({ ...person, ...inKazakhstan }).level).toBe("CRITICAL");
    expect(assessLegalRisk({ ...person, ...inGeorgia }).level).toBe("HIGH");
    expect(assessLegalRisk(person).level).toBeNull();
  });

  test("higherRisk keeps the higher of two levels", () => {
    expect(higherRisk("LOW", "CRITICAL")).toBe("CRITICAL");
    expect(higherRisk("HIGH", "ELEVATED")).toBe("HIGH");
    expect(higherRisk("ELEVATED", null)).toBe("ELEVATED");
  });
});
