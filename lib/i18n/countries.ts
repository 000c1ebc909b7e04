import { COUNTRY_CODES } from "@/lib/validation/country-codes";

/**
 * Countries' names (their codes: lib/validation/country-codes.ts) from the runtime's CLDR data
 * (Intl.DisplayNames) in the reader's language. Formatters and the sorted lists are built once per language: they are costly, and pages use them often.
 */

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
    options = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
    optionLists.set(locale, options);
  }
  return options;
}
