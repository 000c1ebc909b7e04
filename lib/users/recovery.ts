import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { ClientInfo } from "@/lib/auth/client-info";
import { openEnrolmentSession } from "@/lib/auth/enrolment";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { db, type Tx } from "@/lib/db/client";
import type { RecoveryKind } from "@/lib/db/generated/enums";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { findUsableRecovery, usable } from "./recovery-links";
import { ACCESS_REQUEST_LIFETIME_DAYS } from "@/lib/approvals/requests";
import { activationCodeMatches, generateActivationCode, hashActivationCode } from "./activation-code";
import { generateLinkToken, hashLinkToken, isLinkToken, LINK_LIFETIME_HOURS_AFTER_APPROVAL, linkUrl } from "./link-token";
import { beginCodeAttempt, codeAttemptSucceeded, MAX_CODE_FAILURES } from "./link-attempts";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The way back into an account (ADR 013): a second-factor reset or a forgotten password ends in a
 * one-time recovery link, shown to the admin who asked, that works only with the activation code
 * shown once to the coordinator who approved. Never in a password-only sign-in.
 *  - SECOND_FACTOR: link + code open an enrolment-only session with a fresh secret (the old factor
 *    was removed when the reset was asked for). The link is used up when the new factor is confirmed;
 *    until then it may be used again (each use ends the earlier enrolment sessions).
 *  - PASSWORD: link + code + a new password (the usual rules): the password changes, every session
 *    ends, the link is used up. The second factor stays: the next sign-in needs it.
 * Every kind of invalid link answers the same not-found.
 */

/**
 * A new recovery link for an account, inside the caller's transaction. Waits for approval (7 days)
 * unless `approvedWithCode` (the operator's command: the operator is the root of trust).
 */
export async function createRecovery(
  tx: Tx,
  input: { userId: string; kind: RecoveryKind; requestedById: string | null; approvedWithCode?: boolean },
  now = new Date(),
): Promise<{ id: string; link: string; expiresAt: Date; activationCode: string | null }> {
  // One live link per account and kind: an earlier one stops working.
  await tx.accountRecovery.updateMany({
    where: { userId: input.userId, kind: input.kind, completedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const token = generateLinkToken();
  const expiresAt = new Date(
    now.getTime() + (input.approvedWithCode ? LINK_LIFETIME_HOURS_AFTER_APPROVAL * 3_600_000 : ACCESS_REQUEST_LIFETIME_DAYS * 86_400_000),
  );
  const created = await tx.accountRecovery.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      tokenHash: hashLinkToken(token),
      requestedById: input.requestedById,
      createdAt: now,
      expiresAt,
      approvedAt: input.approvedWithCode ? now : null,
    },
    select: { id: true },
  });
  let activationCode: string | null = null;
  if (input.approvedWithCode) activationCode = await approveRecovery(tx, created.id, now);
  return { id: created.id, link: linkUrl("recover", token), expiresAt, activationCode };
}

/** Approval: the link works for 72 hours with the code returned here (shown once, stored as an HMAC). */
export async function approveRecovery(tx: Tx, recoveryId: string, now: Date): Promise<string | null> {
  const activationCode = generateActivationCode();
  const { count } = await tx.accountRecovery.updateMany({
    where: { id: recoveryId, completedAt: null, revokedAt: null },
    data: {
      approvedAt: now,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_HOURS_AFTER_APPROVAL * 3_600_000),
      codeHash: hashActivationCode(`recovery:${recoveryId}`, activationCode),
      codeFailures: 0,
    },
  });
  return count === 1 ? activationCode : null;
}

export interface RedeemRecoveryInput {
  activationCode: string;
  /** PASSWORD recoveries: the new password. */
  password?: string;
}

export type RedeemRecoveryResult = { kind: "SECOND_FACTOR"; sessionId: string } | { kind: "PASSWORD" };

export async function redeemRecovery(
  token: string,
  input: RedeemRecoveryInput,
  client: ClientInfo,
  now = new Date(),
): Promise<RedeemRecoveryResult> {
  if (!isLinkToken(token)) throw new NotFoundError("recovery");
  const attempt = await beginCodeAttempt(hashLinkToken(token), client, now);
  const recovery = await findUsableRecovery(token, now);
  if (!recovery) throw new NotFoundError("recovery");
  if (!activationCodeMatches(`recovery:${recovery.id}`, recovery.codeHash, input.activationCode)) {
    await db().$transaction(async (tx) => {
      const { codeFailures } = await tx.accountRecovery.update({
        where: { id: recovery.id },
        data: { codeFailures: { increment: 1 } },
        select: { codeFailures: true },
      });
      const locked = codeFailures >= MAX_CODE_FAILURES;
      if (locked) await tx.accountRecovery.update({ where: { id: recovery.id }, data: { revokedAt: now } });
      await appendAudit(tx, {
        actorId: null,
        action: "user.activation_code_failed",
        targetType: "user",
        targetId: recovery.user.id,
        meta: { recovery: recovery.id, failures: codeFailures, locked, network: client.network },
      });
    });
    throw new InvalidInputError("invalid_activation_code", { activationCode: ["invalid_activation_code"] });
  }
  await codeAttemptSucceeded(attempt);
  const userId = recovery.user.id;

  if (recovery.kind === "PASSWORD") {
    const password = input.password ?? "";
    const problem = passwordProblem(password, recovery.user.email);
    if (problem) throw new InvalidInputError("weak_password", { password: [`password_${problem}`] });
    const passwordHash = await hashPassword(password);
    await db().$transaction(async (tx) => {
      const { count } = await tx.accountRecovery.updateMany({ where: { id: recovery.id, ...usable(now) }, data: { completedAt: now } });
      if (count === 0) throw new NotFoundError("recovery");
      await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
      const ended = await revokeUserSessions(tx, userId, {}, now);
      await appendAudit(tx, {
        actorId: userId,
        action: "user.password_reset",
        targetType: "user",
        targetId: userId,
        meta: { recovery: recovery.id, sessionsEnded: ended },
      });
    });
    return { kind: "PASSWORD" };
  }

  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM account_recoveries WHERE id = ${recovery.id}::uuid FOR UPDATE`;
    if (!locked || (await tx.accountRecovery.count({ where: { id: recovery.id, ...usable(now) } })) === 0)
      throw new NotFoundError("recovery");
    // Whatever factor the account has now is not the owner's (it was reset): it goes, with every session.
    await tx.user.update({ where: { id: userId }, data: { totpSecretEnc: null, totpEnrolledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await revokeUserSessions(tx, userId, {}, now);
    const session = await openEnrolmentSession(tx, userId, client, now);
    await appendAudit(tx, {
      actorId: userId,
      action: "user.recovery_opened",
      targetType: "user",
      targetId: userId,
      meta: { recovery: recovery.id, kind: recovery.kind },
    });
    return { kind: "SECOND_FACTOR", sessionId: session.sessionId };
  });
}

/**
 * The operator's way back in for every account at once (`npm run keys:rotate --
 * --reset-second-factors`): after every second factor was removed, a pre-approved second-factor
 * recovery link and its activation code for each active account. `unsafe`: no actor; the operator
 * is the root of trust and passes links and codes on by two different channels. Audited.
 */
export async function unsafeIssueSecondFactorRecoveries(
  now = new Date(),
): Promise<Array<{ email: string; link: string; activationCode: string; expiresAt: Date }>> {
  return db().$transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: { status: "ACTIVE", activationPending: false, totpEnrolledAt: null },
      orderBy: { email: "asc" },
      select: { id: true, email: true },
    });
    const issued: Array<{ email: string; link: string; activationCode: string; expiresAt: Date }> = [];
    for (const user of users) {
      const recovery = await createRecovery(
        tx,
        { userId: user.id, kind: "SECOND_FACTOR", requestedById: null, approvedWithCode: true },
        now,
      );
      issued.push({ email: user.email, link: recovery.link, activationCode: recovery.activationCode!, expiresAt: recovery.expiresAt });
    }
    await appendAudit(tx, { actorId: null, action: "user.recoveries_issued_all", targetType: "system", meta: { accounts: issued.length } });
    return issued;
  });
}
