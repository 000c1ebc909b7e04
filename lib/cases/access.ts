import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { auditPseudonym } from "@/lib/audit/pseudonym";
import type { AuditMeta } from "@/lib/audit/chain";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/policy";
import { db, type Prisma, type Tx } from "@/lib/db/client";
import type { CaseEventType } from "@/lib/db/generated/enums";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { caseScope } from "./scope";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The one path for changing a case: permission → case looked up *inside the actor's scope* →
 * version check (optimistic concurrency) → the change → version bump guarded by the version read →
 * timeline events → audit entry, all in one transaction. Out of scope and missing look the same:
 * NotFoundError, and an audit entry of the refusal written outside the rolled-back transaction.
 */

export const caseCoreSelect = {
  id: true,
  code: true,
  status: true,
  statusBeforeClose: true,
  version: true,
  assignedToId: true,
  riskLevel: true,
  detained: true,
  extraditionRequest: true,
  currentCountry: true,
  dataKeyWrapped: true,
} satisfies Prisma.CaseSelect;

export type CaseCore = Prisma.CaseGetPayload<{ select: typeof caseCoreSelect }>;

export interface CaseChange<T> {
  /** Columns of the case row to change (besides version and updatedAt). */
  patch?: Prisma.CaseUncheckedUpdateManyInput;
  events?: CaseEvent[];
  /** Audit action and non-sensitive meta (field names, enum values). */
  audit: { action: string; meta?: AuditMeta };
  result: T;
}

export type CaseEvent = { type: CaseEventType; detail?: AuditMeta };

export function caseEvent(type: CaseEventType, detail: AuditMeta = {}): CaseEvent {
  return { type, detail };
}

/**
 * Records that an actor asked for a case they may not see (or that does not exist). The code is kept
 * only as a salted hash: a typed code may name a real case, and the log must not list them.
 */
export async function auditRefusal(actor: Actor, code: string, operation: string): Promise<void> {
  await db().$transaction((tx) =>
    appendAudit(tx, { actorId: actor.userId, action: "case.access_refused", targetType: "case", meta: { codeHash: auditPseudonym(code), operation } }),
  );
}

export async function findCaseInScope(tx: Tx, actor: Actor, code: string): Promise<CaseCore | null> {
  return tx.case.findFirst({ where: { code, ...caseScope(actor) }, select: caseCoreSelect });
}

/**
 * Runs one change of a case. `work` may read and write related rows through `tx`; it returns the
 * patch for the case row, the timeline events and the audit entry.
 */
export async function mutateCase<T>(
  actor: Actor,
  ref: { code: string; version: number },
  permission: Permission,
  work: (tx: Tx, current: CaseCore, now: Date) => Promise<CaseChange<T>>,
): Promise<T> {
  assertCan(actor, permission);
  try {
    return await db().$transaction(async (tx) => {
      const current = await findCaseInScope(tx, actor, ref.code);
      if (!current) throw new NotFoundError("case");
      if (current.version !== ref.version) throw new ConflictError("stale_version");
      const now = new Date();
      // Guarded on the version we read: a concurrent writer makes this a 409, never a silent overwrite.
      // Done before `work`, so it locks the case row first: the second of two concurrent writers waits
      // here and gets its 409 before touching any part (not a unique violation or a 404 on a part).
      const { count } = await tx.case.updateMany({
        where: { id: current.id, version: current.version },
        data: { version: { increment: 1 }, updatedAt: now },
      });
      if (count === 0) throw new ConflictError("stale_version");
      const change = await work(tx, current, now);
      if (change.patch) await tx.case.updateMany({ where: { id: current.id }, data: change.patch });
      if (change.events?.length) {
        await tx.caseEvent.createMany({
          data: change.events.map((e) => ({ caseId: current.id, type: e.type, actorId: actor.userId, at: now, detail: e.detail ?? {} })),
        });
      }
      await appendAudit(tx, { actorId: actor.userId, action: change.audit.action, targetType: "case", targetId: current.id, meta: change.audit.meta });
      return change.result;
    }, { timeout: 15_000 });
  } catch (error) {
    // Only a case outside the scope (or missing) is a refusal; a wrong part id on a visible case is not.
    if (error instanceof NotFoundError && error.resource === "case") await auditRefusal(actor, ref.code, permission);
    throw error;
  }
}
