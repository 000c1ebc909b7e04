import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db/client";
import { DEFAULT_RETENTION_DAYS, retentionCutoff, unsafeListPurgeCandidates, unsafePurgeClosedCases } from "../lib/maintenance/retention";
import { fail, loadLocalSecrets, withDatabase } from "./lib/local-runtime";

const HELP = `npm run retention:purge — destroy closed cases past the retention period

Deletes every case closed more than --days days ago (default ${DEFAULT_RETENTION_DAYS}, or RETENTION_DAYS) with all
its parts and its data key. The audit log keeps only "purged" and a salted hash of the code.
Irreversible: run with --dry-run first. Schedule it in production (see docs/deploy.md), e.g. daily.

Options:
      --days <n>   retention period in days (default ${DEFAULT_RETENTION_DAYS})
      --dry-run    list what would be purged; change nothing
  -h, --help       show this help`;

const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" }, "dry-run": { type: "boolean" }, days: { type: "string" } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const days = Number(values.days ?? process.env.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
if (!Number.isInteger(days) || days < 1) fail(`--days must be a whole number of days (at least 1), not "${values.days ?? process.env.RETENTION_DAYS}"`);

try {
  await loadLocalSecrets();
  await withDatabase(async () => {
    const cutoff = retentionCutoff(days);
    if (values["dry-run"]) {
      const candidates = await unsafeListPurgeCandidates(days);
      for (const c of candidates) console.log(`  would purge ${c.code} (closed ${c.closedAt.toISOString().slice(0, 10)})`);
      console.log(`✔ dry run: ${candidates.length} closed case(s) closed before ${cutoff.toISOString().slice(0, 10)} would be purged; nothing changed`);
    } else {
      const purged = await unsafePurgeClosedCases(days, { onProgress: (done, total) => process.stderr.write(`\r  purged ${done}/${total}`) });
      process.stderr.write("\n");
      console.log(`✔ purged ${purged} closed case(s) closed before ${cutoff.toISOString().slice(0, 10)} (retention ${days} days)`);
    }
    await disconnectDb();
  });
} catch (error) {
  fail(error);
}
