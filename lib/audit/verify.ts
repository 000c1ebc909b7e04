import "server-only";
import type { Db } from "@/lib/db/client";
import type { AuditLog as AuditLogRow } from "@/lib/db/generated/client";
import { entryHash, GENESIS_HASH } from "./chain";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Recomputes the whole chain in id order and reports the first entry that does not fit: an altered
 * entry (its hash no longer matches its content), a deleted or reordered one (its successor's
 * prevHash no longer matches), or a removed tail (the head no longer matches the last entry).
 */

export type AuditVerification =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: bigint | null; reason: "hash_mismatch" | "chain_broken" | "head_mismatch"; detail: string };

const BATCH = 5_000;

export async function verifyAuditChain(client: Db, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastId: bigint | null = null;
  let checked = 0;
  for (;;) {
    const rows: AuditLogRow[] = await client.auditLog.findMany({
      where: lastId === null ? {} : { id: { gt: lastId } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, entries: checked, brokenAt: row.id, reason: "chain_broken", detail: `entry ${row.id} does not follow the entry before it (an entry was deleted, inserted or reordered)` };
      }
      const expected = entryHash(row);
      if (expected !== row.hash) {
        return { ok: false, entries: checked, brokenAt: row.id, reason: "hash_mismatch", detail: `entry ${row.id} was altered after it was written` };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
    onProgress?.(checked);
    if (rows.length < BATCH) break;
  }
  const head = await client.auditHead.findUnique({ where: { id: 1 } });
  const headMatches = head ? head.lastId === lastId && head.lastHash === prevHash : lastId === null;
  if (!headMatches) {
    return { ok: false, entries: checked, brokenAt: lastId, reason: "head_mismatch", detail: `the log ends at entry ${lastId ?? "none"} but its head records entry ${head?.lastId ?? "none"}: entries were removed from the end` };
  }
  return { ok: true, entries: checked, headHash: prevHash };
}
