import type pg from "pg";
import { AUDIT_LOCK_KEY, GENESIS_HASH, type AuditMeta, type EntryHasher } from "./chain";
import { pgPages, walkChain } from "./walk";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Re-hashes the whole audit log from one hash function to another (ADR 014): from the plain SHA-256
 * of earlier versions to the keyed HMAC, and, should a chain key ever have to be replaced, from the
 * old key to the new one. Only for data migrations (they run as the table's owner, in a transaction).
 *
 * It never launders tampering: it first verifies the whole chain and its head under the old
 * function and refuses to go on if anything does not fit. Then it recomputes every entry's prevHash
 * and hash, and appends one entry recording the head as it was (id and old hash), so whoever
 * anchored that hash can tie the old chain to the new one.
 */

export interface RechainOptions {
  from: EntryHasher;
  to: EntryHasher;
  /** The entry recording the rewrite, e.g. `audit.chain_keyed`. */
  action: string;
  /** Its meta; `previousHeadId`, `previousHeadHash` and `entriesRehashed` are added. */
  meta: AuditMeta;
  log?: (line: string) => void;
}

export type RechainResult =
  | { status: "empty" }
  | { status: "already_done"; entries: number }
  | { status: "rechained"; entries: number; previousHead: { id: string; hash: string }; head: { id: string; hash: string } };

export class BrokenChainError extends Error {
  constructor(detail: string) {
    super(
      `the audit log does not verify (${detail}). It was changed outside the app before this upgrade; ` +
        "re-hashing it now would hide that. Keep a copy of the database for investigation, restore a backup whose audit log verifies " +
        "(npm run audit:verify on the version that wrote it), then migrate again",
    );
    this.name = "BrokenChainError";
  }
}

async function head(client: pg.Client): Promise<{ id: bigint | null; hash: string }> {
  const { rows } = await client.query<{ last_id: string; last_hash: string }>(
    `SELECT last_id::text, last_hash FROM audit_head WHERE id = 1`,
  );
  return rows[0] ? { id: BigInt(rows[0].last_id), hash: rows[0].last_hash } : { id: null, hash: GENESIS_HASH };
}

async function verifies(
  client: pg.Client,
  hash: EntryHasher,
  expected: { id: bigint | null; hash: string },
  onProgress?: (n: number) => void,
) {
  const walk = await walkChain(pgPages(client), { hash, onProgress });
  if (!walk.ok) return walk;
  if (walk.lastId !== expected.id || walk.lastHash !== expected.hash) {
    return {
      ok: false as const,
      detail: `the log ends at entry ${walk.lastId ?? "none"} but its head records entry ${expected.id ?? "none"}`,
    };
  }
  return walk;
}

export async function rechainAuditLog(client: pg.Client, options: RechainOptions): Promise<RechainResult> {
  const log = options.log ?? (() => undefined);
  await client.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const before = await head(client);
  const { rows: count } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM audit_log) AS any`);
  if (!count[0]?.any && before.id === null) return { status: "empty" };

  const old = await verifies(client, options.from, before);
  if (!old.ok) {
    // Run a second time (its record lost), the log already verifies under the new function.
    const done = await verifies(client, options.to, before);
    if (done.ok) return { status: "already_done", entries: done.entries };
    throw new BrokenChainError(old.detail);
  }

  await client.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
  const read = pgPages(client);
  let prevHash = GENESIS_HASH;
  let after: bigint | null = null;
  let rehashed = 0;
  for (;;) {
    const rows = await read(after, 5_000);
    if (rows.length === 0) break;
    const ids: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      const hash = options.to({ ...row, prevHash });
      ids.push(row.id.toString());
      prevs.push(prevHash);
      hashes.push(hash);
      prevHash = hash;
    }
    await client.query(
      `UPDATE audit_log AS a SET prev_hash = v.prev_hash, hash = v.hash
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, prev_hash, hash) WHERE a.id = v.id`,
      [ids, prevs, hashes],
    );
    rehashed += rows.length;
    after = rows[rows.length - 1]!.id;
    if (rehashed % 50_000 < rows.length) log(`  audit log: ${rehashed} entries re-hashed`);
  }
  await client.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);

  const previousHead = { id: (before.id ?? 0n).toString(), hash: before.hash };
  const record = await appendRewriteRecord(
    client,
    {
      action: options.action,
      meta: { ...options.meta, entriesRehashed: rehashed, previousHeadId: previousHead.id, previousHeadHash: previousHead.hash },
      prevHash,
    },
    options.to,
  );
  return { status: "rechained", entries: rehashed, previousHead, head: { id: record.id.toString(), hash: record.hash } };
}

/**
 * Appends the system's entry that records a rewrite of the log (no actor, target "audit"), chained
 * to `prevHash` under `hasher`, and moves the head to it. For data migrations, which hold the log's
 * lock and write with a pg client.
 */
export async function appendRewriteRecord(
  client: pg.Client,
  record: { action: string; meta: AuditMeta; prevHash: string },
  hasher: EntryHasher,
): Promise<{ id: bigint; hash: string }> {
  const { rows: next } = await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`);
  const entry = { ...record, id: BigInt(next[0]!.id), at: new Date(), actorId: null, targetType: "audit", targetId: null };
  const hash = hasher(entry);
  await client.query(
    `INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash) VALUES ($1::bigint, $2, NULL, $3, $4, NULL, $5, $6, $7)`,
    [entry.id.toString(), entry.at, entry.action, entry.targetType, JSON.stringify(entry.meta), entry.prevHash, hash],
  );
  await client.query(
    `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1::bigint, $2) ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`,
    [entry.id.toString(), hash],
  );
  return { id: entry.id, hash };
}
