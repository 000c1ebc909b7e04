import "server-only";
import { db, type Db, type Tx } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";

/** Who a case or a step may be given to. */

/** Refuses an assignee who is not an active caseworker (cases are assigned to caseworkers only). */
export async function assertAssignableCaseworker(userId: string, client: Db | Tx = db()): Promise<void> {
  const user = await client.user.findFirst({ where: { id: userId, role: "CASEWORKER", status: "ACTIVE" }, select: { id: true } });
  if (!user) throw new InvalidInputError("invalid_assignee", { assigneeId: ["invalid_assignee"] });
}

/** Refuses a step owner who is not active staff (a caseworker or a coordinator). */
export async function assertStepOwner(tx: Tx, ownerId: string): Promise<void> {
  const owner = await tx.user.findFirst({
    where: { id: ownerId, role: { in: ["CASEWORKER", "COORDINATOR"] }, status: "ACTIVE" },
    select: { id: true },
  });
  if (!owner) throw new InvalidInputError("invalid_owner", { ownerId: ["invalid_owner"] });
}
