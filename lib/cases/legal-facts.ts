import "server-only";
import type { CaseAuditField } from "@/lib/audit/case-entries";
import type { Tx } from "@/lib/db/client";
import type { RiskLevel } from "@/lib/db/generated/enums";
import { assessLegalRisk, higherRisk, type LegalFacts } from "./legal-risk-rules";
import { caseEvent, type CaseCore, type CaseEvent } from "./write-pipeline";

/**
 * The legal risk rules (legal-risk-rules.ts) applied by the writes that change what they read: the
 * legal exposure, wanted lists, extradition proceedings, the person's country, the profile's risk.
 */

/** What a write is about to set on the case row, which the rules read. */
export type PendingLegalFacts = Partial<Pick<LegalFacts, "country" | "detained" | "criminalCase">>;

/** The case's legal facts as they stand inside `tx` (its parts already written), with the row's pending values. */
export async function legalFactsOf(tx: Tx, caseId: string, pending: PendingLegalFacts = {}): Promise<LegalFacts> {
  const row = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      currentCountry: true,
      detained: true,
      criminalCase: true,
      wantedEntries: { select: { scope: true } },
      extraditions: { select: { country: true, stage: true } },
    },
  });
  const country = pending.country ?? row.currentCountry;
  const rating = await tx.countryRisk.findUnique({ where: { countryCode: country }, select: { risk: true } });
  return {
    country,
    countryRisk: rating?.risk ?? null,
    detained: pending.detained ?? row.detained,
    criminalCase: pending.criminalCase ?? row.criminalCase,
    wanted: row.wantedEntries.map((e) => e.scope),
    extraditions: row.extraditions,
  };
}

export interface RuledRisk {
  riskLevel: RiskLevel;
  raised: boolean;
  /** A RISK_CHANGED event naming the rules that raised it (sealed in the timeline like every fact). */
  events: CaseEvent[];
  fields: CaseAuditField[];
}

/** Raises the risk to what the rules call for; never lowers it (that is a person's decision). */
export async function applyLegalRules(tx: Tx, current: CaseCore, pending: PendingLegalFacts = {}): Promise<RuledRisk> {
  const assessment = assessLegalRisk(await legalFactsOf(tx, current.id, pending));
  const riskLevel = higherRisk(current.riskLevel, assessment.level);
  if (riskLevel === current.riskLevel) return { riskLevel, raised: false, events: [], fields: [] };
  return {
    riskLevel,
    raised: true,
    events: [
      caseEvent("RISK_CHANGED", { from: current.riskLevel, to: riskLevel, because: "legal_rules", rules: assessment.reasons.join(",") }),
    ],
    fields: ["riskLevel"],
  };
}
