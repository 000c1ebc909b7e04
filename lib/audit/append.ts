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

export type AuditTargetType = "user" | "session" | "invite" | "country" | "lawyer" | "system" | "audit";

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
  return appendEntry(tx, { actorId: input.actorId, action: input.action, targetType: "case", targetId: null, meta }, [
    ...new Set(input.caseIds),
  ]);
}

/**
 * Two statements, the lock held from the first to the commit: (1) the lock, then the head, then the
 * entry's id; (2) the entry, its case links and the new head. Nothing else may run between the lock
 * and the commit that is not needed.
 *
 * Why (1) sees the latest head although its snapshot was taken before the lock was granted (in READ
 * COMMITTED a statement sees what was committed when it started; a plain read of the head there
 * would miss the append it waited for, ADR 016): every writer of audit_head holds AUDIT_LOCK_KEY
 * (this function; rechain.ts and the data migrations), so once it is granted every earlier writer has
 * ended and no other can start. The head is then read FOR UPDATE, and a row lock in READ COMMITTED
 * follows the row to its last committed version (PostgreSQL's EvalPlanQual re-check). The lateral
 * reference to `locked` makes the row lock come after the advisory one (taken the other way round,
 * a rewrite holding the advisory lock and waiting for the row would deadlock with us), and nextval
 * is computed at the top of the plan, after both, so ids run in chain order. A row lock cannot see
 * a row inserted after the snapshot: while the log has no head, the head is read again in a
 * statement of its own (the first append, three statements). append-round-trips.integration.test.ts
 * checks both behaviours of PostgreSQL this relies on, and an append that waits for a rewrite.
 * While it waits for the lock, (1) holds ROW SHARE on audit_head (see AUDIT_LOCK_KEY).
 */
async function appendEntry(
  tx: Tx,
  input: { actorId: string | null; action: string; targetType: string | null; targetId: string | null; meta: AuditMeta },
  caseIds: readonly string[] = [],
): Promise<{ id: bigint; hash: string }> {
  const [next] = await tx.$queryRawUnsafe<{ id: bigint; last_hash: string | null }[]>(
    `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})::text AS granted)
     SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint AS id, h.last_hash
     FROM locked LEFT JOIN LATERAL (SELECT last_hash FROM audit_head WHERE id = 1 AND locked.granted IS NOT NULL FOR UPDATE) h ON true`,
  );
  let prevHash = next!.last_hash;
  if (prevHash === null) {
    const [head] = await tx.$queryRaw<{ last_hash: string }[]>`SELECT last_hash FROM audit_head WHERE id = 1`;
    prevHash = head?.last_hash ?? GENESIS_HASH;
  }
  const entry = { id: next!.id, at: new Date(), ...input, prevHash };
  const hash = keyedEntryHash(auditChainKey(), entry);
  await tx.$executeRaw`
    WITH entry AS (
      INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash)
      VALUES (${entry.id}, ${entry.at}, ${entry.actorId}::uuid, ${entry.action}, ${entry.targetType}, ${entry.targetId},
              ${JSON.stringify(entry.meta)}::jsonb, ${entry.prevHash}, ${hash})
    ), links AS (
      INSERT INTO case_audit_links (case_id, audit_id) SELECT unnest(${caseIds}::uuid[]), ${entry.id}
    )
    INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ${entry.id}, ${hash})
    ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`;
  return { id: entry.id, hash };
}
