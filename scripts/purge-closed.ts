import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db/client";
import { DEFAULT_RETENTION_DAYS, retentionCutoff, unsafeListPurgeCandidates, unsafePurgeClosedCases } from "../lib/maintenance/retention";
import { fail, loadLocalSecrets, withDatabase } from "./lib/local-runtime";

const HELP = `npm run retention:purge — destroy closed cases past the retention period

Deletes every case closed more than --days days ago (default ${DEFAULT_RETENTION_DAYS}, or RETENTION_DAYS) with all
its parts and its data key. The audit log keeps only "purged" and a salted hash of the code.
Irreversible: run with --dry-run first. In a terminal it shows how many cases would go and asks you
to type PURGE; a scheduled run (no terminal) must say --yes. Schedule it in production (see
docs/deploy.md), e.g. daily.

Options:
      --days <n>   retention period in days (default ${DEFAULT_RETENTION_DAYS})
      --dry-run    list what would be purged; change nothing
      --yes        purge without asking (for cron and timers)
  -h, --help       show this help`;

const { values } = parseArgs({
  options: { help: { type: "boolean", short: "h" }, "dry-run": { type: "boolean" }, yes: { type: "boolean" }, days: { type: "string" } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const days = Number(values.days ?? process.env.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
if (!Number.isInteger(days) || days < 1)
  fail(`--days must be a whole number of days (at least 1), not "${values.days ?? process.env.RETENTION_DAYS}"`);

try {
  await loadLocalSecrets();
  await withDatabase(async () => {
    const cutoff = retentionCutoff(days);
    if (values["dry-run"]) {
      const candidates = await unsafeListPurgeCandidates(days);
      for (const c of candidates) console.log(`  would purge ${c.code} (closed ${c.closedAt.toISOString().slice(0, 10)})`);
      console.log(
        `✔ dry run: ${candidates.length} closed case(s) closed before ${cutoff.toISOString().slice(0, 10)} would be purged; nothing changed`,
      );
    } else {
      if (!values.yes) {
        const candidates = await unsafeListPurgeCandidates(days);
        if (candidates.length === 0) {
          console.log(`✔ nothing to purge: no case closed before ${cutoff.toISOString().slice(0, 10)}`);
          await disconnectDb();
          return;
        }
        if (!process.stdin.isTTY)
          throw new Error(
            `${candidates.length} closed case(s) would be destroyed, and there is nobody to confirm it. Run with --dry-run to see them, then with --yes.`,
          );
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question(
          `${candidates.length} closed case(s) closed before ${cutoff.toISOString().slice(0, 10)} will be destroyed for good. Type PURGE to go on: `,
        );
        rl.close();
        if (answer.trim() !== "PURGE") {
          console.log("✔ nothing purged (not confirmed)");
          await disconnectDb();
          return;
        }
      }
      const purged = await unsafePurgeClosedCases(days, {
        onProgress: (done, total) => process.stderr.write(`\r  purged ${done}/${total}`),
      });
      process.stderr.write("\n");
      console.log(`✔ purged ${purged} closed case(s) closed before ${cutoff.toISOString().slice(0, 10)} (retention ${days} days)`);
    }
    await disconnectDb();
  });
} catch (error) {
  fail(error);
}
