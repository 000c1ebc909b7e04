import "server-only";
import { appendCaseAudit } from "@/lib/audit/append";
import type { CaseAuditField } from "@/lib/audit/case-entries";
import type { AuditMeta } from "@/lib/audit/chain";
import { assertCan, type Actor } from "@/lib/access/actor";
import type { Permission } from "@/lib/access/policy";
import { db, type Prisma, type Tx } from "@/lib/db/client";
import type { CaseEventType } from "@/lib/db/generated/enums";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { CaseKey } from "./sealed";
import { caseScope } from "./scope";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The one path for changing a case: permission → case looked up *inside the actor's scope* →
 * version check (optimistic concurrency) → the change → version bump guarded by the version read →
 * timeline events (their facts sealed with the case key) → audit entry (field names only), all in one
 * transaction. Out of scope and missing look the same: NotFoundError, and an audit entry of the
 * refusal written outside the rolled-back transaction.
 */

export const caseCoreSelect = {
  id: true,
  code: true,
  status: true,
  statusBeforeClose: true,
  version: true,
  assignedToId: true,
  riskLevel: true,
  currentCountry: true,
  dataKeyWrapped: true,
} satisfies Prisma.CaseSelect;

export type CaseCore = Prisma.CaseGetPayload<{ select: typeof caseCoreSelect }>;

export interface CaseChange<T> {
  /** Columns of the case row to change (besides version and updatedAt). */
  patch?: Prisma.CaseUncheckedUpdateManyInput;
  events?: CaseEvent[];
  /** Audit action and the names of the fields touched (never their values: see lib/audit/case-entries.ts). */
  audit: { action: `case.${string}`; fields?: CaseAuditField[] };
  result: T;
}

export type CaseEvent = { type: CaseEventType; detail?: AuditMeta };

/** Parts of a closed case do not change (it is reopened first). */
export function assertOpen(current: CaseCore): void {
  if (current.status === "CLOSED") throw new ConflictError("case_closed");
}

export function caseEvent(type: CaseEventType, detail: AuditMeta = {}): CaseEvent {
  return { type, detail };
}

/**
 * Records that an actor asked for a case they may not see (or that does not exist). The entry names
 * no code; when the code is a real case, the entry is linked to it (so its trail shows the attempt),
 * and the link goes when the case does.
 */
export async function auditRefusal(actor: Actor, code: string, operation: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const target = await tx.case.findUnique({ where: { code }, select: { id: true } });
    await appendCaseAudit(tx, {
      actorId: actor.userId,
      action: "case.access_refused",
      caseIds: target ? [target.id] : [],
      meta: { operation },
    });
  });
}

/** Writes timeline events, their facts sealed with the case's key. */
export async function recordEvents(tx: Tx, key: CaseKey, actorId: string | null, at: Date, events: CaseEvent[]): Promise<void> {
  await tx.caseEvent.createMany({
    data: events.map((e) => ({
      caseId: key.caseId,
      type: e.type,
      actorId,
      at,
      detailEnc: key.sealJson(caseFieldContext.eventDetail(key.caseId), e.detail ?? {}),
    })),
  });
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
  work: (tx: Tx, current: CaseCore, now: Date, key: CaseKey) => Promise<CaseChange<T>>,
): Promise<T> {
  assertCan(actor, permission);
  try {
    return await db().$transaction(
      async (tx) => {
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
        const key = new CaseKey(current);
        const change = await work(tx, current, now, key);
        if (change.patch) await tx.case.updateMany({ where: { id: current.id }, data: change.patch });
        if (change.events?.length) await recordEvents(tx, key, actor.userId, now, change.events);
        await appendCaseAudit(tx, {
          actorId: actor.userId,
          action: change.audit.action,
          caseIds: [current.id],
          meta: change.audit.fields ? { fields: change.audit.fields } : {},
        });
        return change.result;
      },
      { timeout: 15_000 },
    );
  } catch (error) {
    // Only a case outside the scope (or missing) is a refusal; a wrong part id on a visible case is not.
    if (error instanceof NotFoundError && error.resource === "case") await auditRefusal(actor, ref.code, permission);
    throw error;
  }
}
