import { createHash, createHmac } from "node:crypto";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * How an audit entry is hashed. Shared by the writer (append.ts), the verifier (verify.ts, walk.ts),
 * the checkpoints and the load generator, so they can never disagree about the format.
 *
 * Since ADR 014 every entry's hash is an HMAC-SHA-256 under AUDIT_CHAIN_KEY, a key that is never
 * stored in the database: whoever can rewrite the table but does not hold the key cannot compute a
 * consistent chain after editing an entry. The plain SHA-256 of earlier versions survives only for
 * the data migrations that read logs written before it (unkeyedEntryHash).
 */

export const GENESIS_HASH = "0".repeat(64);

/**
 * The audit log's transaction-scoped advisory lock: appends, and rewrites by data migrations, hold it.
 * Whatever writes audit_head must hold it (append.ts reads the head through a row lock and relies on
 * it), and must not take a table lock on audit_head stronger than ROW EXCLUSIVE while holding it: an
 * append waiting for this lock already holds ROW SHARE on audit_head.
 */
export const AUDIT_LOCK_KEY = 49_072_711;

export type AuditMetaValue = string | number | boolean | null | AuditMetaValue[] | { [key: string]: AuditMetaValue };
export type AuditMeta = { [key: string]: AuditMetaValue };

export interface ChainedFields {
  id: bigint;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  meta: unknown;
  prevHash: string;
}

/** A function from an entry to its hash: the keyed one in the app, the unkeyed one for old logs. */
export type EntryHasher = (entry: ChainedFields) => string;

/** JSON with object keys sorted at every level, so jsonb's re-ordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
}

function material(entry: ChainedFields): string {
  return [
    entry.id.toString(),
    entry.at.toISOString(),
    entry.actorId ?? "",
    entry.action,
    entry.targetType ?? "",
    entry.targetId ?? "",
    canonicalJson(entry.meta),
    entry.prevHash,
  ].join("\u001f");
}

/** The entry's hash: HMAC-SHA-256 under the chain key (lib/env.ts, AUDIT_CHAIN_KEY), hex. */
export function keyedEntryHash(key: Buffer, entry: ChainedFields): string {
  if (key.length !== 32) throw new Error("the audit chain key must be 32 bytes");
  return createHmac("sha256", key).update(material(entry), "utf8").digest("hex");
}

export function keyedHasher(key: Buffer): EntryHasher {
  return (entry) => keyedEntryHash(key, entry);
}

/**
 * The plain SHA-256 that chained the log before ADR 014. Anyone with the database can recompute it,
 * so nothing but data migrations of logs written before then may use it (seal-case-fields, which
 * ran on such logs, and key-audit-chain, which replaces it).
 */
export function unkeyedEntryHash(entry: ChainedFields): string {
  return createHash("sha256").update(material(entry), "utf8").digest("hex");
}
