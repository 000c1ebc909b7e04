import { migrate } from "../lib/migrations/migrate";
import { ensureAppRole } from "../lib/db/roles";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run db:migrate — apply pending migrations from prisma/migrations

Applies them exactly as \`prisma migrate deploy\` would (same _prisma_migrations table, checksums and
lock), each in its own transaction. Refuses to run if an applied migration's file was changed.

Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
Run it as the database owner (migrations create tables). With APP_DATABASE_USER and
APP_DATABASE_PASSWORD set, it also creates or updates that least-privilege role for the app:
rows only, no DDL, and the audit log append-only.

Options:
  -h, --help   show this help`,
  prepare() {
    const appUser = process.env.APP_DATABASE_USER;
    const appPassword = process.env.APP_DATABASE_PASSWORD;
    if (Boolean(appUser) !== Boolean(appPassword)) throw new Error("set both APP_DATABASE_USER and APP_DATABASE_PASSWORD (or neither)");
    return appUser && appPassword ? { name: appUser, password: appPassword } : null;
  },
  database: true,
  async run({ database, input: appRole }) {
    const result = await migrate(database!.url, { onProgress: (line) => console.log(`  ${line}`) });
    if (appRole) {
      await ensureAppRole(database!.url, appRole);
      console.log(`  app role "${appRole.name}": rows only, no DDL, audit log append-only`);
    }
    return result.applied.length
      ? `applied ${result.applied.length} migration(s); ${result.alreadyApplied} were already applied`
      : `database is up to date (${result.alreadyApplied} migrations applied, none pending)`;
  },
});
