import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { encryptTotpSecret, generateTotpSecret } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { hashInviteToken } from "./admin";

/**
 * Accepting an invitation (anonymous visitor holding the one-time link). Every kind of invalid link
 * (unknown, used, revoked, expired) answers the same not-found.
 */

export interface InviteDTO {
  email: string;
  role: Role;
  expiresAt: Date;
}

async function findUsableInvite(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  // An invitation into a case-reading role works only once a second person approved it.
  return db().invite.findFirst({
    where: { tokenHash: hashInviteToken(token), acceptedAt: null, revokedAt: null, approvedAt: { not: null }, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

export async function getInvite(token: string): Promise<InviteDTO> {
  const invite = await findUsableInvite(token);
  if (!invite) throw new NotFoundError("invite");
  return { email: invite.email, role: invite.role, expiresAt: invite.expiresAt };
}

/** True when the link is a live invitation that still waits for a coordinator's approval. */
export async function inviteAwaitsApproval(token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const waiting = await db().invite.count({
    where: { tokenHash: hashInviteToken(token), acceptedAt: null, revokedAt: null, approvedAt: null, expiresAt: { gt: new Date() } },
  });
  return waiting > 0;
}

/**
 * Creates the account with the chosen password and a pending (not yet confirmed) TOTP secret.
 * The invite is consumed atomically: of two simultaneous acceptances exactly one succeeds.
 */
export async function acceptInvite(token: string, password: string): Promise<{ userId: string; email: string }> {
  const invite = await findUsableInvite(token);
  if (!invite) throw new NotFoundError("invite");
  const problem = passwordProblem(password, invite.email);
  if (problem) throw new InvalidInputError("weak_password", { password: [`password_${problem}`] });
  const passwordHash = await hashPassword(password);
  const userId = randomUUID();
  await db().$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, approvedAt: { not: null }, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("invite");
    if (await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } })) throw new NotFoundError("invite");
    await tx.user.create({
      data: {
        id: userId,
        email: invite.email,
        role: invite.role,
        passwordHash,
        totpSecretEnc: encryptTotpSecret(generateTotpSecret(), userId),
      },
    });
    await appendAudit(tx, { actorId: userId, action: "user.invite_accepted", targetType: "user", targetId: userId, meta: { inviteId: invite.id, role: invite.role } });
  });
  return { userId, email: invite.email };
}
