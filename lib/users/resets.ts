import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { assertSteppedUp } from "@/lib/auth/step-up";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { db, type Tx } from "@/lib/db/client";
import type { RecoveryKind } from "@/lib/db/generated/enums";
import { ConflictError } from "@/lib/errors";
import { lockUserAdministration } from "./administration-lock";
import { createAccessRequest } from "@/lib/approvals/requests";
import { loadTarget } from "./changes";
import { createRecovery } from "./recovery";
import type { UserTargetInput } from "./schemas";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Resets of sign-in, asked for by an admin (ADR 013). Neither ends in a password-only sign-in:
 * each creates a recovery link, returned here once for the admin to pass on, that works only after
 * a coordinator (not the admin, not the person) approves at /admin/approvals and receives its
 * activation code, once, to give to the person in person. Both audited; neither records a link,
 * code or password.
 *
 * Each takes one input object: a future "fresh code" (step-up) check is one more field.
 */

export interface ResetLinkDTO {
  link: string;
  expiresAt: Date;
}

async function requestRecovery(tx: Tx, actor: Actor, userId: string, kind: RecoveryKind, now: Date) {
  await lockUserAdministration(tx);
  const target = await loadTarget(tx, userId);
  const account = await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: { activationPending: true } });
  // An account never completed has no owner to give it back to: revoke its invitation and invite again.
  if (account.activationPending) throw new ConflictError("not_activated");
  if (target.status !== "ACTIVE") throw new ConflictError("account_inactive");
  const recovery = await createRecovery(tx, { userId: target.id, kind, requestedById: actor.userId }, now);
  const request = await createAccessRequest(
    tx,
    actor,
    {
      kind: kind === "PASSWORD" ? "PASSWORD_RESET" : "SECOND_FACTOR_RESET",
      role: target.role,
      subjectId: target.id,
      recoveryId: recovery.id,
    },
    now,
  );
  return { target, recovery, request };
}

/**
 * Removes the user's second factor and recovery codes and ends their sessions at once (a lost or
 * seized phone must stop working now), and asks for a second-factor recovery link. The account
 * cannot be used, nor enrolled by whoever knows its password, until the link and its code are used.
 */
export async function resetSecondFactor(actor: Actor, input: UserTargetInput, now = new Date()): Promise<ResetLinkDTO> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor, now);
  return db().$transaction(async (tx) => {
    const { target, recovery, request } = await requestRecovery(tx, actor, input.userId, "SECOND_FACTOR", now);
    await tx.user.update({ where: { id: target.id }, data: { totpSecretEnc: null, totpEnrolledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    // Every session ends, the admin's own included when they reset themselves.
    const ended = await revokeUserSessions(tx, target.id, {}, now);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "user.second_factor_reset",
      targetType: "user",
      targetId: target.id,
      meta: { sessionsEnded: ended, request },
    });
    return { link: recovery.link, expiresAt: recovery.expiresAt };
  });
}

/** For a forgotten password: asks for a password recovery link. Nothing changes until it is used. */
export async function requestPasswordReset(actor: Actor, input: UserTargetInput, now = new Date()): Promise<ResetLinkDTO> {
  assertCan(actor, "user:manage");
  assertSteppedUp(actor, now);
  return db().$transaction(async (tx) => {
    const { target, recovery, request } = await requestRecovery(tx, actor, input.userId, "PASSWORD", now);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "user.password_reset_requested",
      targetType: "user",
      targetId: target.id,
      meta: { request },
    });
    return { link: recovery.link, expiresAt: recovery.expiresAt };
  });
}
