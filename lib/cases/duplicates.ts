import "server-only";
import { can } from "@/lib/access/policy";
import type { Actor } from "@/lib/access/actor";
import { db, type Tx } from "@/lib/db/client";
import type { CaseStatus } from "@/lib/db/generated/enums";
import { notifyEveryoneWho } from "@/lib/notifications/notify";
import { recordListRead } from "./read-audit";

/**
 * Possible duplicates (ADR 031): two cases whose contact channels have one blind index
 * (contact-index.ts). Only coordinators learn of a match (they may see every case): the caseworker
 * who opens a case of someone already known is told nothing, so no caseworker learns of a case that
 * is not theirs.
 */

/** After a case got its contact index (intake, a changed channel): tells the coordinators when another case has it. */
export async function flagPossibleDuplicate(tx: Tx, actorId: string, caseId: string, index: string | null, now: Date): Promise<boolean> {
  if (!index) return false;
  const other = await tx.case.findFirst({ where: { contactIndex: index, id: { not: caseId } }, select: { id: true } });
  if (!other) return false;
  await notifyEveryoneWho(tx, actorId, "case:merge", "POSSIBLE_DUPLICATE", { caseId, now });
  return true;
}

export interface PossibleDuplicateDTO {
  code: string;
  status: CaseStatus;
  createdAt: Date;
}

/**
 * For a coordinator on a case page: the other cases with its contact index, at most 10, oldest
 * first. Their codes on the page are a list read (audited, counted), linked to those cases only.
 */
export async function listPossibleDuplicates(actor: Actor, code: string, now = new Date()): Promise<PossibleDuplicateDTO[]> {
  if (!can(actor.role, "case:merge")) return [];
  const rows = await db().$queryRaw<Array<{ id: string; code: string; status: CaseStatus; created_at: Date }>>`
    SELECT o.id, o.code, o.status, o.created_at
      FROM cases c JOIN cases o ON o.contact_index = c.contact_index AND o.id <> c.id
     WHERE c.code = ${code}
     ORDER BY o.created_at, o.id
     LIMIT 10`;
  if (rows.length === 0) return [];
  await recordListRead(actor, { filters: { duplicates: true }, count: rows.length, caseIds: rows.map((r) => r.id) }, now);
  return rows.map((r) => ({ code: r.code, status: r.status, createdAt: r.created_at }));
}
