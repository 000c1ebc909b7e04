import "server-only";
import { db } from "@/lib/db/client";
import type { JurisdictionRisk } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/access/actor";
import { heldCopy } from "./held-copies";

/**
 * The jurisdiction risk of each country an admin has rated (lib/countries/risk.ts writes them), held
 * between requests for the actor's reference version (lib/cases/held-copies.ts). Shared: never changed.
 */
export async function countryRiskMap(actor?: Pick<Actor, "referenceVersion">): Promise<ReadonlyMap<string, JurisdictionRisk>> {
  return heldCopy(actor, "country_risks", async () => {
    const rows = await db().countryRisk.findMany({ select: { countryCode: true, risk: true } });
    return new Map(rows.map((r) => [r.countryCode, r.risk]));
  });
}

/** The countries rated with one of `risks`, for the list's danger views. */
export async function countriesWithRisk(risks: JurisdictionRisk[]): Promise<string[]> {
  const rows = await db().countryRisk.findMany({ where: { risk: { in: risks } }, select: { countryCode: true } });
  return rows.map((r) => r.countryCode);
}

const stayRuleSelect = {
  countryCode: true,
  stayDays: true,
  windowDays: true,
  registrationDays: true,
  passportFreeEntry: true,
  checkedOn: true,
} as const;

/**
 * A country's stay rule and when it was last checked, for the case page (lib/countries/stay-rules.ts
 * writes them), from every country's rules held for the actor's reference version (lib/cases/held-copies.ts).
 */
export async function stayRuleWithCheck(country: string, actor?: Pick<Actor, "referenceVersion">) {
  const rules = await heldCopy(actor, "country_stay_rules", async () => {
    const rows = await db().countryStayRule.findMany({ select: stayRuleSelect });
    return new Map(rows.map(({ countryCode, ...rule }) => [countryCode, rule]));
  });
  return rules.get(country) ?? null;
}
