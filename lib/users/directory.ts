import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { AccessRequestKind, Role, UserStatus } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";

/** The admin's view of the people: accounts page by page, and the invites not yet accepted. */

export interface UserRowDTO {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  secondFactorEnrolled: boolean;
  lastSignInAt: Date | null;
  activeSessions: number;
  isSelf: boolean;
  /** Created from an invitation that was opened but not completed (no second factor yet). */
  activationPending: boolean;
  /** A change waiting for a coordinator's approval. */
  pendingRequest: { kind: AccessRequestKind; role: Role | null } | null;
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
      activationPending: true,
      _count: {
        select: {
          sessions: {
            where: {
              revokedAt: null,
              expiresAt: { gt: now },
              lastSeenAt: { gt: new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000) },
            },
          },
        },
      },
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
      activationPending: u.activationPending,
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
