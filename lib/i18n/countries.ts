import isoCountries from "i18n-iso-countries";

/**
 * Countries: the list of ISO 3166-1 alpha-2 codes from a maintained dataset (i18n-iso-countries),
 * their names from the runtime's CLDR data (Intl.DisplayNames) in the reader's language. Formatters
 * and the sorted lists are built once per language: they are costly, and pages use them often.
 */

const CODES = Object.keys(isoCountries.getAlpha2Codes()).sort();
const CODE_SET = new Set(CODES);

export function isCountryCode(code: string): boolean {
  return CODE_SET.has(code);
}

const namers = new Map<string, Intl.DisplayNames>();

function namer(locale: string): Intl.DisplayNames {
  let found = namers.get(locale);
  if (!found) {
    found = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    namers.set(locale, found);
  }
  return found;
}

export function countryName(code: string, locale: string): string {
  try {
    return namer(locale).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface CountryOption {
  code: string;
  name: string;
}

const optionLists = new Map<string, CountryOption[]>();

/** Every country, named in `locale`, sorted by name in that locale. */
export function countryOptions(locale: string): CountryOption[] {
  let options = optionLists.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
    optionLists.set(locale, options);
  }
  return options;
}
