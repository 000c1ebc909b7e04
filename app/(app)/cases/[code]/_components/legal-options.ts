import type { CountryOption } from "@/lib/i18n/countries";
import { PURSUING_STATES } from "@/lib/cases/vocabulary";

/** Countries for "requesting state": Russia and Belarus first, then every other country. */
export function requestingStateOptions(countries: CountryOption[]): Array<{ value: string; label: string }> {
  const first = PURSUING_STATES.map((code) => countries.find((c) => c.code === code)).filter((c): c is CountryOption => c !== undefined);
  const rest = countries.filter((c) => !(PURSUING_STATES as readonly string[]).includes(c.code));
  return [...first, ...rest].map((c) => ({ value: c.code, label: c.name }));
}
