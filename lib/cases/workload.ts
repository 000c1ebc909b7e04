import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { forgetDashboardFigures } from "@/lib/dashboard/cache";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseScope } from "./scope";

/**
 * Team workload: moving cases between caseworkers in bulk. All or nothing: one transaction, every
 * case version-checked and audited on its own; one stale or missing case and nothing moves. A
 * coordinator who moves work expects the dashboard's caseload to show it at once, so these moves
 * drop this instance's held dashboard figures (lib/dashboard/cache.ts).
 */

async function assertActiveCaseworker(tx: Tx, userId: string): Promise<void> {
  const user = await tx.user.findFirst({ where: { id: userId, role: "CASEWORKER", status: "ACTIVE" }, select: { id: true } });
  if (!user) throw new InvalidInputError("invalid_assignee", { assigneeId: ["invalid_assignee"] });
}

async function moveCase(tx: Tx, actor: Actor, kase: { id: string; version: number; assignedToId: string | null }, assigneeId: string, now: Date, reason: string): Promise<void> {
  const { count } = await tx.case.updateMany({
    where: { id: kase.id, version: kase.version },
    data: { assignedToId: assigneeId, version: { increment: 1 }, updatedAt: now },
  });
  if (count === 0) throw new ConflictError("stale_version");
  await tx.caseEvent.create({ data: { caseId: kase.id, type: "ASSIGNED", actorId: actor.userId, at: now, detail: { from: kase.assignedToId, to: assigneeId, bulk: reason } } });
  await appendAudit(tx, { actorId: actor.userId, action: "case.assigned", targetType: "case", targetId: kase.id, meta: { from: kase.assignedToId, to: assigneeId, bulk: reason } });
}

/** Reassigns the selected cases (each with the version the coordinator saw) to one caseworker. */
export async function bulkReassign(actor: Actor, input: { cases: Array<{ code: string; version: number }>; assigneeId: string }): Promise<{ moved: number }> {
  assertCan(actor, "case:bulkReassign");
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    await assertActiveCaseworker(tx, input.assigneeId);
    const rows = await tx.case.findMany({
      where: { code: { in: input.cases.map((c) => c.code) }, ...caseScope(actor) },
      select: { id: true, code: true, version: true, assignedToId: true, status: true },
    });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    let moved = 0;
    for (const wanted of input.cases) {
      const row = byCode.get(wanted.code);
      if (!row) throw new NotFoundError("case");
      if (row.version !== wanted.version) throw new ConflictError("stale_version");
      if (row.assignedToId === input.assigneeId) continue;
      await moveCase(tx, actor, row, input.assigneeId, now, "selection");
      moved += 1;
    }
    return { moved };
  });
  forgetDashboardFigures();
  return result;
}

/** Moves every open case of one caseworker (or every unassigned open case) to another (someone leaves). */
export async function reassignAllOpenCases(actor: Actor, input: { fromId: string | null; assigneeId: string }): Promise<{ moved: number }> {
  assertCan(actor, "case:bulkReassign");
  if (input.fromId === input.assigneeId) throw new InvalidInputError("invalid_assignee", { assigneeId: ["same_caseworker"] });
  const now = new Date();
  const result = await db().$transaction(async (tx) => {
    await assertActiveCaseworker(tx, input.assigneeId);
    // Lock the rows so nobody changes them between reading their versions and moving them.
    const rows = input.fromId
      ? await tx.$queryRaw<Array<{ id: string; version: number; assigned_to_id: string | null }>>`
          SELECT id, version, assigned_to_id FROM cases WHERE assigned_to_id = ${input.fromId}::uuid AND status <> 'CLOSED' ORDER BY id FOR UPDATE`
      : await tx.$queryRaw<Array<{ id: string; version: number; assigned_to_id: string | null }>>`
          SELECT id, version, assigned_to_id FROM cases WHERE assigned_to_id IS NULL AND status <> 'CLOSED' ORDER BY id FOR UPDATE`;
    for (const row of rows) await moveCase(tx, actor, { id: row.id, version: row.version, assignedToId: row.assigned_to_id }, input.assigneeId, now, "all_open");
    await appendAudit(tx, { actorId: actor.userId, action: "case.bulk_reassigned", targetType: "user", targetId: input.fromId, meta: { to: input.assigneeId, moved: rows.length } });
    return { moved: rows.length };
  }, { timeout: 60_000 });
  forgetDashboardFigures();
  return result;
}
