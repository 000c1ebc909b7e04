import isoCountries from "i18n-iso-countries";

/**
 * The ISO 3166-1 alpha-2 codes, from a maintained dataset (i18n-iso-countries). Here, not in
 * lib/i18n, because validation needs the codes and lib/i18n (names in the reader's language) reads the
 * session, which validation must not depend on.
 */
export const COUNTRY_CODES: readonly string[] = Object.keys(isoCountries.getAlpha2Codes()).sort();
const CODE_SET = new Set(COUNTRY_CODES);

export function isCountryCode(code: string): boolean {
  return CODE_SET.has(code);
}
