import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import type { AccessRequestKind, Role } from "@/lib/db/generated/enums";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { ACCESS_REQUEST_LIFETIME_DAYS } from "./access-rules";
import { lockUserAdministration } from "./administration-lock";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The two-person rule for anything that opens case data: inviting someone into a case-reading role,
 * changing a role to one that sees more cases, reactivating such an account. The admin's action
 * creates a pending request; it takes effect only when a coordinator who is neither the requester
 * nor the person concerned approves it, within 7 days. Narrowing changes stay immediate.
 */

export const INVITE_LIFETIME_HOURS_AFTER_APPROVAL = 72;

export interface AccessRequestDTO {
  id: string;
  kind: AccessRequestKind;
  status: "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED";
  role: Role;
  /** The account concerned, or the invited e-mail. */
  subject: string;
  subjectId: string | null;
  requestedBy: string;
  requestedById: string;
  createdAt: Date;
  expiresAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export async function createAccessRequest(tx: Tx, actor: Actor, input: { kind: AccessRequestKind; role: Role; subjectId?: string; inviteId?: string }, now = new Date()): Promise<string> {
  if (input.subjectId) {
    const pending = await tx.accessRequest.findFirst({ where: { subjectId: input.subjectId, status: "PENDING", expiresAt: { gt: now } }, select: { id: true } });
    if (pending) throw new ConflictError("request_pending");
  }
  const request = await tx.accessRequest.create({
    data: {
      kind: input.kind,
      role: input.role,
      subjectId: input.subjectId ?? null,
      inviteId: input.inviteId ?? null,
      requestedById: actor.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ACCESS_REQUEST_LIFETIME_DAYS * 86_400_000),
    },
    select: { id: true },
  });
  await appendAudit(tx, {
    actorId: actor.userId,
    action: "access.requested",
    targetType: input.subjectId ? "user" : "invite",
    targetId: input.subjectId ?? input.inviteId ?? null,
    meta: { request: request.id, kind: input.kind, role: input.role },
  });
  return request.id;
}

export async function listAccessRequests(actor: Actor, now = new Date()): Promise<AccessRequestDTO[]> {
  assertCan(actor, "access:view");
  const rows = await db().accessRequest.findMany({
    where: { OR: [{ status: "PENDING" }, { decidedAt: { gt: new Date(now.getTime() - 30 * 86_400_000) } }] },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
    include: {
      subject: { select: { email: true } },
      invite: { select: { email: true } },
      requestedBy: { select: { email: true } },
      decidedBy: { select: { email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status === "PENDING" && r.expiresAt <= now ? "EXPIRED" : r.status,
    role: r.role,
    subject: r.subject?.email ?? r.invite?.email ?? "—",
    subjectId: r.subjectId,
    requestedBy: r.requestedBy.email,
    requestedById: r.requestedById,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    decidedBy: r.decidedBy?.email ?? null,
    decidedAt: r.decidedAt,
  }));
}

async function loadPending(tx: Tx, actor: Actor, requestId: string, now: Date) {
  // Decisions on one request are serialised: two coordinators cannot both decide it.
  const [request] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM access_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (!request) throw new NotFoundError("access_request");
  const row = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { invite: { select: { id: true, email: true } } } });
  if (row.status !== "PENDING") throw new ConflictError("request_decided");
  if (row.expiresAt <= now) throw new ConflictError("request_expired");
  if (row.requestedById === actor.userId) throw new ConflictError("cannot_approve_own_request");
  if (row.subjectId === actor.userId || (row.invite && row.invite.email === actor.email)) throw new ConflictError("cannot_approve_about_self");
  return row;
}

/** A coordinator approves: the change takes effect now, in the same transaction. */
export async function approveAccessRequest(actor: Actor, requestId: string, now = new Date()): Promise<void> {
  assertCan(actor, "access:approve");
  await db().$transaction(async (tx) => {
    // Taken first, as changeUserRole and deactivateUser do: an approved demotion of an admin and a
    // concurrent demotion or deactivation of the other admin must not both pass the last-admin check.
    await lockUserAdministration(tx);
    const request = await loadPending(tx, actor, requestId, now);
    switch (request.kind) {
      case "INVITE": {
        const { count } = await tx.invite.updateMany({
          where: { id: request.inviteId ?? "00000000-0000-0000-0000-000000000000", acceptedAt: null, revokedAt: null },
          data: { approvedAt: now, expiresAt: new Date(now.getTime() + INVITE_LIFETIME_HOURS_AFTER_APPROVAL * 3_600_000) },
        });
        if (count === 0) throw new ConflictError("invite_gone");
        break;
      }
      case "ROLE_CHANGE": {
        const subject = await tx.user.findUniqueOrThrow({ where: { id: request.subjectId! }, select: { role: true, status: true } });
        if (subject.role === "ADMIN" && subject.status === "ACTIVE") {
          const others = await tx.user.count({ where: { role: "ADMIN", status: "ACTIVE", id: { not: request.subjectId! } } });
          if (others === 0) throw new ConflictError("last_admin");
        }
        await tx.user.update({ where: { id: request.subjectId! }, data: { role: request.role } });
        await appendAudit(tx, { actorId: actor.userId, action: "user.role_changed", targetType: "user", targetId: request.subjectId, meta: { from: subject.role, to: request.role, request: request.id } });
        break;
      }
      case "REACTIVATION": {
        await tx.user.update({ where: { id: request.subjectId! }, data: { status: "ACTIVE", deactivatedAt: null } });
        await appendAudit(tx, { actorId: actor.userId, action: "user.reactivated", targetType: "user", targetId: request.subjectId, meta: { from: "DEACTIVATED", to: "ACTIVE", request: request.id } });
        break;
      }
    }
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: "APPROVED", decidedById: actor.userId, decidedAt: now } });
    await appendAudit(tx, { actorId: actor.userId, action: "access.approved", targetType: request.subjectId ? "user" : "invite", targetId: request.subjectId ?? request.inviteId, meta: { request: request.id, kind: request.kind, role: request.role } });
  });
}

/** A coordinator rejects: nothing changes (a pending invitation is revoked). */
export async function rejectAccessRequest(actor: Actor, requestId: string, now = new Date()): Promise<void> {
  assertCan(actor, "access:approve");
  await db().$transaction(async (tx) => {
    const request = await loadPending(tx, actor, requestId, now);
    if (request.kind === "INVITE" && request.inviteId) await tx.invite.updateMany({ where: { id: request.inviteId, acceptedAt: null }, data: { revokedAt: now } });
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: "REJECTED", decidedById: actor.userId, decidedAt: now } });
    await appendAudit(tx, { actorId: actor.userId, action: "access.rejected", targetType: request.subjectId ? "user" : "invite", targetId: request.subjectId ?? request.inviteId, meta: { request: request.id, kind: request.kind, role: request.role } });
  });
}
