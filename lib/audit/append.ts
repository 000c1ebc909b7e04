import "server-only";
import type { Tx } from "@/lib/db/client";
import { entryHash, GENESIS_HASH, type AuditMeta } from "./chain";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Appends one entry to the hash-chained audit log inside the caller's transaction, so the entry exists
 * exactly when the change it records does. Writers are serialized by a transaction-scoped advisory
 * lock: call this as the last step of a transaction to hold the lock briefly.
 *
 * `meta` must never hold sensitive values (contact channel, note text, passwords, codes, secrets):
 * field names, enum values, counts and ids only.
 */

// Arbitrary constant, distinct from Prisma's migration lock (72707369).
const AUDIT_LOCK_KEY = 49_072_711;

export type AuditTargetType = "case" | "user" | "session" | "invite" | "country" | "system" | "audit";

export interface AuditEntryInput {
  /** The acting user; null for the system or an anonymous visitor. */
  actorId: string | null;
  /** Dotted verb, e.g. `case.read`, `auth.sign_in_failed`, `user.role_changed`. */
  action: string;
  targetType?: AuditTargetType;
  targetId?: string | null;
  meta?: AuditMeta;
}

export async function appendAudit(tx: Tx, input: AuditEntryInput): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [next] = await tx.$queryRawUnsafe<{ id: bigint }[]>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint AS id`);
  const head = await tx.auditHead.findUnique({ where: { id: 1 }, select: { lastHash: true } });
  const prevHash = head?.lastHash ?? GENESIS_HASH;
  const entry = {
    id: next!.id,
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    meta: input.meta ?? {},
    prevHash,
  };
  const hash = entryHash(entry);
  await tx.auditLog.create({ data: { ...entry, hash } });
  await tx.auditHead.upsert({
    where: { id: 1 },
    create: { id: 1, lastId: entry.id, lastHash: hash },
    update: { lastId: entry.id, lastHash: hash },
  });
  return { id: entry.id, hash };
}
