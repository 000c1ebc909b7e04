import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { NotFoundError } from "@/lib/errors";
import { recordCaseRead } from "./read-audit";
import { caseScope } from "./scope";
import { auditRefusal } from "./write-pipeline";

/**
 * One case's audit trail, for coordinators (issue 19): who read it, changed it, or was refused it,
 * newest first. The entries hold actions and field names, never values (lib/audit/case-entries.ts);
 * the trail adds who did it. Admins read the whole log without case codes (a pseudonym), so this is
 * the only place the trail is seen in case terms. Reading it is itself a read of the case: audited
 * (`case.trail_read`) and counted by the reading monitor.
 */

export const TRAIL_LIMIT = 200;

export interface TrailEntryDTO {
  id: string;
  at: Date;
  action: string;
  /** The account's e-mail; null for the system (re-rating, re-keying). */
  who: string | null;
  role: Role | null;
  /** The parts touched, by name. */
  fields: string[];
}

export async function getCaseTrail(actor: Actor, code: string, now = new Date()): Promise<TrailEntryDTO[]> {
  assertCan(actor, "case:readTrail");
  const kase = await db().case.findFirst({ where: { code, ...caseScope(actor) }, select: { id: true } });
  if (!kase) {
    await auditRefusal(actor, code, "case:readTrail");
    throw new NotFoundError("case");
  }
  // Recorded first: the trail shown includes this read.
  await recordCaseRead(actor, { caseId: kase.id, watch: "CASE_READS", action: "case.trail_read" }, now);
  const rows = await db().$queryRaw<
    Array<{ id: bigint; at: Date; action: string; meta: unknown; email: string | null; role: Role | null }>
  >`
    SELECT a.id, a.at, a.action, a.meta, u.email, u.role
      FROM case_audit_links l
      JOIN audit_log a ON a.id = l.audit_id
      LEFT JOIN users u ON u.id = a.actor_id
     WHERE l.case_id = ${kase.id}::uuid
     ORDER BY a.id DESC
     LIMIT ${TRAIL_LIMIT}`;
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    action: r.action,
    who: r.email,
    role: r.role,
    fields: fieldsOf(r.meta),
  }));
}

function fieldsOf(meta: unknown): string[] {
  const fields = (meta as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === "string") : [];
}
