import "server-only";
import { db } from "@/lib/db/client";
import type { JurisdictionRisk } from "@/lib/db/generated/enums";

/** The jurisdiction risk of each country an admin has rated (lib/countries/risk.ts writes them). */
export async function countryRiskMap(): Promise<Map<string, JurisdictionRisk>> {
  const rows = await db().countryRisk.findMany({ select: { countryCode: true, risk: true } });
  return new Map(rows.map((r) => [r.countryCode, r.risk]));
}

/** The countries rated with one of `risks`, for the list's danger views. */
export async function countriesWithRisk(risks: JurisdictionRisk[]): Promise<string[]> {
  const rows = await db().countryRisk.findMany({ where: { risk: { in: risks } }, select: { countryCode: true } });
  return rows.map((r) => r.countryCode);
}

/** A country's stay rule and when it was last checked, for the case page (lib/countries/stay-rules.ts writes them). */
export async function stayRuleWithCheck(country: string) {
  return db().countryStayRule.findUnique({
    where: { countryCode: country },
    select: { stayDays: true, windowDays: true, registrationDays: true, passportFreeEntry: true, checkedOn: true },
  });
}
