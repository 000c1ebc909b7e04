import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import type { ClientInfo } from "./client-info";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { SignInInput } from "./schemas";
import { checkSecondFactor } from "./second-factor";
import { createSession } from "./sessions";
import { attemptSucceeded, countSignInAttempt, throttleKeys } from "./throttle";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Checks e-mail, password and second factor and opens a new session (a new id at every sign-in).
 * An account without an enrolled second factor cannot sign in at all: a password alone never leads
 * to enrolment (whoever learnt it could enrol their own device). New and reset accounts enrol
 * through an invitation or recovery link used with its activation code (ADR 013).
 * Every refusal looks the same to the client ("invalid"), whether the account is unknown, the
 * password wrong, the code wrong or replayed, or the account deactivated; an unknown e-mail still
 * costs one argon2 verification. Only the throttle answers differently, and it counts unknown
 * e-mails too.
 */

export type SignInResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" | "throttled" | "suspended"; retryAfterSeconds?: number };

type FailureReason =
  "unknown_account" | "bad_password" | "deactivated" | "not_enrolled" | "code_missing" | "bad_code" | "replayed_code" | "suspended";

export async function signInWithPassword(input: SignInInput, client: ClientInfo, now = new Date()): Promise<SignInResult> {
  const keys = throttleKeys(input.email, client.network);
  const attempt = await countSignInAttempt(keys, now);
  if (!attempt.allowed) {
    await db().$transaction((tx) =>
      appendAudit(tx, { actorId: null, action: "auth.sign_in_throttled", targetType: "user", meta: { network: client.network } }),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }

  const user = await db().user.findUnique({
    where: { email: input.email },
    select: {
      id: true,
      status: true,
      suspendedAt: true,
      passwordHash: true,
      totpSecretEnc: true,
      totpEnrolledAt: true,
      totpLastStep: true,
    },
  });

  // The attempt was already counted as a failure by countSignInAttempt.
  const fail = async (reason: FailureReason, userId: string | null): Promise<SignInResult> => {
    await db().$transaction((tx) =>
      appendAudit(tx, {
        actorId: null,
        action: "auth.sign_in_failed",
        targetType: "user",
        targetId: userId,
        meta: { reason, network: client.network },
      }),
    );
    return { ok: false, reason: "invalid" };
  };

  if (!user) {
    await verifyAgainstDummy(input.password);
    return fail("unknown_account", null);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return fail("bad_password", user.id);
  if (user.status !== "ACTIVE") return fail("deactivated", user.id);

  // Answered like a wrong password: whoever holds only the password learns nothing about the account.
  if (!user.totpEnrolledAt || !user.totpSecretEnc) return fail("not_enrolled", user.id);
  if (!input.code) return fail("code_missing", user.id);
  const secondFactor = await checkSecondFactor(user.id, user.totpSecretEnc, input.code, now);
  if (secondFactor !== "totp" && secondFactor !== "recovery_code") return fail(secondFactor, user.id);
  // Only someone holding the password and the second factor learns that the account is suspended
  // (after a reading alert): the owner needs to know to ask a coordinator; nobody else gets this far.
  if (user.suspendedAt) {
    await fail("suspended", user.id);
    return { ok: false, reason: "suspended" };
  }

  await attemptSucceeded(keys);
  const session = await db().$transaction(async (tx) => {
    const created = await createSession(
      tx,
      { userId: user.id, enrolmentOnly: false, client: client.label, networkHint: client.network },
      now,
    );
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    await appendAudit(tx, {
      actorId: user.id,
      action: "auth.sign_in",
      targetType: "session",
      targetId: created.idHash.slice(0, 16),
      meta: { secondFactor, client: client.label, network: client.network },
    });
    return created;
  });
  return { ok: true, sessionId: session.sessionId, userId: user.id };
}
