import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { DecryptionError, UnknownKeyError } from "@/lib/crypto/fields";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, InvalidInputError, UnauthenticatedError } from "@/lib/errors";
import type { ClientInfo } from "./client-info";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import type { Actor } from "@/lib/access/actor";
import { createSession, type NewSession } from "./sessions";
import {
  decryptPendingTotpSecret,
  encryptPendingTotpSecret,
  encryptTotpSecret,
  generateTotpSecret,
  matchTotpStep,
  otpauthQrSvg,
} from "./totp";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Enrolling the second factor. A user without one can do nothing else: their session is
 * "enrolment-only". Such sessions come only from an invitation or a second-factor recovery link used
 * with its activation code (lib/users/invites.ts, lib/users/recovery.ts): a password alone never
 * leads here (ADR 013).
 *
 * The pending secret belongs to the enrolment session, not to the account: every enrolment session
 * gets a fresh one, so two people who each open an enrolment (the same link used twice) never see
 * the same secret, and the secret confirmed is the one this session showed. It is shown (QR code
 * rendered on the server, and as text) and takes effect only once a code from it is entered. Then
 * ten recovery codes are shown once, and the enrolment session ends: the user signs in again with
 * the new factor (a fresh session id).
 */

export interface EnrolmentDTO {
  email: string;
  secret: string;
  qrSvg: string;
}

/** Opens an enrolment-only session with its own fresh pending secret (inside the caller's transaction). */
export async function openEnrolmentSession(tx: Tx, userId: string, client: ClientInfo, now = new Date()): Promise<NewSession> {
  const session = await createSession(tx, { userId, enrolmentOnly: true, client: client.label, networkHint: client.network }, now);
  await tx.session.update({
    where: { idHash: session.idHash },
    data: { pendingTotpSecretEnc: encryptPendingTotpSecret(generateTotpSecret(), session.idHash) },
  });
  return session;
}

/**
 * This session's pending secret; one is created when the session has none (or one under a master
 * key that was since removed: nothing was enrolled with it, so a new one is safe).
 */
async function pendingSecret(sessionIdHash: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const row = await db().session.findUniqueOrThrow({ where: { idHash: sessionIdHash }, select: { pendingTotpSecretEnc: true } });
    if (row.pendingTotpSecretEnc) {
      try {
        return decryptPendingTotpSecret(row.pendingTotpSecretEnc, sessionIdHash);
      } catch (error) {
        if (!(error instanceof UnknownKeyError) && !(error instanceof DecryptionError)) throw error;
      }
    }
    // Conditional: of two requests of the same session racing here, one secret wins and both show it.
    await db().session.updateMany({
      where: { idHash: sessionIdHash, pendingTotpSecretEnc: row.pendingTotpSecretEnc },
      data: { pendingTotpSecretEnc: encryptPendingTotpSecret(generateTotpSecret(), sessionIdHash) },
    });
  }
  throw new ConflictError("enrolment_unavailable");
}

async function enrollingUser(actor: Actor) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, email: true, totpEnrolledAt: true, activationPending: true },
  });
  if (user.totpEnrolledAt) throw new ConflictError("already_enrolled");
  return user;
}

/** Only for enrolment-only sessions: the secret this session shows. */
export async function getEnrolment(actor: Actor): Promise<EnrolmentDTO> {
  if (!actor.enrolmentOnly) throw new ConflictError("already_enrolled");
  const user = await enrollingUser(actor);
  const secret = await pendingSecret(actor.sessionIdHash);
  return { email: user.email, secret, qrSvg: await otpauthQrSvg(secret, user.email) };
}

/**
 * Confirms this session's pending secret with a code; returns the recovery codes to show once. The
 * account is then complete: its invitation counts as accepted, or its recovery link as used.
 */
export async function confirmEnrolment(actor: Actor, code: string, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  if (!actor.enrolmentOnly) throw new UnauthenticatedError();
  const user = await enrollingUser(actor);
  const session = await db().session.findUniqueOrThrow({ where: { idHash: actor.sessionIdHash }, select: { pendingTotpSecretEnc: true } });
  if (!session.pendingTotpSecretEnc) throw new InvalidInputError("invalid_code", { code: ["invalid_code"] });
  const secret = decryptPendingTotpSecret(session.pendingTotpSecretEnc, actor.sessionIdHash);
  const step = matchTotpStep(secret, code, now.getTime());
  if (step === null) throw new InvalidInputError("invalid_code", { code: ["invalid_code"] });
  const recoveryCodes = generateRecoveryCodes();
  await db().$transaction(async (tx) => {
    // Only while this session is live: a session ended meanwhile (a revoked invitation, a new use of
    // the link) must not complete the account.
    const { count: live } = await tx.session.updateMany({
      where: { idHash: actor.sessionIdHash, revokedAt: null, enrolmentOnly: true, pendingTotpSecretEnc: session.pendingTotpSecretEnc },
      data: { revokedAt: now, pendingTotpSecretEnc: null },
    });
    if (live === 0) throw new UnauthenticatedError();
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnrolledAt: null },
      data: { totpSecretEnc: encryptTotpSecret(secret, user.id), totpEnrolledAt: now, totpLastStep: step, activationPending: false },
    });
    if (count === 0) throw new ConflictError("already_enrolled");
    // Any other enrolment still open for the account (another tab, an earlier use of the link) ends.
    await tx.session.updateMany({
      where: { userId: user.id, enrolmentOnly: true, revokedAt: null },
      data: { revokedAt: now, pendingTotpSecretEnc: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
    const invites = user.activationPending
      ? await tx.invite.updateMany({
          where: { email: user.email, acceptedAt: null, revokedAt: null, approvedAt: { not: null } },
          data: { acceptedAt: now },
        })
      : { count: 0 };
    const recoveries = await tx.accountRecovery.updateMany({
      where: { userId: user.id, kind: "SECOND_FACTOR", completedAt: null, revokedAt: null, approvedAt: { not: null } },
      data: { completedAt: now },
    });
    await appendAudit(tx, {
      actorId: user.id,
      action: "auth.totp_enrolled",
      targetType: "user",
      targetId: user.id,
      meta: { via: invites.count > 0 ? "invite" : recoveries.count > 0 ? "recovery" : "session" },
    });
  });
  return { recoveryCodes };
}
