import { migrate } from "../lib/migrations/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../prisma/seed/demo-seed";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run db:seed — fill the database with Waypoint's demo data

Creates the four demo accounts and about 60 synthetic, pseudonymous cases across every workflow
stage. Idempotent: a second run changes nothing. Refuses to run when NODE_ENV=production or when
the database holds anything that is not demo data. Applies pending migrations first.

Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.

Options:
  -h, --help   show this help`,
  secrets: true,
  database: true,
  async run({ database }) {
    await migrate(database!.url);
    const started = Date.now();
    const result = await seedDemo({ log: (line) => console.log(`  ${line}`) });
    console.log("\nDemo accounts (demo data only; every account uses the same password):");
    console.log(`  password: ${DEMO_PASSWORD}`);
    for (const account of DEMO_ACCOUNTS) {
      console.log(`  ${account.email.padEnd(26)} ${account.role.padEnd(12)} TOTP secret ${account.totpSecret}`);
    }
    console.log("  current code: npm run demo:code -- <email>\n");
    return result.created
      ? `demo data created: ${result.accounts} accounts, ${result.cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`
      : `demo data already present (${result.cases} cases); nothing changed`;
  },
});
