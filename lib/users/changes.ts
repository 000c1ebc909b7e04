import "server-only";
import { appendAudit, appendCaseAudit } from "@/lib/audit/append";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { caseEvent, recordEvents } from "@/lib/cases/write-pipeline";
import { CaseKey } from "@/lib/cases/sealed";
import type { Tx } from "@/lib/db/client";
import type { Role, UserStatus } from "@/lib/db/generated/enums";
import { ConflictError, NotFoundError } from "@/lib/errors";

/**
 * Account changes as they are applied: by an admin at once (narrowing changes) or by a
 * coordinator's approval (lib/users/approvals.ts). Each runs inside the caller's transaction, after
 * lockUserAdministration, and is audited there.
 */

export interface Target {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
}

export async function loadTarget(tx: Tx, userId: string): Promise<Target> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, status: true, email: true } });
  if (!user) throw new NotFoundError("user");
  return user;
}

async function assertAnotherActiveAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "ADMIN", status: "ACTIVE", id: { not: userId } } });
  if (others === 0) throw new ConflictError("last_admin");
}

/** Active coordinators who could approve, other than `userId`. */
export async function otherActiveCoordinators(tx: Tx, userId: string): Promise<number> {
  return tx.user.count({
    where: { role: "COORDINATOR", status: "ACTIVE", suspendedAt: null, activationPending: false, id: { not: userId } },
  });
}

/**
 * A caseworker's open cases become unassigned work that coordinators see (and reassign) on the
 * dashboard and in the case list: one audit entry linked to the cases, one timeline event per case.
 */
export async function releaseOpenCases(
  tx: Tx,
  actorId: string,
  userId: string,
  now: Date,
  reason: "caseworker_deactivated" | "caseworker_role_changed",
): Promise<number> {
  const cases = await tx.case.findMany({
    where: { assignedToId: userId, status: { not: "CLOSED" } },
    select: { id: true, dataKeyWrapped: true },
  });
  if (cases.length === 0) return 0;
  await tx.case.updateMany({
    where: { id: { in: cases.map((c) => c.id) } },
    data: { assignedToId: null, version: { increment: 1 }, updatedAt: now },
  });
  // The timeline says why; the admin who made the change sees none of it (the facts are sealed per case).
  for (const c of cases) await recordEvents(tx, new CaseKey(c), actorId, now, [caseEvent("ASSIGNED", { from: userId, to: null, reason })]);
  await appendCaseAudit(tx, {
    actorId,
    action: "case.unassigned",
    caseIds: cases.map((c) => c.id),
    meta: { fields: ["assignee"], cases: cases.length },
  });
  return cases.length;
}

/** Sets a role. Someone who stops being a caseworker keeps no case: their open cases are released. */
export async function applyRoleChange(tx: Tx, actorId: string, target: Target, to: Role, now: Date, request?: string): Promise<void> {
  if (target.role === to) return;
  if (target.role === "ADMIN" && target.status === "ACTIVE") await assertAnotherActiveAdmin(tx, target.id);
  await tx.user.update({ where: { id: target.id }, data: { role: to } });
  // Sessions are kept: the role is read from the database on every request, so it applies at once.
  const released = target.role === "CASEWORKER" ? await releaseOpenCases(tx, actorId, target.id, now, "caseworker_role_changed") : 0;
  await appendAudit(tx, {
    actorId,
    action: "user.role_changed",
    targetType: "user",
    targetId: target.id,
    meta: { from: target.role, to, ...(request ? { request } : {}), ...(released ? { casesUnassigned: released } : {}) },
  });
}

export async function applyDeactivation(tx: Tx, actorId: string, target: Target, now: Date, request?: string): Promise<void> {
  if (target.status === "DEACTIVATED") return;
  if (target.role === "ADMIN") await assertAnotherActiveAdmin(tx, target.id);
  await tx.user.update({ where: { id: target.id }, data: { status: "DEACTIVATED", deactivatedAt: now } });
  const ended = await revokeUserSessions(tx, target.id, {}, now);
  const released = await releaseOpenCases(tx, actorId, target.id, now, "caseworker_deactivated");
  await appendAudit(tx, {
    actorId,
    action: "user.deactivated",
    targetType: "user",
    targetId: target.id,
    meta: { from: "ACTIVE", to: "DEACTIVATED", sessionsEnded: ended, casesUnassigned: released, ...(request ? { request } : {}) },
  });
}

export async function applyReactivation(tx: Tx, actorId: string, target: Target, request: string): Promise<void> {
  if (target.status === "ACTIVE") return;
  await tx.user.update({ where: { id: target.id }, data: { status: "ACTIVE", deactivatedAt: null } });
  await appendAudit(tx, {
    actorId,
    action: "user.reactivated",
    targetType: "user",
    targetId: target.id,
    meta: { from: "DEACTIVATED", to: "ACTIVE", request },
  });
}
