import "server-only";
import { notify } from "@/lib/notifications/notify";
import { assertCan, type Actor } from "@/lib/access/actor";
import { assertTaskOwner } from "@/lib/cases/assignees";
import { caseScope } from "@/lib/cases/scope";
import { caseEvent, mutateCases } from "@/lib/cases/write-pipeline";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { ReassignTasksInput } from "./schemas";

/**
 * A coordinator gives several tasks to someone else at once, from the board: all or nothing. Every
 * task must still be open, on an open case the coordinator sees, and the new owner must be able to
 * work each case (a coordinator, or the caseworker the case is assigned to); otherwise nothing
 * changes. Each case is version-bumped, gets a timeline event and its own audit entry (by field name).
 */
export async function reassignTasks(actor: Actor, input: ReassignTasksInput): Promise<{ moved: number }> {
  assertCan(actor, "task:reassign");
  const ids = [...new Set(input.stepIds)];
  const steps = await db().nextStep.findMany({
    where: { id: { in: ids }, doneAt: null, case: caseScope(actor) },
    select: { id: true, ownerId: true, case: { select: { code: true } } },
  });
  // A task gone, done, or on a case out of sight: the board was stale, nothing moves.
  if (steps.length !== ids.length) throw new NotFoundError("next_step");
  const codes = [...new Set(steps.map((s) => s.case.code))];
  await mutateCases(
    actor,
    codes.map((code) => ({ code, version: null })),
    "task:reassign",
    async (tx, currents) => {
      const changes = [];
      for (const current of currents) {
        if (current.status === "CLOSED") throw new ConflictError("case_closed");
        await assertTaskOwner(tx, input.ownerId, current);
        const mine = steps.filter((s) => s.case.code === current.code);
        // Still open at the moment of the change (read again inside the transaction).
        const { count } = await tx.nextStep.updateMany({
          where: { id: { in: mine.map((s) => s.id) }, caseId: current.id, doneAt: null },
          data: { ownerId: input.ownerId },
        });
        if (count !== mine.length) throw new NotFoundError("next_step");
        await notify(tx, actor.userId, [{ userId: input.ownerId, kind: "TASK_GIVEN", caseId: current.id, count: mine.length }]);
        changes.push({
          events: [caseEvent("NEXT_STEP_CHANGED", { changed: "owner", count: mine.length, bulk: "board" })],
          audit: { action: "case.next_steps_reassigned" as const, fields: ["nextSteps" as const] },
          result: mine.length,
        });
      }
      return changes;
    },
  );
  return { moved: steps.length };
}
