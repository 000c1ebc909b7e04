import { parseArgs } from "node:util";
import { exportPublicKey } from "../lib/audit/checkpoint";
import { appendCheckpointFile, takeCheckpoint } from "../lib/audit/checkpoints";
import { db, disconnectDb } from "../lib/db/client";
import { env } from "../lib/env";
import { fail, loadLocalSecrets, withDatabase } from "./lib/local-runtime";

const HELP = `npm run audit:checkpoint — sign a checkpoint of the audit log's head now, and print it

Verifies the entries added since the previous checkpoint (all of them the first time) with
AUDIT_CHAIN_KEY, signs "the head is entry N with hash H, at time T" with AUDIT_SIGNING_KEY (Ed25519),
records it as the app's schedule does (AUDIT_CHECKPOINT_MINUTES), appends it to
AUDIT_CHECKPOINT_FILE when that is set, and prints it as one JSON line on stdout.

Ship that line where the database's administrators cannot change it (a ticket, a write-once bucket,
a mailbox of another organisation). Later, npm run audit:verify -- --checkpoint <file> shows whether
the log up to it is still the same; anyone with the public key can check its signature.

Options:
      --public-key   print the public key that checks checkpoints (base64 of SPKI DER) and exit
  -h, --help         show this help

Exits 0 with the checkpoint on stdout, 1 when the chain does not verify (no checkpoint is written).
Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.`;

let values: { help?: boolean; "public-key"?: boolean };
try {
  ({ values } = parseArgs({ options: { help: { type: "boolean", short: "h" }, "public-key": { type: "boolean" } } }));
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}\n  (npm run audit:checkpoint -- --help)`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

try {
  await loadLocalSecrets((line) => console.error(line));
  if (values["public-key"]) {
    const key = env().AUDIT_SIGNING_KEY;
    console.log(exportPublicKey(key.publicKey));
    console.error(`  key id ${key.keyId}: give this public key to whoever checks checkpoints (npm run audit:verify -- --public-key …)`);
    process.exit(0);
  }
  const live = process.stderr.isTTY;
  const ok = await withDatabase(
    async () => {
      const outcome = await takeCheckpoint(db(), {
        force: true,
        onProgress: live ? (n) => process.stderr.write(`\r  verified ${n} entries`) : undefined,
      });
      if (live) process.stderr.write("\n");
      await disconnectDb();
      if (outcome.status === "broken") {
        console.error(
          `✖ audit chain BROKEN at entry ${outcome.failure.brokenAt ?? "?"} (${outcome.failure.reason}): ${outcome.failure.detail}; no checkpoint written`,
        );
        console.error("  Run npm run audit:verify -- --checkpoint <your last shipped checkpoint> and treat the database as tampered with.");
        return false;
      }
      if (outcome.status !== "written") throw new Error(`no checkpoint written (${outcome.status})`);
      await appendCheckpointFile(outcome.checkpoint);
      console.log(JSON.stringify(outcome.checkpoint));
      const file = env().AUDIT_CHECKPOINT_FILE;
      console.error(
        `✔ checkpoint of entry ${outcome.checkpoint.lastId} signed (${outcome.verified} new entries verified)${file ? `; appended to ${file}` : ""}`,
      );
      return true;
    },
    (line) => console.error(line),
  );
  process.exit(ok ? 0 : 1);
} catch (error) {
  fail(error);
}
