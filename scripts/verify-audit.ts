import { parseArgs } from "node:util";
import { verifyAuditChain } from "../lib/audit/verify";
import { db, disconnectDb } from "../lib/db/client";
import { fail, loadLocalSecrets, withDatabase } from "./lib/local-runtime";

const HELP = `npm run audit:verify — check the audit log's hash chain

Recomputes every entry's SHA-256 in order and reports the first entry that was altered, deleted,
inserted or reordered, or a removed tail. Exits 0 when the chain is intact, 1 when it is broken.
Prints the head hash: keep it somewhere else (a ticket, a printout) to anchor the log.

Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.

Options:
  -h, --help   show this help`;

const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

try {
  await loadLocalSecrets();
  const ok = await withDatabase(async () => {
    const result = await verifyAuditChain(db(), (checked) => process.stderr.write(`\r  checked ${checked} entries`));
    process.stderr.write("\n");
    await disconnectDb();
    if (result.ok) {
      console.log(`✔ audit chain intact: ${result.entries} entries, head ${result.headHash}`);
      return true;
    }
    console.error(`✖ audit chain BROKEN at entry ${result.brokenAt ?? "?"} (${result.reason}): ${result.detail}`);
    console.error("  Treat the database as tampered with: keep a copy for investigation and restore from a backup you trust.");
    return false;
  });
  process.exit(ok ? 0 : 1);
} catch (error) {
  fail(error);
}
