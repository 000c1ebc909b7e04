import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseCheckpoints, parsePublicKey, type Checkpoint } from "../lib/audit/checkpoint";
import { verifyAuditChain, verifyAuditChainAgainst, type CheckpointVerification } from "../lib/audit/verify";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { runCli, UsageError } from "./lib/cli";

/** The checkpoint to verify against: inline JSON, or the last one of a file. */
async function readCheckpoint(arg: string): Promise<{ checkpoint: Checkpoint; source: string }> {
  const inline = /^\s*[[{]/.test(arg);
  if (!inline && !existsSync(arg)) throw new UsageError(`--checkpoint: no file ${arg} (give a file, or the checkpoint's JSON)`);
  const text = inline ? arg : await readFile(arg, "utf8");
  const found = parseCheckpoints(text);
  const last = found.at(-1);
  if (!last)
    throw new UsageError(
      `--checkpoint: no checkpoint in ${inline ? "the JSON given" : arg} (expected lines as npm run audit:checkpoint prints them)`,
    );
  return {
    checkpoint: last,
    source: inline ? "given inline" : found.length > 1 ? `the last of ${found.length} in ${arg}` : `the only one in ${arg}`,
  };
}

async function readPublicKey(arg: string) {
  try {
    return parsePublicKey(existsSync(arg) ? await readFile(arg, "utf8") : arg);
  } catch (error) {
    throw new UsageError(`--public-key: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const ADVICE: Record<Extract<CheckpointVerification, { ok: false }>["reason"], string> = {
  hash_mismatch:
    "Treat the database as tampered with: keep a copy for investigation and restore from a backup you trust (verify it against your last shipped checkpoint).",
  chain_broken:
    "Treat the database as tampered with: keep a copy for investigation and restore from a backup you trust (verify it against your last shipped checkpoint).",
  head_mismatch: "Entries were removed from the end of the log. Keep a copy for investigation and restore from a backup you trust.",
  checkpoint_mismatch:
    "The log up to the checkpoint was rewritten consistently, which needs AUDIT_CHAIN_KEY: treat the server and its secrets as compromised (SECURITY.md), keep a copy, and restore a backup that verifies against this checkpoint.",
  checkpoint_missing:
    "The entry the checkpoint names is gone: the log was cut back or rewritten. Keep a copy for investigation and restore a backup that verifies against this checkpoint.",
  checkpoint_signature:
    "Do not trust this checkpoint: take it from where you ship checkpoints, not from this server, and check that the public key is your installation's (npm run audit:checkpoint -- --public-key where the key is kept).",
};

await runCli({
  help: `npm run audit:verify — check the audit log's hash chain, and against a checkpoint

Recomputes every entry's hash (HMAC-SHA-256 under AUDIT_CHAIN_KEY) in order and reports the first
entry that was altered, deleted, inserted or reordered, or a removed tail. Without the key nobody can
rewrite the chain consistently. Someone holding it (the server's secrets) could, after the last
checkpoint you shipped out of the database: give that checkpoint with --checkpoint, and the entry it
names must still have the hash it recorded, under a valid signature.

Usage:
  npm run audit:verify
  npm run audit:verify -- --checkpoint /mnt/elsewhere/waypoint-checkpoints.jsonl
  npm run audit:verify -- --checkpoint '{"type":"waypoint.audit.checkpoint",…}' --public-key MCowBQYDK2VwAyEA…

Options:
  -c, --checkpoint <file|JSON>  a checkpoint as printed by npm run audit:checkpoint, or a file of them
                                (AUDIT_CHECKPOINT_FILE, or lines of the server's log): the last one is used
  -k, --public-key <file|key>   the Ed25519 public key that checks its signature (base64 or PEM, or a file
                                holding it; npm run audit:checkpoint -- --public-key prints it);
                                default: the one of AUDIT_SIGNING_KEY in this environment
  -h, --help                    show this help

Exits 0 when the chain is intact (and matches the checkpoint), 1 when it is not or the checkpoint is
refused, 2 on wrong usage. Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when unset.`,
  options: { checkpoint: { type: "string", short: "c" }, "public-key": { type: "string", short: "k" } },
  // Read before the database opens: a checkpoint or key that cannot be read is a usage error (exit 2).
  async prepare(values) {
    const given = values.checkpoint === undefined ? null : await readCheckpoint(values.checkpoint);
    const explicitKey = values["public-key"] === undefined ? null : await readPublicKey(values["public-key"]);
    return { given, explicitKey };
  },
  secrets: true,
  database: true,
  async run({ input: { given, explicitKey }, progress }) {
    const broken = (result: Extract<CheckpointVerification, { ok: false }>) => {
      const what =
        result.reason === "checkpoint_signature" ? "checkpoint REFUSED" : `audit chain BROKEN at entry ${result.brokenAt ?? "?"}`;
      return new Error(`${what} (${result.reason}): ${result.detail}\n  ${ADVICE[result.reason]}`);
    };
    const checked = (n: number) => progress(`checked ${n} entries`);
    if (!given) {
      const result = await verifyAuditChain(db(), checked);
      progress.end();
      if (!result.ok) throw broken(result);
      console.log(
        `  no checkpoint given: this shows the log is consistent under AUDIT_CHAIN_KEY, not that it is the log you anchored (--checkpoint <file>)`,
      );
      return `audit chain intact: ${result.entries} entries, head ${result.headHash}; no checkpoint given`;
    }
    const { checkpoint, source } = given;
    const publicKey = explicitKey ?? env().AUDIT_SIGNING_KEY.publicKey;
    console.log(`  checkpoint: entry ${checkpoint.lastId} at ${checkpoint.at}, signing key ${checkpoint.keyId} (${source})`);
    console.log(
      `  signature checked with ${explicitKey ? "the public key given (--public-key)" : "the public key of AUDIT_SIGNING_KEY in this environment"}`,
    );
    const result = await verifyAuditChainAgainst(db(), checkpoint, publicKey, checked);
    progress.end();
    if (!result.ok) throw broken(result);
    const since = `${result.entriesSinceCheckpoint} ${result.entriesSinceCheckpoint === 1 ? "entry" : "entries"} since`;
    return `audit chain intact: ${result.entries} entries, head ${result.headHash}; matches the checkpoint of entry ${checkpoint.lastId} (${checkpoint.at}), ${since}`;
  },
});
