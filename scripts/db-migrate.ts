import { parseArgs } from "node:util";
import { migrate } from "../lib/db/migrate";
import { ensureAppRole } from "../lib/db/roles";
import { fail, withDatabase } from "./lib/local-runtime";

const HELP = `npm run db:migrate — apply pending migrations from prisma/migrations

Applies them exactly as \`prisma migrate deploy\` would (same _prisma_migrations table, checksums and
lock), each in its own transaction. Refuses to run if an applied migration's file was changed.

Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
Run it as the database owner (migrations create tables). With APP_DATABASE_USER and
APP_DATABASE_PASSWORD set, it also creates or updates that least-privilege role for the app:
rows only, no DDL, and the audit log append-only.

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
    const appUser = process.env.APP_DATABASE_USER;
    const appPassword = process.env.APP_DATABASE_PASSWORD;
    if (appUser && appPassword) {
      await ensureAppRole(url, { name: appUser, password: appPassword });
      console.log(`  app role "${appUser}": rows only, no DDL, audit log append-only`);
    } else if (appUser || appPassword) {
      throw new Error("set both APP_DATABASE_USER and APP_DATABASE_PASSWORD (or neither)");
    }
    console.log(
      result.applied.length
        ? `✔ applied ${result.applied.length} migration(s); ${result.alreadyApplied} were already applied`
        : `✔ database is up to date (${result.alreadyApplied} migrations applied, none pending)`,
    );
  });
} catch (error) {
  fail(error);
}
