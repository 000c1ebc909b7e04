import "server-only";
import type { CaseAuditField } from "@/lib/audit/case-entries";
import { appendCaseAudit } from "@/lib/audit/append";
import type { Tx } from "@/lib/db/client";
import type { JurisdictionRisk, RiskLevel } from "@/lib/db/generated/enums";
import { assessLegalRisk, higherRisk, type LegalFacts } from "./legal-risk-rules";
import { CaseKey } from "./sealed";
import { caseEvent, recordEvents, type CaseCore, type CaseEvent } from "./write-pipeline";

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

/**
 * A country's rating changed (lib/countries/apply.ts, in its transaction): the open cases of people
 * in that country are weighed again at once rather than at their next write, since a rating raised
 * to "extradition risk" is exactly when a searched person there must show as critical. Raises only,
 * like every application of the rules; each raised case gets its RISK_CHANGED event (the rules
 * named, by nobody: the rules did it) and one entry links them all. Versions do not move, so no
 * caseworker's open form goes stale; a profile saved from one with the older level is raised again
 * by the same rules. Returns how many cases were raised.
 */
export async function reRateCasesInCountry(tx: Tx, countryCode: string, countryRisk: JurisdictionRisk | null, now: Date): Promise<number> {
  const cases = await tx.case.findMany({
    where: { currentCountry: countryCode, status: { not: "CLOSED" } },
    select: {
      id: true,
      dataKeyWrapped: true,
      riskLevel: true,
      detained: true,
      criminalCase: true,
      wantedEntries: { select: { scope: true } },
      extraditions: { select: { country: true, stage: true } },
    },
  });
  const raised: string[] = [];
  for (const kase of cases) {
    const assessment = assessLegalRisk({
      country: countryCode,
      countryRisk,
      detained: kase.detained,
      criminalCase: kase.criminalCase,
      wanted: kase.wantedEntries.map((e) => e.scope),
      extraditions: kase.extraditions,
    });
    const riskLevel = higherRisk(kase.riskLevel, assessment.level);
    if (riskLevel === kase.riskLevel) continue;
    // Only over the level read: a write of the case committed since then is not overwritten (it
    // weighed the rules itself; the case is weighed again at its next write).
    const { count } = await tx.case.updateMany({ where: { id: kase.id, riskLevel: kase.riskLevel }, data: { riskLevel } });
    if (count === 0) continue;
    await recordEvents(tx, new CaseKey(kase), null, now, [
      caseEvent("RISK_CHANGED", { from: kase.riskLevel, to: riskLevel, because: "legal_rules", rules: assessment.reasons.join(",") }),
    ]);
    raised.push(kase.id);
  }
  if (raised.length > 0)
    await appendCaseAudit(tx, {
      actorId: null,
      action: "case.risk_rerated",
      caseIds: raised,
      meta: { fields: ["riskLevel"], cases: raised.length },
    });
  return raised.length;
}
