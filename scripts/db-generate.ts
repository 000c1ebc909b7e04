import { migrate } from "../lib/migrations/migrate";
import { generateLoad, LOAD_PASSWORD } from "../prisma/seed/load-generator";
import { runCli, UsageError } from "./lib/cli";

await runCli({
  help: `npm run db:generate -- --cases 100000 — fill an empty database with synthetic load data

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
  -h, --help              show this help`,
  options: { cases: { type: "string" }, caseworkers: { type: "string" }, seed: { type: "string" } },
  prepare(values) {
    const cases = Number(values.cases ?? 100_000);
    const caseworkers = Number(values.caseworkers ?? 50);
    if (!Number.isInteger(cases) || cases < 1) throw new UsageError("--cases must be a positive whole number");
    if (!Number.isInteger(caseworkers) || caseworkers < 1) throw new UsageError("--caseworkers must be a positive whole number");
    if (process.env.NODE_ENV === "production")
      throw new Error("db:generate refuses NODE_ENV=production: it creates accounts with a published password");
    return { cases, caseworkers, seed: Number(values.seed ?? 42) };
  },
  secrets: true,
  database: true,
  async run({ database, input, progress }) {
    await migrate(database!.url);
    const result = await generateLoad(database!.url, {
      ...input,
      password: LOAD_PASSWORD,
      onProgress: (done, total) => progress(`${done}/${total} cases`),
    });
    progress.end();
    return `generated ${result.cases} cases (${result.rows} rows) for ${input.caseworkers} caseworkers in ${result.seconds.toFixed(1)} s; accounts caseworker1@load.example … and ${result.coordinator}, password "${LOAD_PASSWORD}"`;
  },
});
