import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { ClientInfo } from "@/lib/auth/client-info";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { generateRecoveryCodes, hashRecoveryCode } from "@/lib/auth/recovery-codes";
import { assertCan, type Actor } from "@/lib/access/actor";
import { revokeSession, revokeUserSessions } from "@/lib/auth/sessions";
import { verifyFreshCode, verifyStepUp } from "@/lib/auth/step-up";
import { db } from "@/lib/db/client";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import type { ChangePasswordInput, RegenerateRecoveryCodesInput, SignOutEverywhereInput } from "./schemas";

/**
 * The signed-in user's own account: password, sessions, recovery codes, language. Every change is
 * audited (never with a password or a code). A new password, new recovery codes and "sign out
 * everywhere" would let whoever holds the session keep the account or shut its owner out: they
 * step up first (lib/auth/step-up.ts), with a fresh authenticator code or a recovery code, and the
 * current password where it is asked, all under the sign-in throttle.
 */

/**
 * Changes the password and ends every other session of the user. The new password's rules are
 * checked first, so that a refusal for them uses up no code. Audits `account.password_changed`.
 */
export async function changePassword(
  actor: Actor,
  input: ChangePasswordInput,
  client: ClientInfo,
  now = new Date(),
): Promise<{ sessionsEnded: number }> {
  assertCan(actor, "account:self");
  const problem = passwordProblem(input.newPassword, actor.email);
  if (problem) throw new InvalidInputError("weak_password", { newPassword: [`password_${problem}`] });
  if (input.newPassword === input.currentPassword) throw new InvalidInputError("weak_password", { newPassword: ["password_unchanged"] });
  const { secondFactor } = await verifyStepUp(
    actor,
    { currentPassword: input.currentPassword, code: input.code },
    { client, purpose: "account.password_change" },
    now,
  );
  const passwordHash = await hashPassword(input.newPassword);
  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    const sessionsEnded = await revokeUserSessions(tx, actor.userId, { except: actor.sessionIdHash });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "account.password_changed",
      targetType: "user",
      targetId: actor.userId,
      meta: { sessionsEnded, secondFactor },
    });
    return { sessionsEnded };
  });
}

/** Ends one of the user's own sessions, named by its reference. */
export async function endOwnSessionByRef(actor: Actor, ref: string): Promise<{ endedCurrent: boolean }> {
  assertCan(actor, "account:self");
  return db().$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { userId: actor.userId, idHash: { startsWith: ref }, revokedAt: null },
      select: { idHash: true },
    });
    if (!session) throw new NotFoundError("session");
    await revokeSession(tx, session.idHash);
    await appendAudit(tx, { actorId: actor.userId, action: "account.session_ended", targetType: "session", targetId: ref });
    return { endedCurrent: session.idHash === actor.sessionIdHash };
  });
}

/**
 * "Sign out everywhere": ends all of the user's sessions, this one included, after a fresh code
 * (a stolen session must not be able to shut the owner out). Audits `account.signed_out_everywhere`.
 */
export async function signOutEverywhere(
  actor: Actor,
  input: SignOutEverywhereInput,
  client: ClientInfo,
  now = new Date(),
): Promise<number> {
  assertCan(actor, "account:self");
  const { secondFactor } = await verifyFreshCode(actor, input.code, { client, purpose: "account.sign_out_everywhere" }, now);
  return db().$transaction(async (tx) => {
    const ended = await revokeUserSessions(tx, actor.userId);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "account.signed_out_everywhere",
      targetType: "user",
      targetId: actor.userId,
      meta: { sessionsEnded: ended, secondFactor },
    });
    return ended;
  });
}

/**
 * Replaces all recovery codes after the current password and a fresh code (a recovery code used
 * here is used up before the old ones go); the new ones are returned once, to be shown once.
 * Audits `account.recovery_codes_regenerated`.
 */
export async function regenerateRecoveryCodes(
  actor: Actor,
  input: RegenerateRecoveryCodesInput,
  client: ClientInfo,
  now = new Date(),
): Promise<string[]> {
  assertCan(actor, "account:self");
  const { secondFactor } = await verifyStepUp(
    actor,
    { currentPassword: input.currentPassword, code: input.code },
    { client, purpose: "account.recovery_codes" },
    now,
  );
  const codes = generateRecoveryCodes();
  await db().$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId: actor.userId, codeHash: hashRecoveryCode(code) })) });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "account.recovery_codes_regenerated",
      targetType: "user",
      targetId: actor.userId,
      meta: { secondFactor },
    });
  });
  return codes;
}

/**
 * The zone the user's days and appointment times follow; null follows the organisation's (ADR 030).
 * Audited like the language, with the value: a staff preference, not case data.
 */
export async function setTimeZone(actor: Actor, timeZone: string | null): Promise<void> {
  assertCan(actor, "account:self");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { timeZone } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "account.time_zone_changed",
      targetType: "user",
      targetId: actor.userId,
      meta: { timeZone },
    });
  });
}

export async function setLocale(actor: Actor, locale: "en" | "ru"): Promise<void> {
  assertCan(actor, "account:self");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { locale } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "account.locale_changed",
      targetType: "user",
      targetId: actor.userId,
      meta: { locale },
    });
  });
}
