import "server-only";
import { db } from "@/lib/db/client";
import { hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { decryptTotpSecret, matchTotpStep } from "./totp";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The second-factor check shared by sign-in (lib/auth/sign-in.ts) and step-up (lib/auth/step-up.ts):
 * a 6-digit TOTP code of a step later than the last one the account used (a code works once, in
 * sign-in and step-up alike), or an unused recovery code, which this consumes.
 */

export type SecondFactorVerdict = "totp" | "recovery_code" | "bad_code" | "replayed_code";

export async function checkSecondFactor(userId: string, secretEnc: string, code: string, now: Date): Promise<SecondFactorVerdict> {
  if (/^\d{6}$/.test(code)) {
    const step = matchTotpStep(decryptTotpSecret(secretEnc, userId), code, now.getTime());
    if (step === null) return "bad_code";
    // Conditional update: of two requests racing with the same code, exactly one wins.
    const accepted = await db().$executeRaw`
      UPDATE users SET totp_last_step = ${step}
      WHERE id = ${userId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
    return accepted === 1 ? "totp" : "replayed_code";
  }
  const recovery = normaliseRecoveryCode(code);
  if (!recovery) return "bad_code";
  const { count } = await db().recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(recovery), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1 ? "recovery_code" : "bad_code";
}
