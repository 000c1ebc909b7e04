import { exportPublicKey } from "../lib/audit/checkpoint";
import { appendCheckpointFile, takeCheckpoint } from "../lib/audit/checkpoints";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { runCli } from "./lib/cli";

await runCli({
  help: `npm run audit:checkpoint — sign a checkpoint of the audit log's head now, and print it

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
Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.`,
  options: { "public-key": { type: "boolean" } },
  stdoutIsData: true,
  secrets: true,
  database: (values) => !values["public-key"],
  async run({ values, progress }) {
    if (values["public-key"]) {
      const key = env().AUDIT_SIGNING_KEY;
      console.log(exportPublicKey(key.publicKey));
      return `key id ${key.keyId}: give this public key to whoever checks checkpoints (npm run audit:verify -- --public-key …)`;
    }
    const outcome = await takeCheckpoint(db(), { force: true, onProgress: (n) => progress(`verified ${n} entries`) });
    progress.end();
    if (outcome.status === "broken") {
      const { brokenAt, reason, detail } = outcome.failure;
      throw new Error(
        `audit chain BROKEN at entry ${brokenAt ?? "?"} (${reason}): ${detail}; no checkpoint written\n  Run npm run audit:verify -- --checkpoint <your last shipped checkpoint> and treat the database as tampered with.`,
      );
    }
    if (outcome.status !== "written") throw new Error(`no checkpoint written (${outcome.status})`);
    await appendCheckpointFile(outcome.checkpoint);
    console.log(JSON.stringify(outcome.checkpoint));
    const file = env().AUDIT_CHECKPOINT_FILE;
    return `checkpoint of entry ${outcome.checkpoint.lastId} signed (${outcome.verified} new entries verified)${file ? `; appended to ${file}` : ""}`;
  },
});
