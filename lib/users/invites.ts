import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import type { ClientInfo } from "@/lib/auth/client-info";
import { openEnrolmentSession } from "@/lib/auth/enrolment";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { activationCodeMatches } from "./activation-code";
import { hashLinkToken, isLinkToken } from "./link-token";
import { beginCodeAttempt, codeAttemptSucceeded, MAX_CODE_FAILURES } from "./link-attempts";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Accepting an invitation (anonymous visitor holding the one-time link). Split knowledge (ADR 013):
 * the link was shown to the admin who invited; the activation code only to the coordinator who
 * approved, once. The account is created only with both, and completed only when its second factor
 * is enrolled; until then the link and code may be used again (a new password, a new enrolment
 * session with a new secret), so a closed browser does not strand the person. Every kind of invalid
 * link (unknown, completed, revoked, expired) answers the same not-found.
 */

export interface InviteDTO {
  email: string;
  role: Role;
  expiresAt: Date;
}

const usable = (now: Date) => ({
  acceptedAt: null,
  revokedAt: null,
  approvedAt: { not: null },
  codeHash: { not: null },
  expiresAt: { gt: now },
});

async function findUsableInvite(token: string, now = new Date()) {
  if (!isLinkToken(token)) return null;
  return db().invite.findFirst({
    where: { tokenHash: hashLinkToken(token), ...usable(now) },
    select: { id: true, email: true, role: true, expiresAt: true, codeHash: true },
  });
}

export async function getInvite(token: string): Promise<InviteDTO> {
  const invite = await findUsableInvite(token);
  if (!invite) throw new NotFoundError("invite");
  return { email: invite.email, role: invite.role, expiresAt: invite.expiresAt };
}

/** True when the link is a live invitation that still waits for a coordinator's approval. */
export async function inviteAwaitsApproval(token: string): Promise<boolean> {
  if (!isLinkToken(token)) return false;
  const waiting = await db().invite.count({
    where: { tokenHash: hashLinkToken(token), acceptedAt: null, revokedAt: null, approvedAt: null, expiresAt: { gt: new Date() } },
  });
  return waiting > 0;
}

export interface AcceptedInvite {
  userId: string;
  email: string;
  /** The new enrolment-only session, for the cookie. */
  sessionId: string;
}

export interface AcceptInviteInput {
  activationCode: string;
  password: string;
}

/**
 * With the link's token and the approver's activation code: creates the account (or, when the link
 * is used again before the account is complete, gives it the new password and ends its earlier
 * enrolment sessions) and opens an enrolment-only session with its own new secret. Returns that
 * session's id, for the cookie. A wrong code counts against the link (revoked at the tenth).
 */
export async function acceptInvite(token: string, input: AcceptInviteInput, client: ClientInfo, now = new Date()): Promise<AcceptedInvite> {
  if (!isLinkToken(token)) throw new NotFoundError("invite");
  const tokenHash = hashLinkToken(token);
  const attempt = await beginCodeAttempt(tokenHash, client, now);
  const invite = await findUsableInvite(token, now);
  if (!invite) throw new NotFoundError("invite");
  if (!activationCodeMatches(`invite:${invite.id}`, invite.codeHash, input.activationCode)) {
    await db().$transaction(async (tx) => {
      const { codeFailures } = await tx.invite.update({
        where: { id: invite.id },
        data: { codeFailures: { increment: 1 } },
        select: { codeFailures: true },
      });
      const locked = codeFailures >= MAX_CODE_FAILURES;
      if (locked) await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: now } });
      await appendAudit(tx, {
        actorId: null,
        action: "user.activation_code_failed",
        targetType: "invite",
        targetId: invite.id,
        meta: { failures: codeFailures, locked, network: client.network },
      });
    });
    throw new InvalidInputError("invalid_activation_code", { activationCode: ["invalid_activation_code"] });
  }
  await codeAttemptSucceeded(attempt);
  const problem = passwordProblem(input.password, invite.email);
  if (problem) throw new InvalidInputError("weak_password", { password: [`password_${problem}`] });
  const passwordHash = await hashPassword(input.password);

  return db().$transaction(async (tx) => {
    // Serialises uses of the same link; the conditions are checked again under the lock.
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM invites WHERE id = ${invite.id}::uuid FOR UPDATE`;
    const still = locked && (await tx.invite.count({ where: { id: invite.id, ...usable(now) } }));
    if (!still) throw new NotFoundError("invite");
    const existing = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true, activationPending: true } });
    // A complete account with this e-mail exists (made meanwhile): the invitation has nothing to do.
    if (existing && !existing.activationPending) throw new NotFoundError("invite");
    const userId = existing?.id ?? randomUUID();
    if (existing) {
      await tx.user.update({
        where: { id: userId },
        data: {
          role: invite.role,
          status: "ACTIVE",
          deactivatedAt: null,
          passwordHash,
          passwordChangedAt: now,
          totpSecretEnc: null,
          totpEnrolledAt: null,
          totpLastStep: null,
        },
      });
      await revokeUserSessions(tx, userId, {}, now);
    } else {
      await tx.user.create({
        data: { id: userId, email: invite.email, role: invite.role, passwordHash, passwordChangedAt: now, activationPending: true },
      });
    }
    const session = await openEnrolmentSession(tx, userId, client, now);
    await appendAudit(tx, {
      actorId: userId,
      action: "user.invite_accepted",
      targetType: "user",
      targetId: userId,
      meta: { inviteId: invite.id, role: invite.role, again: Boolean(existing) },
    });
    return { userId, email: invite.email, sessionId: session.sessionId };
  });
}
