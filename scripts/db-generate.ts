import { parseArgs } from "node:util";
import { migrate } from "../lib/db/migrate";
import { generateLoad, LOAD_PASSWORD } from "../prisma/seed/load-generator";
import { fail, loadLocalSecrets, withDatabase } from "./lib/local-runtime";

const HELP = `npm run db:generate -- --cases 100000 — fill an empty database with synthetic load data

Creates caseworkers (default 50), coordinators and an admin, the country-risk table, and the cases:
every stage and country in plausible proportions, each with about ten timeline events, documents,
applications, next steps, movements, status history, encrypted notes and contact channel, and
audit entries with a valid hash chain. Uses COPY in batches. For benchmarks, never for production:
every account gets the password "${LOAD_PASSWORD}".

Database: DATABASE_URL (must hold no cases), or the embedded PostgreSQL under .data/. Migrations are
applied first.

Options:
      --cases <n>         how many cases (default 100000)
      --caseworkers <n>   how many caseworkers (default 50)
      --seed <n>          random seed, for repeatable data (default 42)
  -h, --help              show this help`;

const { values } = parseArgs({
  options: { help: { type: "boolean", short: "h" }, cases: { type: "string" }, caseworkers: { type: "string" }, seed: { type: "string" } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const cases = Number(values.cases ?? 100_000);
const caseworkers = Number(values.caseworkers ?? 50);
const seed = Number(values.seed ?? 42);
if (!Number.isInteger(cases) || cases < 1) fail("--cases must be a positive whole number");
if (!Number.isInteger(caseworkers) || caseworkers < 1) fail("--caseworkers must be a positive whole number");
if (process.env.NODE_ENV === "production") fail("db:generate refuses NODE_ENV=production: it creates accounts with a published password");

try {
  await loadLocalSecrets();
  await withDatabase(async ({ url }) => {
    await migrate(url);
    let last = 0;
    const result = await generateLoad(url, {
      cases,
      caseworkers,
      seed,
      password: LOAD_PASSWORD,
      onProgress: (done, total) => {
        if (done - last >= total / 50 || done === total) {
          process.stderr.write(`\r  ${done}/${total} cases`);
          last = done;
        }
      },
    });
    process.stderr.write("\n");
    console.log(
      `✔ generated ${result.cases} cases (${result.rows} rows) for ${caseworkers} caseworkers in ${result.seconds.toFixed(1)} s; accounts caseworker1@load.example … and ${result.coordinator}, password "${LOAD_PASSWORD}"`,
    );
  });
} catch (error) {
  fail(error);
}
