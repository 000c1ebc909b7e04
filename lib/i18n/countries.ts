import isoCountries from "i18n-iso-countries";

/**
 * Countries: the list of ISO 3166-1 alpha-2 codes from a maintained dataset (i18n-iso-countries),
 * their names from the runtime's CLDR data (Intl.DisplayNames) in the reader's language.
 */

const CODES = Object.keys(isoCountries.getAlpha2Codes()).sort();

export function isCountryCode(code: string): boolean {
  return CODES.includes(code);
}

export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface CountryOption {
  code: string;
  name: string;
}

/** Every country, named in `locale`, sorted by name in that locale. */
export function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  return CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}
