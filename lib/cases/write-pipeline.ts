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
import { watchReading } from "@/lib/alerts/reading-monitor";
import { notifyCaseChanged } from "@/lib/notifications/notify";
import { rememberChangedCase } from "./read-after-change";
import { caseScope } from "./scope";
import { assertNotFrozen } from "@/lib/organisation/freeze";

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
  closeReason: true,
  version: true,
  assignedToId: true,
  riskLevel: true,
  currentCountry: true,
  groupEnc: true,
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
  const [result] = await mutateCases(actor, [ref], permission, async (tx, [current], now, [key]) => [await work(tx, current!, now, key!)]);
  return result as T;
}

/**
 * Changes several cases at once, all or nothing (a group's move, a link between two cases): each
 * case goes through the same steps as mutateCase, in one transaction. `version: null` takes the case
 * as it is now (the other side of a link, whose form the actor never loaded); it is still locked and
 * bumped. Rows are locked in the order of their codes, so two such changes cannot deadlock. Each case
 * gets its own audit entry naming only itself: no entry joins the cases (ADR 023).
 */
export async function mutateCases<T>(
  actor: Actor,
  refs: ReadonlyArray<{ code: string; version: number | null }>,
  permission: Permission,
  work: (tx: Tx, currents: CaseCore[], now: Date, keys: CaseKey[]) => Promise<CaseChange<T>[]>,
): Promise<T[]> {
  assertCan(actor, permission);
  // A freeze stops every change of a case but asking for its erasure (lib/organisation/freeze.ts).
  if (permission !== "case:erase") assertNotFrozen(actor);
  if (new Set(refs.map((r) => r.code)).size !== refs.length) throw new ConflictError("same_case_twice");
  // In a request, the change's answer renders the case again: its read is counted here, under the
  // change's entry (lib/cases/read-after-change.ts).
  const counted: string[] = [];
  let refusedCode = refs[0]?.code ?? "";
  try {
    const results = await db().$transaction(
      async (tx) => {
        const now = new Date();
        const found = new Map<string, CaseCore>();
        for (const ref of [...refs].sort((a, b) => a.code.localeCompare(b.code))) {
          refusedCode = ref.code;
          // One statement finds the case in the actor's scope at the version the form was made from,
          // bumps the version and locks the row, before `work`: the second of two concurrent writers
          // waits here, then finds the version moved and gets its 409 before touching any part (not a
          // unique violation or a 404 on a part). Only when nothing matched, a second look says why.
          const [bumped] = await tx.case.updateManyAndReturn({
            where: { code: ref.code, ...(ref.version === null ? {} : { version: ref.version }), ...caseScope(actor) },
            data: { version: { increment: 1 }, updatedAt: now },
            select: caseCoreSelect,
          });
          if (!bumped) {
            if (!(await findCaseInScope(tx, actor, ref.code))) throw new NotFoundError("case");
            throw new ConflictError("stale_version");
          }
          // `work` sees the case as the form saw it.
          found.set(ref.code, { ...bumped, version: bumped.version - 1 });
        }
        refusedCode = "";
        const currents = refs.map((r) => found.get(r.code)!);
        const keys = currents.map((c) => new CaseKey(c));
        const changes = await work(tx, currents, now, keys);
        for (const [i, change] of changes.entries()) {
          const current = currents[i]!;
          if (change.patch) await tx.case.updateMany({ where: { id: current.id }, data: change.patch });
          if (change.events?.length) await recordEvents(tx, keys[i]!, actor.userId, now, change.events);
          if (actor.request) {
            const watched = await watchReading(tx, actor.userId, { kind: "CASE_READS", caseIds: [current.id], record: false }, now);
            // Suspended by this count: the change stands (it was allowed when made), the render does not
            // get the case (its own read is refused), and the account's sessions are already ended.
            if (!watched.suspended) counted.push(current.id);
          }
          await appendCaseAudit(tx, {
            actorId: actor.userId,
            action: change.audit.action,
            caseIds: [current.id],
            meta: change.audit.fields ? { fields: change.audit.fields } : {},
          });
          // The caseworker learns that someone else changed their case (an assignment tells the new one itself).
          const reassigned = change.patch !== undefined && "assignedToId" in change.patch;
          await notifyCaseChanged(tx, actor.userId, current.id, reassigned ? null : current.assignedToId, now);
        }
        return changes.map((c) => c.result);
      },
      { timeout: 15_000 },
    );
    for (const id of counted) rememberChangedCase(actor, id);
    return results;
  } catch (error) {
    // Only a case outside the scope (or missing) is a refusal; a wrong part id on a visible case is not.
    if (error instanceof NotFoundError && error.resource === "case" && refusedCode) await auditRefusal(actor, refusedCode, permission);
    throw error;
  }
}
