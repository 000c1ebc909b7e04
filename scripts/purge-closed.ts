import { DEFAULT_RETENTION_DAYS, retentionCutoff, unsafeListPurgeCandidates, unsafePurgeClosedCases } from "../lib/maintenance/retention";
import { confirmByTyping, runCli, UsageError } from "./lib/cli";

await runCli({
  help: `npm run retention:purge — destroy closed cases past the retention period

Deletes every case closed more than --days days ago (default ${DEFAULT_RETENTION_DAYS}, or RETENTION_DAYS) with all
its parts and its data key. The audit log keeps only "purged" and a salted hash of the code. Also
forgets the reading monitor's record of reads older than its one-hour window.
Irreversible: run with --dry-run first. In a terminal it shows how many cases would go and asks you
to type PURGE; a scheduled run (no terminal) must say --yes. Schedule it in production (see
docs/deploy.md), e.g. daily.

Options:
      --days <n>   retention period in days (default ${DEFAULT_RETENTION_DAYS})
      --dry-run    list what would be purged; change nothing
      --yes        purge without asking (for cron and timers)
  -h, --help       show this help`,
  options: { "dry-run": { type: "boolean" }, yes: { type: "boolean" }, days: { type: "string" } },
  prepare(values) {
    const days = Number(values.days ?? process.env.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
    if (!Number.isInteger(days) || days < 1)
      throw new UsageError(`--days must be a whole number of days (at least 1), not "${values.days ?? process.env.RETENTION_DAYS}"`);
    return days;
  },
  secrets: true,
  database: true,
  async run({ values, input: days, progress }) {
    const before = `closed before ${retentionCutoff(days).toISOString().slice(0, 10)}`;
    if (values["dry-run"]) {
      const candidates = await unsafeListPurgeCandidates(days);
      for (const c of candidates) console.log(`  would purge ${c.code} (closed ${c.closedAt.toISOString().slice(0, 10)})`);
      return `dry run: ${candidates.length} closed case(s) ${before} would be purged; nothing changed`;
    }
    if (!values.yes) {
      const candidates = await unsafeListPurgeCandidates(days);
      if (candidates.length === 0) return `nothing to purge: no case ${before}`;
      const confirmed = await confirmByTyping("PURGE", {
        what: `${candidates.length} closed case(s) ${before} will be destroyed for good`,
        unattended: `${candidates.length} closed case(s) would be destroyed, and there is nobody to confirm it. Run with --dry-run to see them, then with --yes.`,
      });
      if (!confirmed) return "nothing purged (not confirmed)";
    }
    const purged = await unsafePurgeClosedCases(days, { onProgress: (done, total) => progress(`purged ${done}/${total}`) });
    return `purged ${purged} closed case(s) ${before} (retention ${days} days)`;
  },
});
