import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { appendAudit, appendCaseAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { revokeAllSessions, revokeUserSessions } from "@/lib/auth/sessions";
import { caseEvent, recordEvents } from "@/lib/cases/access";
import { CaseKey } from "@/lib/cases/sealed";
import { db, type Tx } from "@/lib/db/client";
import type { Role, UserStatus } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { ACCESS_REQUEST_LIFETIME_DAYS, readsCases, widensCaseAccess } from "./access-rules";
import { lockUserAdministration } from "./administration-lock";
import { createAccessRequest } from "./approvals";
import type { ChangeRoleInput, InviteUserInput, UserTargetInput } from "./schemas";

/**
 * User administration (admins only). Every change is audited with actor, target and before → after.
 * Safety rails: an admin cannot change their own role or deactivate themselves, and the last active
 * admin cannot be demoted or deactivated, so the installation can never be left without one.
 */

export const INVITE_LIFETIME_HOURS = 72;

export interface UserRowDTO {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  secondFactorEnrolled: boolean;
  lastSignInAt: Date | null;
  activeSessions: number;
  isSelf: boolean;
  /** A change waiting for a coordinator's approval. */
  pendingRequest: { kind: "ROLE_CHANGE" | "REACTIVATION" | "INVITE"; role: Role } | null;
}

export interface PendingInviteDTO {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
  awaitingApproval: boolean;
}

/** Accounts per page of the admin's list. */
export const USERS_PAGE_SIZE = 50;

export interface UserPageDTO {
  users: UserRowDTO[];
  /** Accounts matching the search, on all pages. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * One page of accounts, newest first (a new or changed account is what an admin usually looks
 * for), optionally only those whose e-mail contains `q`.
 */
export async function listUsers(actor: Actor, options: { q?: string; page?: number } = {}): Promise<UserPageDTO> {
  assertCan(actor, "user:manage");
  const now = new Date();
  const where = options.q ? { email: { contains: options.q.toLowerCase() } } : {};
  const total = await db().user.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const users = await db().user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true,
      email: true,
      role: true,
      status: true,
      totpEnrolledAt: true,
      lastSignInAt: true,
      _count: { select: { sessions: { where: { revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000) } } } } },
      accessRequestsAbout: { where: { status: "PENDING", expiresAt: { gt: now } }, select: { kind: true, role: true }, take: 1 },
    },
  });
  return {
    total,
    page,
    pageCount,
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      role: u.role,
      status: u.status,
      secondFactorEnrolled: u.totpEnrolledAt !== null,
      lastSignInAt: u.lastSignInAt,
      activeSessions: u._count.sessions,
      isSelf: u.id === actor.userId,
      pendingRequest: u.accessRequestsAbout[0] ?? null,
    })),
  };
}

export async function listPendingInvites(actor: Actor): Promise<PendingInviteDTO[]> {
  assertCan(actor, "user:manage");
  const invites = await db().invite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, approvedAt: true },
  });
  return invites.map(({ approvedAt, ...invite }) => ({ ...invite, awaitingApproval: approvedAt === null }));
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a one-time invitation. The token is returned once (to be shown to the admin) and stored
 * only as a hash. Into a case-reading role the link works only after a coordinator approved it
 * (`pendingApproval`); then it is valid for 72 hours from the approval.
 */
export async function inviteUser(actor: Actor, input: InviteUserInput): Promise<{ inviteId: string; link: string; expiresAt: Date; pendingApproval: boolean }> {
  assertCan(actor, "user:manage");
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const pendingApproval = readsCases(input.role);
  // While it waits, an invitation lives as long as its request may still be approved (the approval
  // then gives it 72 hours): until then the link says it waits and the admin can see and revoke it.
  const expiresAt = new Date(now.getTime() + (pendingApproval ? ACCESS_REQUEST_LIFETIME_DAYS * 24 : INVITE_LIFETIME_HOURS) * 3_600_000);
  const invite = await db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new ConflictError("email_taken");
    }
    await tx.invite.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const created = await tx.invite.create({
      data: { email: input.email, role: input.role, tokenHash: hashInviteToken(token), createdById: actor.userId, expiresAt, approvedAt: pendingApproval ? null : now },
      select: { id: true },
    });
    await appendAudit(tx, { actorId: actor.userId, action: "user.invited", targetType: "invite", targetId: created.id, meta: { role: input.role, pendingApproval } });
    if (pendingApproval) await createAccessRequest(tx, actor, { kind: "INVITE", role: input.role, inviteId: created.id }, now);
    return created;
  });
  return { inviteId: invite.id, link: `${env().APP_URL.replace(/\/$/, "")}/invite/${token}`, expiresAt, pendingApproval };
}

export async function revokeInvite(actor: Actor, inviteId: string): Promise<void> {
  assertCan(actor, "user:manage");
  await db().$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({ where: { id: inviteId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new NotFoundError("invite");
    await appendAudit(tx, { actorId: actor.userId, action: "user.invite_revoked", targetType: "invite", targetId: inviteId });
  });
}

async function loadTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, status: true, email: true } });
  if (!user) throw new NotFoundError("user");
  return user;
}

async function assertAnotherActiveAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "ADMIN", status: "ACTIVE", id: { not: userId } } });
  if (others === 0) throw new ConflictError("last_admin");
}

/**
 * Changes a role. A change that lets the account see more cases becomes a pending request for a
 * coordinator to approve (`pending: true`); a narrowing change applies at once.
 */
export async function changeUserRole(actor: Actor, input: ChangeRoleInput): Promise<{ pending: boolean }> {
  assertCan(actor, "user:manage");
  if (input.userId === actor.userId) throw new ConflictError("cannot_change_own_role");
  return db().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const target = await loadTarget(tx, input.userId);
    if (target.role === input.role) return { pending: false };
    if (widensCaseAccess(target.role, input.role)) {
      await createAccessRequest(tx, actor, { kind: "ROLE_CHANGE", role: input.role, subjectId: target.id });
      return { pending: true };
    }
    if (target.role === "ADMIN" && target.status === "ACTIVE") await assertAnotherActiveAdmin(tx, target.id);
    await tx.user.update({ where: { id: target.id }, data: { role: input.role } });
    // Sessions are kept: the role is read from the database on every request, so it applies at once.
    await appendAudit(tx, { actorId: actor.userId, action: "user.role_changed", targetType: "user", targetId: target.id, meta: { from: target.role, to: input.role } });
    return { pending: false };
  });
}

export async function deactivateUser(actor: Actor, input: UserTargetInput): Promise<void> {
  assertCan(actor, "user:manage");
  if (input.userId === actor.userId) throw new ConflictError("cannot_deactivate_self");
  await db().$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const target = await loadTarget(tx, input.userId);
    if (target.status === "DEACTIVATED") return;
    if (target.role === "ADMIN") await assertAnotherActiveAdmin(tx, target.id);
    const now = new Date();
    await tx.user.update({ where: { id: target.id }, data: { status: "DEACTIVATED", deactivatedAt: now } });
    const ended = await revokeUserSessions(tx, target.id);
    // A deactivated caseworker keeps no open case silently: their cases become unassigned work
    // that coordinators see (and reassign) on the dashboard and in the case list.
    const released = await releaseOpenCases(tx, actor, target.id, now);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "user.deactivated",
      targetType: "user",
      targetId: target.id,
      meta: { from: "ACTIVE", to: "DEACTIVATED", sessionsEnded: ended, casesUnassigned: released },
    });
  });
}

async function releaseOpenCases(tx: Tx, actor: Actor, userId: string, now: Date): Promise<number> {
  const cases = await tx.case.findMany({ where: { assignedToId: userId, status: { not: "CLOSED" } }, select: { id: true, dataKeyWrapped: true } });
  if (cases.length === 0) return 0;
  await tx.case.updateMany({ where: { id: { in: cases.map((c) => c.id) } }, data: { assignedToId: null, version: { increment: 1 }, updatedAt: now } });
  // The timeline says why; the admin who deactivated sees none of it (the facts are sealed per case).
  for (const c of cases) await recordEvents(tx, new CaseKey(c), actor.userId, now, [caseEvent("ASSIGNED", { from: userId, to: null, reason: "caseworker_deactivated" })]);
  await appendCaseAudit(tx, { actorId: actor.userId, action: "case.unassigned", caseIds: cases.map((c) => c.id), meta: { fields: ["assignee"], cases: cases.length } });
  return cases.length;
}

/** Reactivates an account; one with a case-reading role needs a coordinator's approval (`pending`). */
export async function reactivateUser(actor: Actor, input: UserTargetInput): Promise<{ pending: boolean }> {
  assertCan(actor, "user:manage");
  return db().$transaction(async (tx) => {
    // As for role changes: one pending request about an account, even when two admins ask at once.
    await lockUserAdministration(tx);
    const target = await loadTarget(tx, input.userId);
    if (target.status === "ACTIVE") return { pending: false };
    if (readsCases(target.role)) {
      await createAccessRequest(tx, actor, { kind: "REACTIVATION", role: target.role, subjectId: target.id });
      return { pending: true };
    }
    await tx.user.update({ where: { id: target.id }, data: { status: "ACTIVE", deactivatedAt: null } });
    await appendAudit(tx, { actorId: actor.userId, action: "user.reactivated", targetType: "user", targetId: target.id, meta: { from: "DEACTIVATED", to: "ACTIVE" } });
    return { pending: false };
  });
}

/** Removes the user's second factor and recovery codes and ends their sessions; they enrol again at next sign-in. */
export async function resetSecondFactor(actor: Actor, input: UserTargetInput): Promise<void> {
  assertCan(actor, "user:manage");
  await db().$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    await tx.user.update({ where: { id: target.id }, data: { totpSecretEnc: null, totpEnrolledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    // Every session ends, the admin's own included when they reset themselves: without a second
    // factor an account may do nothing but enrol one.
    const ended = await revokeUserSessions(tx, target.id);
    await appendAudit(tx, { actorId: actor.userId, action: "user.second_factor_reset", targetType: "user", targetId: target.id, meta: { sessionsEnded: ended } });
  });
}

export async function revokeSessionsOfUser(actor: Actor, input: UserTargetInput): Promise<number> {
  assertCan(actor, "user:manage");
  return db().$transaction(async (tx) => {
    const target = await loadTarget(tx, input.userId);
    const ended = await revokeUserSessions(tx, target.id, target.id === actor.userId ? { except: actor.sessionIdHash } : {});
    await appendAudit(tx, { actorId: actor.userId, action: "user.sessions_revoked", targetType: "user", targetId: target.id, meta: { sessionsEnded: ended } });
    return ended;
  });
}

/** Emergency: ends every session of every user except the admin's own. */
export async function signOutEveryone(actor: Actor): Promise<number> {
  assertCan(actor, "session:revokeAll");
  return db().$transaction(async (tx) => {
    const ended = await revokeAllSessions(tx, { except: actor.sessionIdHash });
    await appendAudit(tx, { actorId: actor.userId, action: "session.all_revoked", targetType: "system", meta: { sessionsEnded: ended } });
    return ended;
  });
}
