import "server-only";
import { db, type Db, type Tx } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";

/** Who a case or a step may be given to. */

/** Refuses an assignee who is not an active caseworker (cases are assigned to caseworkers only). */
export async function assertAssignableCaseworker(userId: string, client: Db | Tx = db()): Promise<void> {
  const user = await client.user.findFirst({ where: { id: userId, role: "CASEWORKER", status: "ACTIVE" }, select: { id: true } });
  if (!user) throw new InvalidInputError("invalid_assignee", { assigneeId: ["invalid_assignee"] });
}

/**
 * Refuses a task owner who may not work the case: an active coordinator, or the active caseworker
 * the case is assigned to (any other caseworker cannot open it, so the task would sit on their list
 * for a case they cannot see).
 */
export async function assertTaskOwner(tx: Tx, ownerId: string, kase: { assignedToId: string | null }): Promise<void> {
  const owner = await tx.user.findFirst({
    where: {
      id: ownerId,
      status: "ACTIVE",
      OR: [{ role: "COORDINATOR" }, ...(kase.assignedToId === ownerId ? [{ role: "CASEWORKER" as const }] : [])],
    },
    select: { id: true },
  });
  if (!owner) throw new InvalidInputError("invalid_owner", { ownerId: ["invalid_owner"] });
}

/**
 * A case handed to another caseworker takes its open tasks with it: those the previous caseworker
 * owned go to the new one (the previous one can no longer open the case). Coordinators' tasks stay.
 */
export async function handOverOpenTasks(tx: Tx, caseId: string, fromId: string | null, toId: string | null): Promise<void> {
  if (!fromId || fromId === toId) return;
  await tx.nextStep.updateMany({ where: { caseId, ownerId: fromId, doneAt: null }, data: { ownerId: toId } });
}
