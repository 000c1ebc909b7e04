import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { ForbiddenError, InvalidInputError, TooManyRequestsError, UnauthenticatedError } from "@/lib/errors";
import type { Actor } from "@/lib/access/actor";
import type { ClientInfo } from "./client-info";
import { verifyPassword } from "./password";
import { checkSecondFactor } from "./second-factor";
import { revokeSession } from "./sessions";
import { attemptSucceeded, clearSessionStepUpFailures, countSessionStepUpFailure, countSignInAttempt, throttleKeys } from "./throttle";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Step-up: before a change that would let whoever holds a session keep the account or shut its
 * owner out (a new password, new recovery codes, ending every session; admin actions next), the
 * session proves again that the person holds the second factor: a *fresh* authenticator code, one
 * of a later 30-second step than any the account has used (at sign-in or at an earlier step-up, the
 * same `totp_last_step` rule as sign-in), or an unused recovery code, which this consumes. Callers
 * that also ask for the current password pass it here, so it is checked under the same throttle.
 *
 * - Throttled like sign-in, under the same keys (lib/auth/throttle.ts: the account from this
 *   network, the account, the network): from a stolen session, guessing the password or a code is
 *   no faster than at the sign-in page, and both count towards the same limits.
 * - A session that fails STEP_UP_SESSION_FAILURES times is ended: a stolen session gets a handful
 *   of guesses, then needs a full sign-in, which its thief cannot do.
 * - Audited (failures, throttling, the ended session) with the purpose and the network, never the
 *   password or the code. A success is recorded by the caller's own entry for the change.
 *
 * Malformed codes never reach this function: StepUpCodeSchema (lib/auth/step-up-code.ts) refuses
 * them in the form's schema, before anything is counted or checked.
 */

export const STEP_UP_SESSION_FAILURES = 5;

export interface StepUpProof {
  /** A 6-digit code or a recovery code, as parsed by StepUpCodeSchema. */
  code: string;
  /** The current password, when the change also asks for it. */
  currentPassword?: string;
}

export interface StepUpContext {
  /** The request's client (lib/auth/session.ts: requestClient()), for the throttle and the audit entry. */
  client: ClientInfo;
  /** What the step-up guards, a dotted name for the audit log, e.g. `account.password_change`. */
  purpose: string;
}

export type StepUpFailure = "bad_password" | "bad_code" | "replayed_code" | "not_enrolled";

/**
 * Checks the proof for the actor's session. Resolves with the kind of second factor used; throws
 * - InvalidInputError `wrong_password` (field `currentPassword`) or `step_up_code_invalid` (field
 *   `code`: wrong, already used or a used recovery code alike) for a failed check;
 * - TooManyRequestsError `too_many_attempts` while the throttle holds (nothing is checked);
 * - UnauthenticatedError `step_up_session_ended` when this failure ended the session: the caller
 *   clears the cookie and sends the person to the sign-in page.
 */
export async function verifyStepUp(
  actor: Actor,
  proof: StepUpProof,
  context: StepUpContext,
  now = new Date(),
): Promise<{ secondFactor: "totp" | "recovery_code" }> {
  const network = context.client.network;
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { email: true, passwordHash: true, totpSecretEnc: true, totpEnrolledAt: true },
  });
  const keys = throttleKeys(user.email, network);
  const attempt = await countSignInAttempt(keys, now);
  if (!attempt.allowed) {
    await db().$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        action: "auth.step_up_throttled",
        targetType: "user",
        targetId: actor.userId,
        meta: { purpose: context.purpose, network },
      }),
    );
    throw new TooManyRequestsError("too_many_attempts", attempt.retryAfterSeconds);
  }

  let failure: StepUpFailure;
  if (proof.currentPassword !== undefined && !(await verifyPassword(user.passwordHash, proof.currentPassword))) {
    // The code is not looked at: a wrong password never uses up a code.
    failure = "bad_password";
  } else if (!user.totpSecretEnc || !user.totpEnrolledAt) {
    failure = "not_enrolled";
  } else {
    const verdict = await checkSecondFactor(actor.userId, user.totpSecretEnc, proof.code, now);
    if (verdict === "totp" || verdict === "recovery_code") {
      await attemptSucceeded(keys);
      await clearSessionStepUpFailures(actor.sessionIdHash);
      return { secondFactor: verdict };
    }
    failure = verdict;
  }

  const failures = await countSessionStepUpFailure(actor.sessionIdHash, now);
  const meta = { purpose: context.purpose, reason: failure, network };
  if (failures >= STEP_UP_SESSION_FAILURES) {
    await db().$transaction(async (tx) => {
      await revokeSession(tx, actor.sessionIdHash, now);
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "auth.step_up_session_ended",
        targetType: "session",
        targetId: actor.sessionIdHash.slice(0, 16),
        meta: { ...meta, failures },
      });
    });
    throw new UnauthenticatedError("step_up_session_ended");
  }
  await db().$transaction((tx) =>
    appendAudit(tx, { actorId: actor.userId, action: "auth.step_up_failed", targetType: "user", targetId: actor.userId, meta }),
  );
  if (failure === "bad_password") throw new InvalidInputError("wrong_password", { currentPassword: ["wrong_password"] });
  throw new InvalidInputError("step_up_code_invalid", { code: ["step_up_code_invalid"] });
}

/** Step-up by the second factor alone: a fresh authenticator code or an unused recovery code. */
export function verifyFreshCode(
  actor: Actor,
  code: string,
  context: StepUpContext,
  now = new Date(),
): Promise<{ secondFactor: "totp" | "recovery_code" }> {
  return verifyStepUp(actor, { code }, context, now);
}

/**
 * Security actions (managing accounts and invitations, ending others' sessions, approving access,
 * changing a country's risk): a session may take them for SECURITY_STEP_UP_MINUTES after it proved
 * a fresh code (confirmForSecurityActions), and only that session. A fresh code per click would
 * make an admin wait 30 seconds between two rows; a short window per session keeps the point of
 * step-up — a session stolen or left open is not enough — without that. Checked in the data-access
 * layer against the session row read for this request (Actor.steppedUpAt).
 */
export const SECURITY_STEP_UP_MINUTES = 10;

/** Until when the actor's session may take security actions, or null when it must step up first. */
export function securityStepUpUntil(actor: Actor, now = new Date()): Date | null {
  if (!actor.steppedUpAt) return null;
  const until = new Date(actor.steppedUpAt.getTime() + SECURITY_STEP_UP_MINUTES * 60_000);
  return until > now ? until : null;
}

/** Refuses a security action (403 `step_up_required`) unless the session stepped up within the window. */
export function assertSteppedUp(actor: Actor, now = new Date()): void {
  if (!securityStepUpUntil(actor, now)) throw new ForbiddenError("step_up_required");
}

/**
 * The session proves a fresh code (verifyFreshCode: throttled, audited, ends the session after
 * repeated failures) and may then take security actions until the returned time. Audits
 * `auth.stepped_up` with the kind of factor used.
 */
export async function confirmForSecurityActions(
  actor: Actor,
  code: string,
  client: ClientInfo,
  now = new Date(),
): Promise<{ until: Date }> {
  const { secondFactor } = await verifyFreshCode(actor, code, { client, purpose: "security.actions" }, now);
  await db().$transaction(async (tx) => {
    const updated = await tx.session.updateMany({ where: { idHash: actor.sessionIdHash, revokedAt: null }, data: { steppedUpAt: now } });
    if (updated.count !== 1) throw new UnauthenticatedError();
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "auth.stepped_up",
      targetType: "user",
      targetId: actor.userId,
      meta: { secondFactor, network: client.network },
    });
  });
  actor.steppedUpAt = now;
  return { until: new Date(now.getTime() + SECURITY_STEP_UP_MINUTES * 60_000) };
}
