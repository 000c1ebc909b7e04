import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { assertSteppedUp } from "@/lib/auth/step-up";
import { applyCountryRisk } from "@/lib/countries/apply";
import { applyStayRule } from "@/lib/countries/apply-stay";
import { applyCaseErasure } from "@/lib/cases/erasure";
import { applyFreezeLift } from "@/lib/organisation/freeze";
import { StayChangeSchema } from "@/lib/countries/stay-rule-schemas";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { auditTarget } from "@/lib/approvals/requests";
import { generateActivationCode, hashActivationCode } from "./activation-code";
import { lockUserAdministration } from "./administration-lock";
import { applyDeactivation, applyReactivation, applyRoleChange, loadTarget } from "./changes";
import { LINK_LIFETIME_HOURS_AFTER_APPROVAL } from "./link-token";
import { approveRecovery } from "./recovery";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The two-person rule (ADR 009, 013). These wait for a coordinator who is neither the requester nor
 * the person concerned, within 7 days, and apply in the approving transaction:
 *  - an invitation into any role, a role change that sees more cases or makes an admin, reactivating
 *    any account;
 *  - demoting or deactivating a coordinator when fewer than two active coordinators would remain;
 *  - a second-factor reset and a password reset (their recovery links);
 *  - lowering a country's risk, loosening a country's stay rule;
 *  - erasing one case now (lib/cases/erasure.ts), lifting the organisation's freeze (lib/organisation/freeze.ts).
 * Approving an invitation or a reset returns its activation code, once, for the approver to give to
 * the person in person: the admin holds the link, the approver the code, and neither alone can
 * complete the account. Other narrowing changes stay immediate.
 */

async function loadPending(tx: Tx, actor: Actor, requestId: string, now: Date) {
  // Decisions on one request are serialised: two coordinators cannot both decide it.
  const [request] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM access_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (!request) throw new NotFoundError("access_request");
  const row = await tx.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { invite: { select: { id: true, email: true } } },
  });
  if (row.status !== "PENDING") throw new ConflictError("request_decided");
  if (row.expiresAt <= now) throw new ConflictError("request_expired");
  if (row.requestedById === actor.userId) throw new ConflictError("cannot_approve_own_request");
  if (row.subjectId === actor.userId || (row.invite && row.invite.email === actor.email))
    throw new ConflictError("cannot_approve_about_self");
  return row;
}

/**
 * A coordinator approves: the change takes effect now, in the same transaction. For an invitation
 * or a reset, returns the link's activation code: shown to this approver only, once, never stored
 * in clear and never audited.
 */
export async function approveAccessRequest(actor: Actor, requestId: string, now = new Date()): Promise<{ activationCode: string | null }> {
  assertCan(actor, "access:approve");
  assertSteppedUp(actor, now);
  return db().$transaction(async (tx) => {
    // Taken first, as changeUserRole and deactivateUser do: an approved demotion of an admin and a
    // concurrent demotion or deactivation of the other admin must not both pass the last-admin check.
    await lockUserAdministration(tx);
    const request = await loadPending(tx, actor, requestId, now);
    let activationCode: string | null = null;
    switch (request.kind) {
      case "INVITE": {
        const inviteId = request.inviteId ?? "00000000-0000-0000-0000-000000000000";
        activationCode = generateActivationCode();
        const { count } = await tx.invite.updateMany({
          where: { id: inviteId, acceptedAt: null, revokedAt: null },
          data: {
            approvedAt: now,
            expiresAt: new Date(now.getTime() + LINK_LIFETIME_HOURS_AFTER_APPROVAL * 3_600_000),
            codeHash: hashActivationCode(`invite:${inviteId}`, activationCode),
            codeFailures: 0,
          },
        });
        if (count === 0) throw new ConflictError("invite_gone");
        break;
      }
      case "SECOND_FACTOR_RESET":
      case "PASSWORD_RESET": {
        activationCode = request.recoveryId ? await approveRecovery(tx, request.recoveryId, now) : null;
        if (!activationCode) throw new ConflictError("recovery_gone");
        break;
      }
      case "ROLE_CHANGE": {
        const target = await loadTarget(tx, request.subjectId!);
        await applyRoleChange(tx, actor.userId, target, request.role!, now, request.id);
        break;
      }
      case "REACTIVATION": {
        await applyReactivation(tx, actor.userId, await loadTarget(tx, request.subjectId!), request.id);
        break;
      }
      case "DEACTIVATION": {
        await applyDeactivation(tx, actor.userId, await loadTarget(tx, request.subjectId!), now, request.id);
        break;
      }
      case "COUNTRY_RISK": {
        await applyCountryRisk(
          tx,
          actor.userId,
          { countryCode: request.countryCode!, expectedFrom: request.riskFrom, to: request.riskTo },
          request.id,
        );
        break;
      }
      case "FREEZE_LIFT": {
        await applyFreezeLift(tx, actor.userId);
        break;
      }
      case "CASE_ERASURE": {
        await applyCaseErasure(tx, actor, request.caseId);
        break;
      }
      case "COUNTRY_STAY_RULE": {
        const change = StayChangeSchema.parse(request.stayChange);
        await applyStayRule(
          tx,
          actor.userId,
          {
            countryCode: request.countryCode!,
            expectedFrom: change.from,
            rule: change.to,
            checkedOn: change.checkedOn ? new Date(`${change.checkedOn}T00:00:00.000Z`) : null,
            sourceNote: change.sourceNote,
          },
          now,
          request.id,
        );
        break;
      }
    }
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: "APPROVED", decidedById: actor.userId, decidedAt: now } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "access.approved",
      ...auditTarget(request),
      meta: { request: request.id, kind: request.kind, ...(request.role ? { role: request.role } : {}) },
    });
    return { activationCode };
  });
}

/** A coordinator rejects: nothing changes (a pending invitation or recovery link is revoked). */
export async function rejectAccessRequest(actor: Actor, requestId: string, now = new Date()): Promise<void> {
  assertCan(actor, "access:approve");
  await db().$transaction(async (tx) => {
    const request = await loadPending(tx, actor, requestId, now);
    if (request.kind === "INVITE" && request.inviteId)
      await tx.invite.updateMany({ where: { id: request.inviteId, acceptedAt: null }, data: { revokedAt: now } });
    if (request.recoveryId)
      await tx.accountRecovery.updateMany({ where: { id: request.recoveryId, completedAt: null }, data: { revokedAt: now } });
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: "REJECTED", decidedById: actor.userId, decidedAt: now } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "access.rejected",
      ...auditTarget(request),
      meta: { request: request.id, kind: request.kind, ...(request.role ? { role: request.role } : {}) },
    });
  });
}
