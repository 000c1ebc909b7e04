import "server-only";
import { db } from "@/lib/db/client";
import type { JurisdictionRisk, RiskLevel } from "@/lib/db/generated/enums";

export type { RiskLevel };

/** The countries the legal-danger tests place people in, with the ratings they are given. */
export const TEST_RATINGS = {
  RU: "ORIGIN",
  KZ: "EXTRADITION_RISK",
  AM: "EXTRADITION_RISK",
  KG: "EXTRADITION_RISK",
  GE: "TRANSIT",
  FR: "SAFE",
} as const satisfies Record<string, JurisdictionRisk>;
export type CountryCode = keyof typeof TEST_RATINGS;

/** Rates the countries above in this test database (the table is global: every test rates them alike). */
export async function rateCountries(): Promise<void> {
  for (const [countryCode, risk] of Object.entries(TEST_RATINGS)) {
    await db().countryRisk.upsert({ where: { countryCode }, create: { countryCode, risk }, update: { risk } });
  }
}
