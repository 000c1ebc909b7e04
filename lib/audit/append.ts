import "server-only";
import type { Tx } from "@/lib/db/client";
import { auditChainKey } from "@/lib/env";
import { CaseAuditMetaSchema, type CaseAuditMeta } from "./case-entries";
import { AUDIT_LOCK_KEY, GENESIS_HASH, keyedEntryHash, type AuditMeta } from "./chain";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Appends one entry to the hash-chained audit log inside the caller's transaction, so the entry exists
 * exactly when the change it records does; its hash is keyed with AUDIT_CHAIN_KEY (ADR 014). Writers
 * are serialized by a transaction-scoped advisory lock: call this as the last step of a transaction
 * to hold the lock briefly.
 *
 * `meta` must never hold sensitive values (contact channel, note text, passwords, codes, secrets):
 * field names, enum values of staff administration, counts and ids of staff only. Entries about
 * cases go through appendCaseAudit, which names no case and accepts field names only.
 */

export type AuditTargetType = "user" | "session" | "invite" | "country" | "system" | "audit";

export interface AuditEntryInput {
  /** The acting user; null for the system or an anonymous visitor. */
  actorId: string | null;
  /** Dotted verb, e.g. `auth.sign_in_failed`, `user.role_changed` (case actions: appendCaseAudit). */
  action: string;
  targetType?: AuditTargetType;
  targetId?: string | null;
  meta?: AuditMeta;
}

export async function appendAudit(tx: Tx, input: AuditEntryInput): Promise<{ id: bigint; hash: string }> {
  // The type already says so; this also stops a cast or a plain-JS caller.
  if ((input.targetType as string) === "case" || input.action.startsWith("case."))
    throw new Error("entries about cases are written by appendCaseAudit");
  return appendEntry(tx, {
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    meta: input.meta ?? {},
  });
}

export interface CaseAuditInput {
  actorId: string | null;
  /** `case.read`, `case.status_changed`, `case.list_read`… */
  action: `case.${string}`;
  /** The cases the entry is about, linked through `case_audit_links` (empty for a destroyed case). */
  caseIds: readonly string[];
  meta?: CaseAuditMeta;
}

/**
 * An entry about one or more cases. It carries no case id or code (its target is empty) and only the
 * meta CaseAuditMetaSchema allows; the cases are linked in `case_audit_links`, rows that are deleted
 * with the case, so a destroyed case leaves entries that no one can tie to it or to each other.
 */
export async function appendCaseAudit(tx: Tx, input: CaseAuditInput): Promise<{ id: bigint; hash: string }> {
  const meta = CaseAuditMetaSchema.parse(input.meta ?? {});
  const entry = await appendEntry(tx, { actorId: input.actorId, action: input.action, targetType: "case", targetId: null, meta });
  const caseIds = [...new Set(input.caseIds)];
  if (caseIds.length) await tx.caseAuditLink.createMany({ data: caseIds.map((caseId) => ({ caseId, auditId: entry.id })) });
  return entry;
}

async function appendEntry(
  tx: Tx,
  input: { actorId: string | null; action: string; targetType: string | null; targetId: string | null; meta: AuditMeta },
): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [next] = await tx.$queryRawUnsafe<{ id: bigint }[]>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint AS id`);
  const head = await tx.auditHead.findUnique({ where: { id: 1 }, select: { lastHash: true } });
  const prevHash = head?.lastHash ?? GENESIS_HASH;
  const entry = { id: next!.id, at: new Date(), ...input, prevHash };
  const hash = keyedEntryHash(auditChainKey(), entry);
  await tx.auditLog.create({ data: { ...entry, hash } });
  await tx.auditHead.upsert({
    where: { id: 1 },
    create: { id: 1, lastId: entry.id, lastHash: hash },
    update: { lastId: entry.id, lastHash: hash },
  });
  return { id: entry.id, hash };
}
