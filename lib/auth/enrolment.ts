import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { ConflictError, InvalidInputError, UnauthenticatedError } from "@/lib/errors";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import type { Actor } from "./actor";
import { revokeSession } from "./sessions";
import { decryptTotpSecret, matchTotpStep, otpauthQrSvg } from "./totp";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Enrolling the second factor. A user without one can do nothing else: their session is
 * "enrolment-only". The pending secret is shown (QR code rendered on the server, and as text) and
 * takes effect only once a code from it is entered. Then ten recovery codes are shown once, and the
 * enrolment session ends: the user signs in again with the new factor (a fresh session id).
 */

export interface EnrolmentDTO {
  email: string;
  secret: string;
  qrSvg: string;
}

/** Only for enrolment-only sessions. The pending secret was created at invitation or at sign-in. */
export async function getEnrolment(actor: Actor): Promise<EnrolmentDTO> {
  if (!actor.enrolmentOnly) throw new ConflictError("already_enrolled");
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, email: true, totpSecretEnc: true, totpEnrolledAt: true } });
  if (user.totpEnrolledAt || !user.totpSecretEnc) throw new ConflictError("already_enrolled");
  const secret = decryptTotpSecret(user.totpSecretEnc!, user.id);
  return { email: user.email, secret, qrSvg: await otpauthQrSvg(secret, user.email) };
}

/** Confirms the pending secret with a code; returns the recovery codes to show once. */
export async function confirmEnrolment(actor: Actor, code: string, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  if (!actor.enrolmentOnly) throw new UnauthenticatedError();
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, totpSecretEnc: true, totpEnrolledAt: true } });
  if (user.totpEnrolledAt || !user.totpSecretEnc) throw new ConflictError("already_enrolled");
  const step = matchTotpStep(decryptTotpSecret(user.totpSecretEnc, user.id), code, now.getTime());
  if (step === null) throw new InvalidInputError("invalid_code", { code: ["invalid_code"] });
  const recoveryCodes = generateRecoveryCodes();
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: user.id, totpEnrolledAt: null }, data: { totpEnrolledAt: now, totpLastStep: step } });
    if (count === 0) throw new ConflictError("already_enrolled");
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
    await revokeSession(tx, actor.sessionIdHash, now);
    await appendAudit(tx, { actorId: user.id, action: "auth.totp_enrolled", targetType: "user", targetId: user.id });
  });
  return { recoveryCodes };
}
