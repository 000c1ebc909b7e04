import { parseArgs } from "node:util";
import { migrate } from "../lib/db/migrate";
import { fail, withDatabase } from "./lib/local-runtime";

const HELP = `npm run db:migrate — apply pending migrations from prisma/migrations

Applies them exactly as \`prisma migrate deploy\` would (same _prisma_migrations table, checksums and
lock), each in its own transaction. Refuses to run if an applied migration's file was changed.

Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
Run it as the database owner (migrations create tables); the app itself connects with less.

Options:
  -h, --help   show this help`;

const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

try {
  await withDatabase(async ({ url }) => {
    const result = await migrate(url, { onProgress: (line) => console.log(`  ${line}`) });
    console.log(
      result.applied.length
        ? `✔ applied ${result.applied.length} migration(s); ${result.alreadyApplied} were already applied`
        : `✔ database is up to date (${result.alreadyApplied} migrations applied, none pending)`,
    );
  });
} catch (error) {
  fail(error);
}
