/**
 * Where an interim measure can be asked for. ECtHR Rule 39 binds only the 46 member states of the
 * Council of Europe (Russia left in 2022; Kazakhstan, Kyrgyzstan, Uzbekistan and Tajikistan were
 * never members), so a Rule 39 request recorded for another host country is refused. The UN
 * Committee against Torture takes individual complaints only from states that accepted Article 22;
 * that list is not kept here (ADR 018), so the form accepts a CAT measure anywhere.
 */
export const ECHR_STATES: ReadonlySet<string> = new Set([
  "AD",
  "AL",
  "AM",
  "AT",
  "AZ",
  "BA",
  "BE",
  "BG",
  "CH",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GB",
  "GE",
  "GR",
  "HR",
  "HU",
  "IE",
  "IS",
  "IT",
  "LI",
  "LT",
  "LU",
  "LV",
  "MC",
  "MD",
  "ME",
  "MK",
  "MT",
  "NL",
  "NO",
  "PL",
  "PT",
  "RO",
  "RS",
  "SE",
  "SI",
  "SK",
  "SM",
  "TR",
  "UA",
]);

export function boundByEchr(country: string): boolean {
  return ECHR_STATES.has(country);
}
