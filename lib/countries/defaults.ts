import type { JurisdictionRisk } from "@/lib/db/generated/enums";

/**
 * The country-risk table installed with the demo seed and by `npm run db:seed -- --countries-only`.
 * Admins maintain it at /admin/countries. Countries not listed have no recorded risk.
 */
export const DEFAULT_COUNTRY_RISKS: Readonly<Record<JurisdictionRisk, readonly string[]>> = {
  // The state the people we help are leaving, and its closest ally.
  ORIGIN: ["RU", "BY"],
  // Members of CIS extradition arrangements, which have handed people back.
  EXTRADITION_RISK: ["KZ", "AM", "KG", "UZ", "TJ", "AZ", "TM"],
  // Countries people reach and pass through; lower, but real, risk.
  TRANSIT: ["GE", "TR", "RS", "AE", "MN", "ME", "IL", "EG", "TH", "VN", "IN", "AR", "BR"],
  SAFE: [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
    "NO",
    "IS",
    "CH",
    "LI",
    "GB",
    "US",
    "CA",
    "AU",
    "NZ",
  ],
};

export function defaultCountryRiskRows(): Array<{ countryCode: string; risk: JurisdictionRisk }> {
  return (Object.entries(DEFAULT_COUNTRY_RISKS) as Array<[JurisdictionRisk, readonly string[]]>).flatMap(([risk, codes]) =>
    codes.map((countryCode) => ({ countryCode, risk })),
  );
}

/** The default rating of each listed country, for seeds that apply the legal risk rules without a database. */
export const DEFAULT_RATINGS: ReadonlyMap<string, JurisdictionRisk> = new Map(defaultCountryRiskRows().map((r) => [r.countryCode, r.risk]));
