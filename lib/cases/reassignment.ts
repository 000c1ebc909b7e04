import "server-only";
import { notify } from "@/lib/notifications/notify";
import { appendAudit, appendCaseAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db, type Tx } from "@/lib/db/client";
import { replicaReadsMustShowThisWrite } from "@/lib/db/replica";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseEvent, recordEvents } from "./write-pipeline";
import { assertAssignableCaseworker, handOverOpenTasks } from "./assignees";
import { noteBulkMove } from "./bulk-moves";
import { CaseKey } from "./sealed";
import { caseScope, caseScopeSql } from "./scope";
import { assertNotFrozen } from "@/lib/organisation/freeze";

/**
 * Team workload: moving cases between caseworkers in bulk. All or nothing: one transaction, every
 * case version-checked, in its timeline, and linked to one audit entry for the move; one stale or
 * missing case and nothing moves. A
 * coordinator who moves work expects the dashboard's caseload to show it at once, so these moves
 * drop this instance's held dashboard figures (lib/cases/bulk-moves.ts, read by lib/dashboard/cache.ts).
 */

type MovingCase = { id: string; version: number; assignedToId: string | null; dataKeyWrapped: string };

async function moveCase(tx: Tx, actor: Actor, kase: MovingCase, assigneeId: string, now: Date, reason: string): Promise<void> {
  const { count } = await tx.case.updateMany({
    where: { id: kase.id, version: kase.version },
    data: { assignedToId: assigneeId, version: { increment: 1 }, updatedAt: now },
  });
  if (count === 0) throw new ConflictError("stale_version");
  await handOverOpenTasks(tx, kase.id, kase.assignedToId, assigneeId);
  await notify(tx, actor.userId, [{ userId: assigneeId, kind: "CASE_ASSIGNED", caseId: kase.id }]);
  await recordEvents(tx, new CaseKey(kase), actor.userId, now, [
    caseEvent("ASSIGNED", { from: kase.assignedToId, to: assigneeId, bulk: reason }),
  ]);
}

/** One audit entry for a bulk move, linked to every case it moved. */
async function auditMoves(tx: Tx, actor: Actor, caseIds: string[]): Promise<void> {
  if (caseIds.length)
    await appendCaseAudit(tx, {
      actorId: actor.userId,
      action: "case.assigned",
      caseIds,
      meta: { fields: ["assignee"], cases: caseIds.length },
    });
}

/** Reassigns the selected cases (each with the version the coordinator saw) to one caseworker. */
export async function bulkReassign(
  actor: Actor,
  input: { cases: Array<{ code: string; version: number }>; assigneeId: string },
): Promise<{ moved: number }> {
  assertCan(actor, "case:bulkReassign");
  assertNotFrozen(actor);
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    await assertAssignableCaseworker(input.assigneeId, tx);
    const rows = await tx.case.findMany({
      where: { code: { in: input.cases.map((c) => c.code) }, ...caseScope(actor) },
      select: { id: true, code: true, version: true, assignedToId: true, status: true, dataKeyWrapped: true },
    });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const moved: string[] = [];
    for (const wanted of input.cases) {
      const row = byCode.get(wanted.code);
      if (!row) throw new NotFoundError("case");
      if (row.version !== wanted.version) throw new ConflictError("stale_version");
      if (row.assignedToId === input.assigneeId) continue;
      await moveCase(tx, actor, row, input.assigneeId, now, "selection");
      moved.push(row.id);
    }
    await auditMoves(tx, actor, moved);
    return { moved: moved.length };
  });
  noteBulkMove();
  await replicaReadsMustShowThisWrite();
  return result;
}

/** Moves every open case of one caseworker (or every unassigned open case) to another (someone leaves). */
export async function reassignAllOpenCases(actor: Actor, input: { fromId: string | null; assigneeId: string }): Promise<{ moved: number }> {
  assertCan(actor, "case:bulkReassign");
  assertNotFrozen(actor);
  if (input.fromId === input.assigneeId) throw new InvalidInputError("invalid_assignee", { assigneeId: ["same_caseworker"] });
  const now = new Date();
  const result = await db().$transaction(
    async (tx) => {
      await assertAssignableCaseworker(input.assigneeId, tx);
      // Lock the rows so nobody changes them between reading their versions and moving them.
      type Row = { id: string; version: number; assigned_to_id: string | null; data_key_wrapped: string };
      const rows = input.fromId
        ? await tx.$queryRaw<Row[]>`
          SELECT c.id, c.version, c.assigned_to_id, c.data_key_wrapped FROM cases c
          WHERE ${caseScopeSql(actor)} AND c.assigned_to_id = ${input.fromId}::uuid AND c.status <> 'CLOSED' ORDER BY c.id FOR UPDATE`
        : await tx.$queryRaw<Row[]>`
          SELECT c.id, c.version, c.assigned_to_id, c.data_key_wrapped FROM cases c
          WHERE ${caseScopeSql(actor)} AND c.assigned_to_id IS NULL AND c.status <> 'CLOSED' ORDER BY c.id FOR UPDATE`;
      for (const row of rows) {
        await moveCase(
          tx,
          actor,
          { id: row.id, version: row.version, assignedToId: row.assigned_to_id, dataKeyWrapped: row.data_key_wrapped },
          input.assigneeId,
          now,
          "all_open",
        );
      }
      await auditMoves(
        tx,
        actor,
        rows.map((r) => r.id),
      );
      // Who handed work to whom is staff administration, not a case fact: an entry about the staff member.
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "caseload.reassigned",
        targetType: "user",
        targetId: input.fromId,
        meta: { to: input.assigneeId, moved: rows.length },
      });
      return { moved: rows.length };
    },
    { timeout: 60_000 },
  );
  noteBulkMove();
  await replicaReadsMustShowThisWrite();
  return result;
}
