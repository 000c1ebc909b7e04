import "server-only";
import { GENESIS_HASH, type EntryHasher } from "@/lib/audit/chain";
import { db } from "@/lib/db/client";

/**
 * What a database superuser does to rewrite the audit log without leaving a break (ADR 014): the
 * append-only triggers off, `edit` (SQL), then every entry's prevHash and hash and the head
 * recomputed with `hash` — SHA-256 for someone without the chain key, the keyed HMAC for someone
 * who holds the server's secrets. Tests only.
 */
export async function rewriteAuditChain(hash: EntryHasher, edit: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("ALTER TABLE audit_log DISABLE TRIGGER USER");
    await tx.$executeRawUnsafe(edit);
    let prevHash = GENESIS_HASH;
    let lastId = 0n;
    for (const row of await tx.auditLog.findMany({ orderBy: { id: "asc" } })) {
      const next = hash({ ...row, prevHash });
      await tx.$executeRaw`UPDATE audit_log SET prev_hash = ${prevHash}, hash = ${next} WHERE id = ${row.id}`;
      prevHash = next;
      lastId = row.id;
    }
    await tx.$executeRaw`UPDATE audit_head SET last_id = ${lastId}, last_hash = ${prevHash} WHERE id = 1`;
    await tx.$executeRawUnsafe("ALTER TABLE audit_log ENABLE TRIGGER USER");
  });
}

/** Appends `count` ordinary entries through the app's writer. */
export async function writeAuditEntries(count: number): Promise<bigint[]> {
  const { appendAudit } = await import("@/lib/audit/append");
  const ids: bigint[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push(
      (await db().$transaction((tx) => appendAudit(tx, { actorId: null, action: "test.entry", targetType: "system", meta: { i } }))).id,
    );
  }
  return ids;
}
