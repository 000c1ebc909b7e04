import type pg from "pg";
import { redactLegacyCaseEntry } from "@/lib/audit/case-entries";
import { GENESIS_HASH, unkeyedEntryHash, type AuditMeta } from "@/lib/audit/chain";

/*
 * SECURITY-CRITICAL: two reviewers.
 *
 * The second half of the data step seal_case_fields (seal-case-fields.ts): the audit log's one
 * rewrite, which takes case values and case ids out of it.
 */

// The audit log's advisory lock (lib/audit/append.ts): no entry is appended while the log is rewritten.
const AUDIT_LOCK_KEY = 49_072_711;

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  meta: AuditMeta;
  prev_hash: string;
  hash: string;
}

/**
 * Takes case values and case ids out of the audit log, and recomputes its chain (see the header).
 * The chain was plain SHA-256 when this step was written and still is when it runs: the later step
 * key_audit_chain (ADR 014) verifies it and keys it.
 */
export async function redactAuditLog(client: pg.Client, log: (line: string) => void): Promise<number> {
  await client.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  // Links first, while the entries still name their cases.
  await client.query(
    `INSERT INTO case_audit_links (case_id, audit_id)
     SELECT c.id, a.id FROM audit_log a JOIN cases c ON c.id::text = a.target_id
     WHERE a.target_type = 'case' ON CONFLICT DO NOTHING`,
  );
  const before = await client.query<{ last_hash: string }>(`SELECT last_hash FROM audit_head WHERE id = 1`);
  const previousHead = before.rows[0]?.last_hash ?? null;

  await client.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
  let prevHash = GENESIS_HASH;
  let rewritten = 0;
  let last: { id: string; hash: string } | null = null;
  for (let after = "0"; ;) {
    const { rows } = await client.query<AuditRow>(
      `SELECT id::text, at, actor_id, action, target_type, target_id, meta, prev_hash, hash FROM audit_log WHERE audit_log.id > $1::bigint ORDER BY audit_log.id LIMIT 5000`,
      [after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const redacted = redactLegacyCaseEntry(row.action, row.target_type, row.target_id, row.meta);
      const entry = {
        id: BigInt(row.id),
        at: row.at,
        actorId: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: redacted.targetId,
        meta: redacted.meta,
        prevHash,
      };
      const hash = unkeyedEntryHash(entry);
      if (hash !== row.hash || prevHash !== row.prev_hash || redacted.changed) {
        await client.query(`UPDATE audit_log SET target_id = $2, meta = $3, prev_hash = $4, hash = $5 WHERE id = $1::bigint`, [
          row.id,
          redacted.targetId,
          JSON.stringify(redacted.meta),
          prevHash,
          hash,
        ]);
        rewritten += 1;
      }
      prevHash = hash;
      last = { id: row.id, hash };
    }
    after = rows[rows.length - 1]!.id;
  }
  await client.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  if (rewritten === 0 || !last) return 0;

  // The record of the rewrite, appended like any entry.
  const { rows: next } = await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`);
  const entry = {
    id: BigInt(next[0]!.id),
    at: new Date(),
    actorId: null,
    action: "audit.redacted",
    targetType: "audit",
    targetId: null,
    meta: {
      reason: "case values and case ids removed from the log (data migration seal_case_fields)",
      entriesRewritten: rewritten,
      previousHeadHash: previousHead,
    },
    prevHash: last.hash,
  };
  const hash = unkeyedEntryHash(entry);
  await client.query(
    `INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash) VALUES ($1::bigint, $2, NULL, $3, $4, NULL, $5, $6, $7)`,
    [next[0]!.id, entry.at, entry.action, entry.targetType, JSON.stringify(entry.meta), entry.prevHash, hash],
  );
  await client.query(
    `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1::bigint, $2) ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`,
    [next[0]!.id, hash],
  );
  log(`  audit log: ${rewritten} entries redacted and re-chained (previous head ${previousHead ?? "none"})`);
  return rewritten;
}
