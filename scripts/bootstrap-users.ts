import { migrate } from "../lib/migrations/migrate";
import { AlreadyBootstrappedError, BootstrapSchema, unsafeBootstrapUsers } from "../lib/users/bootstrap";
import { runCli, UsageError } from "./lib/cli";

const USAGE = "usage: npm run users:bootstrap -- --admin admin@example.org --coordinator coordinator@example.org";

await runCli({
  help: `npm run users:bootstrap -- --admin <e-mail> --coordinator <e-mail>

Creates the first two accounts of a new installation, together, so that the two-person rule holds
from the start: an admin (manages accounts; never reads cases) and a coordinator (approves every
account that can read cases). Prints one invitation link and one activation code for each, valid
for 72 hours. A link opens nothing without its code (split knowledge, ADR 013): send each link to
its person over a trusted channel, and give them their code by ANOTHER channel (in person, or by
phone), so that whoever intercepts one still cannot open the account. They open the link, type the
code, choose a password and set up their authenticator.

Refuses when the installation already has an account: from then on, accounts come from an admin's
invitation at /admin/users, approved by a coordinator at /admin/approvals. Running it again before
anyone accepted replaces the earlier links. Recorded in the audit log.

Database: DATABASE_URL (migrated with npm run db:migrate first), or the embedded PostgreSQL under
.data/ when it is unset (migrated here). Links start with APP_URL (default http://localhost:3000).

Options:
      --admin <e-mail>         the first admin
      --coordinator <e-mail>   the first coordinator (a different person)
  -h, --help                   show this help`,
  options: { admin: { type: "string" }, coordinator: { type: "string" } },
  prepare(values) {
    const missing = (["admin", "coordinator"] as const).filter((name) => !values[name]);
    if (missing.length)
      throw new UsageError(`${missing.map((name) => `--${name} <e-mail>`).join(" and ")} ${missing.length > 1 ? "are" : "is"} required`);
    const parsed = BootstrapSchema.safeParse({ admin: values.admin, coordinator: values.coordinator });
    if (parsed.success) return parsed.data;
    // The schema's messages are i18n keys for the web forms; spell out the one a command line can hit.
    const readable = (message: string) => (/^[a-z_]+$/.test(message) ? "is not a valid e-mail address" : message);
    const problems = parsed.error.issues.map((issue) => `--${String(issue.path[0])}: ${readable(issue.message)}`).join("\n  ");
    throw new UsageError(`${problems}\n  ${USAGE}`);
  },
  secrets: true,
  database: true,
  async run({ database, input }) {
    if (database!.embedded) await migrate(database!.url);
    const invites = await unsafeBootstrapUsers(input).catch((error: unknown) => {
      if (error instanceof Error && !(error instanceof AlreadyBootstrappedError) && /does not exist/.test(error.message)) {
        throw new Error("The database has no Waypoint tables yet: run npm run db:migrate first.");
      }
      throw error;
    });
    console.log("Invitation links (one-time; send each to its person over a trusted channel):");
    for (const invite of invites) console.log(`  ${invite.role.padEnd(12)} ${invite.email}\n               ${invite.link}`);
    console.log("\nActivation codes (give each to its person by ANOTHER channel than the link: in person or by phone):");
    for (const invite of invites) console.log(`  ${invite.role.padEnd(12)} ${invite.email.padEnd(32)} ${invite.activationCode}`);
    const until = invites[0]!.expiresAt.toISOString().slice(0, 16).replace("T", " ");
    console.log();
    return `bootstrap: invited 1 admin and 1 coordinator; the links work until ${until} UTC, only with their codes`;
  },
});
