import type pg from "pg";
import { redactLegacyCaseEntry } from "@/lib/audit/case-entries";
import { AUDIT_LOCK_KEY, GENESIS_HASH, unkeyedEntryHash, type AuditMeta } from "@/lib/audit/chain";
import { appendRewriteRecord } from "@/lib/audit/rechain";
import { pgPages } from "@/lib/audit/walk";

/*
 * SECURITY-CRITICAL: two reviewers.
 *
 * The second half of the data step seal_case_fields (seal-case-fields.ts): the audit log's one
 * rewrite, which takes case values and case ids out of it.
 */

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
  let last: { id: bigint; hash: string } | null = null;
  const page = pgPages(client);
  for (let after: bigint | null = null; ;) {
    const rows = await page(after, 5000);
    if (rows.length === 0) break;
    for (const { hash: stored, ...row } of rows) {
      const redacted = redactLegacyCaseEntry(row.action, row.targetType, row.targetId, row.meta as AuditMeta);
      const entry = { ...row, targetId: redacted.targetId, meta: redacted.meta, prevHash };
      const hash = unkeyedEntryHash(entry);
      if (hash !== stored || prevHash !== row.prevHash || redacted.changed) {
        await client.query(`UPDATE audit_log SET target_id = $2, meta = $3, prev_hash = $4, hash = $5 WHERE id = $1::bigint`, [
          row.id.toString(),
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
  const meta = {
    reason: "case values and case ids removed from the log (data migration seal_case_fields)",
    entriesRewritten: rewritten,
    previousHeadHash: previousHead,
  };
  await appendRewriteRecord(client, { action: "audit.redacted", meta, prevHash: last.hash }, unkeyedEntryHash);
  log(`  audit log: ${rewritten} entries redacted and re-chained (previous head ${previousHead ?? "none"})`);
  return rewritten;
}
