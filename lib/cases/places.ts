import { citiesOf, cityName, countriesWithCities, isCityOf } from "@/lib/places/cities";

/**
 * A case's places: a city chosen from the shipped list of big cities (lib/places), kept in clear as
 * its key, or a place typed as "other", which is sealed with the case's key. Never both.
 */

/** What the place select posts when the place is not on the list (the text then comes in `…Other`). */
export const OTHER_PLACE = "other";

/** The place to show: the city's name, or the unsealed "other" text. */
export function placeName(country: string, cityKey: string | null, other: string | null): string | null {
  if (cityKey) return cityName(country, cityKey);
  return other;
}

/** Whether `key` is a city of `country` on the list. */
export function isListedCity(country: string, key: string): boolean {
  return isCityOf(country, key);
}

let countryByCity: Map<string, string> | null = null;

/**
 * The country of a listed city. A consulate or office may be in the country the person waits in or
 * in the destination, so an application's office city is any listed city, named by its key alone.
 */
export function countryOfListedCity(key: string): string | null {
  countryByCity ??= new Map(countriesWithCities().flatMap((country) => citiesOf(country).map((city) => [city.key, country] as const)));
  return countryByCity.get(key) ?? null;
}

/** An office city to show: the listed city's name, or the unsealed "other" text. */
export function officeName(cityKey: string | null, other: string | null): string | null {
  if (!cityKey) return other;
  const country = countryOfListedCity(cityKey);
  return country ? cityName(country, cityKey) : null;
}

function normalised(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").trim().toLowerCase();
}

/** The listed city of `country` whose name is exactly `text` (accents and case aside), if any. */
export function listedCityNamed(country: string, text: string): string | null {
  const wanted = normalised(text);
  return citiesOf(country).find((city) => normalised(city.name) === wanted)?.key ?? null;
}
