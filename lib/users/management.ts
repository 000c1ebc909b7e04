import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { assertSteppedUp } from "@/lib/auth/step-up";
import { revokeAllSessions, revokeUserSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { ACCESS_REQUEST_LIFETIME_DAYS, createAccessRequest } from "@/lib/approvals/requests";
import { lowersApprovalCapacity, roleChangeNeedsApproval } from "./access-rules";
import { lockUserAdministration } from "./administration-lock";
import { applyDeactivation, applyRoleChange, loadTarget, otherActiveCoordinators } from "./changes";
import { generateLinkToken, hashLinkToken, linkUrl } from "./link-token";
import type { ChangeRoleInput, InviteUserInput, UserTargetInput } from "./schemas";

/**
 * User administration (admins only). Every change is audited with actor, target and before → after.
 * Safety rails: an admin cannot change their own role or deactivate themselves, and the last active
 * admin cannot be demoted or deactivated, so the installation can never be left without one. What
 * opens cases or administration to someone, or weakens the organisation's ability to approve, waits
 * for a coordinator (ADR 009, 013). Resets of sign-in: lib/users/resets.ts.
 *
 * Each action takes one input object: a future "fresh code" (step-up) check is one more field.
 */

/**
 * Creates a one-time invitation into any role. It waits for a coordinator's approval (7 days); the
 * approval gives the link 72 hours and shows its activation code to the approver only (ADR 013).
 * The link is returned once, to be shown to the admin: it is useless without that code. "email_taken"
 * only when a complete account has the e-mail: an account whose invitation was opened but never
 * completed may be invited again (the new invitation takes it over).
 */
export async function inviteUser(
  actor: Actor,
  input: InviteUserInput,
  now = new Date(),
): Promise<{ inviteId: string; link: string; expiresAt: Date }> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor, now);
  const token = generateLinkToken();
  // While it waits, an invitation lives as long as its request may still be approved.
  const expiresAt = new Date(now.getTime() + ACCESS_REQUEST_LIFETIME_DAYS * 86_400_000);
  const invite = await db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, activationPending: true } });
    if (existing && !existing.activationPending) throw new ConflictError("email_taken");
    await tx.invite.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    // Whoever was half-way through an earlier invitation of this e-mail stops here.
    if (existing) await revokeUserSessions(tx, existing.id, {}, now);
    const created = await tx.invite.create({
      data: {
        email: input.email,
        role: input.role,
        tokenHash: hashLinkToken(token),
        createdById: actor.userId,
        createdAt: now,
        expiresAt,
        approvedAt: null,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "user.invited",
      targetType: "invite",
      targetId: created.id,
      meta: { role: input.role, pendingApproval: true },
    });
    await createAccessRequest(tx, actor, { kind: "INVITE", role: input.role, inviteId: created.id }, now);
    return created;
  });
  return { inviteId: invite.id, link: linkUrl("invite", token), expiresAt };
}

/** Revokes an invitation; an account half-way through it can no longer be completed from it. */
export async function revokeInvite(actor: Actor, inviteId: string, now = new Date()): Promise<void> {
  assertCan(actor, "user:manage");
  await db().$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({ where: { id: inviteId, acceptedAt: null, revokedAt: null }, select: { email: true } });
    if (!invite) throw new NotFoundError("invite");
    await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: now } });
    const pending = await tx.user.findFirst({ where: { email: invite.email, activationPending: true }, select: { id: true } });
    const ended = pending ? await revokeUserSessions(tx, pending.id, {}, now) : 0;
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "user.invite_revoked",
      targetType: "invite",
      targetId: inviteId,
      meta: { sessionsEnded: ended },
    });
  });
}

/**
 * Changes a role. Waiting for a coordinator's approval (`pending: true`): a change that lets the
 * account see more cases or makes it an admin, and a coordinator leaving the role when that leaves
 * fewer than two active coordinators. Other changes apply at once. Whoever stops being a caseworker
 * keeps no case (their open cases become unassigned, audited).
 */
export async function changeUserRole(actor: Actor, input: ChangeRoleInput, now = new Date()): Promise<{ pending: boolean }> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor, now);
  if (input.userId === actor.userId) throw new ConflictError("cannot_change_own_role");
  return db().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const target = await loadTarget(tx, input.userId);
    if (target.role === input.role) return { pending: false };
    const capacity = lowersApprovalCapacity(
      { role: target.role, active: target.status === "ACTIVE" },
      await otherActiveCoordinators(tx, target.id),
    );
    if (roleChangeNeedsApproval(target.role, input.role) || capacity) {
      await createAccessRequest(tx, actor, { kind: "ROLE_CHANGE", role: input.role, subjectId: target.id }, now);
      return { pending: true };
    }
    await applyRoleChange(tx, actor.userId, target, input.role, now);
    return { pending: false };
  });
}

/**
 * Deactivates an account at once (its sessions end, its open cases are released), except a
 * coordinator whose departure leaves fewer than two active coordinators: that waits for approval
 * (`pending: true`; ending their sessions meanwhile stays immediate).
 */
export async function deactivateUser(actor: Actor, input: UserTargetInput, now = new Date()): Promise<{ pending: boolean }> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor, now);
  if (input.userId === actor.userId) throw new ConflictError("cannot_deactivate_self");
  return db().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const target = await loadTarget(tx, input.userId);
    if (target.status === "DEACTIVATED") return { pending: false };
    if (lowersApprovalCapacity({ role: target.role, active: true }, await otherActiveCoordinators(tx, target.id))) {
      await createAccessRequest(tx, actor, { kind: "DEACTIVATION", role: target.role, subjectId: target.id }, now);
      return { pending: true };
    }
    await applyDeactivation(tx, actor.userId, target, now);
    return { pending: false };
  });
}

/** Reactivating any account waits for a coordinator's approval: it gives back access to cases or to administration. */
export async function reactivateUser(actor: Actor, input: UserTargetInput, now = new Date()): Promise<{ pending: boolean }> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor, now);
  return db().$transaction(async (tx) => {
    // As for role changes: one pending request about an account, even when two admins ask at once.
    await lockUserAdministration(tx);
    const target = await loadTarget(tx, input.userId);
    if (target.status === "ACTIVE") return { pending: false };
    await createAccessRequest(tx, actor, { kind: "REACTIVATION", role: target.role, subjectId: target.id }, now);
    return { pending: true };
  });
}

export async function revokeSessionsOfUser(actor: Actor, input: UserTargetInput): Promise<number> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor);
  return db().$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    const ended = await revokeUserSessions(tx, target.id, target.id === actor.userId ? { except: actor.sessionIdHash } : {});
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "user.sessions_revoked",
      targetType: "user",
      targetId: target.id,
      meta: { sessionsEnded: ended },
    });
    return ended;
  });
}

/** Emergency: ends every session of every user except the admin's own. */
export async function signOutEveryone(actor: Actor): Promise<number> {
  assertCan(actor, "session:revokeAll");
  assertSteppedUp(actor);
  return db().$transaction(async (tx) => {
    const ended = await revokeAllSessions(tx, { except: actor.sessionIdHash });
    await appendAudit(tx, { actorId: actor.userId, action: "session.all_revoked", targetType: "system", meta: { sessionsEnded: ended } });
    return ended;
  });
}
