import "server-only";
import { notify } from "@/lib/notifications/notify";
import { assertCan, type Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { contactIndex } from "./contact-index";
import { flagPossibleDuplicate } from "./duplicates";
import { caseEvent, mutateCase } from "./write-pipeline";
import { assertAssignableCaseworker, handOverOpenTasks } from "./assignees";
import { caseCapabilities, intakeAssignsToSelf } from "./capabilities";
import { insertIntakeCase } from "./intake";
import { legalFactsOf } from "./legal-facts";
import { assessLegalRisk, higherRisk } from "./legal-risk-rules";
import type { AssignCaseInput, ChangeStatusInput, CloseCaseInput, IntakeInput, UpdateProfileInput } from "./schemas";
import { checkTransition } from "./transitions";
import { vettingBlockFor } from "./vetting";
import { assertNotFrozen } from "@/lib/organisation/freeze";

/**
 * Changing a case's own row: intake, profile, status (forward, close, reopen), assignment, contact
 * channel (legal exposure: legal.ts). Each goes through mutateCase (scope, version, events, audit).
 */

/**
 * Intake: a new case with a fresh random code. A caseworker's case is assigned to them; a
 * coordinator names an active caseworker.
 */
export async function createCaseFromIntake(actor: Actor, input: IntakeInput): Promise<{ code: string }> {
  assertCan(actor, "case:create");
  assertNotFrozen(actor);
  let assigneeId: string;
  if (intakeAssignsToSelf(actor)) {
    assigneeId = actor.userId;
  } else {
    if (!input.assigneeId) throw new InvalidInputError("invalid_assignee", { assigneeId: ["required"] });
    await assertAssignableCaseworker(input.assigneeId);
    assigneeId = input.assigneeId;
  }
  return insertIntakeCase(actor, input, assigneeId);
}

/** The profile. The risk level cannot go below what the legal risk rules call for (legal-risk-rules.ts). */
export async function updateProfile(actor: Actor, input: UpdateProfileInput): Promise<{ riskHeldByRules: boolean }> {
  return mutateCase(actor, input, "case:update", async (tx, current) => {
    if (!caseCapabilities(actor, current).edit) throw new ConflictError("case_closed");
    const riskLevel = higherRisk(input.riskLevel, assessLegalRisk(await legalFactsOf(tx, current.id)).level);
    const fields = (["ageBand", "serviceCategory", "peopleTravelling", "language", "riskLevel"] as const).filter((f) =>
      f === "riskLevel" ? riskLevel !== current.riskLevel : true,
    );
    return {
      patch: {
        ageBand: input.ageBand,
        serviceCategory: input.serviceCategory,
        peopleTravelling: input.peopleTravelling,
        language: input.language,
        riskLevel,
      },
      events: [
        caseEvent("PROFILE_UPDATED"),
        ...(riskLevel !== current.riskLevel ? [caseEvent("RISK_CHANGED", { from: current.riskLevel, to: riskLevel })] : []),
      ],
      audit: { action: "case.profile_updated", fields: fields.includes("riskLevel") ? ["profile", "riskLevel"] : ["profile"] },
      result: { riskHeldByRules: riskLevel !== input.riskLevel },
    };
  });
}

/** A forward move in the workflow (not closing or reopening; those have their own functions). */
export async function changeStatus(actor: Actor, input: ChangeStatusInput): Promise<void> {
  await mutateCase(actor, input, "case:changeStatus", async (tx, current, now) => {
    const check = checkTransition(current.status, input.to, actor.role, current.statusBeforeClose);
    if (!check.allowed || check.kind !== "forward") throw new ConflictError("transition_not_allowed");
    // Vouching for a person takes two people: see lib/cases/vetting-rules.ts.
    if (current.status === "VERIFYING") {
      const block = await vettingBlockFor(tx, current.id);
      if (block) throw new ConflictError(block);
    }
    await tx.caseStatusChange.create({
      data: { caseId: current.id, fromStatus: current.status, toStatus: input.to, at: now, actorId: actor.userId },
    });
    return {
      patch: { status: input.to, statusChangedAt: now },
      events: [caseEvent("STATUS_CHANGED", { from: current.status, to: input.to })],
      audit: { action: "case.status_changed", fields: ["status"] },
      result: undefined,
    };
  });
}

export async function closeCase(actor: Actor, input: CloseCaseInput): Promise<void> {
  await mutateCase(actor, input, "case:close", async (tx, current, now, key) => {
    const check = checkTransition(current.status, "CLOSED", actor.role, current.statusBeforeClose);
    if (!check.allowed) throw new ConflictError("transition_not_allowed");
    await tx.caseStatusChange.create({
      data: { caseId: current.id, fromStatus: current.status, toStatus: "CLOSED", at: now, actorId: actor.userId },
    });
    return {
      patch: {
        status: "CLOSED",
        statusChangedAt: now,
        statusBeforeClose: current.status,
        closeReason: input.reason,
        closeReasonTextEnc: key.seal(caseFieldContext.closeReasonText(current.id), input.reasonText),
        closedAt: now,
      },
      events: [caseEvent("STATUS_CHANGED", { from: current.status, to: "CLOSED", reason: input.reason })],
      audit: { action: "case.closed", fields: ["status", "closeReason"] },
      result: undefined,
    };
  });
}

/** Reopens a closed case to the status it was closed from (coordinators only). */
export async function reopenCase(actor: Actor, input: { code: string; version: number }): Promise<void> {
  await mutateCase(actor, input, "case:reopen", async (tx, current, now) => {
    // A merged case lives on in the case it went into (ADR 031).
    if (current.closeReason === "MERGED") throw new ConflictError("case_merged");
    const to = current.statusBeforeClose;
    const check = to ? checkTransition(current.status, to, actor.role, to) : null;
    if (!to || !check?.allowed || check.kind !== "reopen") throw new ConflictError("transition_not_allowed");
    await tx.caseStatusChange.create({ data: { caseId: current.id, fromStatus: "CLOSED", toStatus: to, at: now, actorId: actor.userId } });
    return {
      patch: { status: to, statusChangedAt: now, statusBeforeClose: null, closeReason: null, closeReasonTextEnc: null, closedAt: null },
      events: [caseEvent("STATUS_CHANGED", { from: "CLOSED", to, reopened: true })],
      audit: { action: "case.reopened", fields: ["status", "closeReason"] },
      result: undefined,
    };
  });
}

/**
 * Coordinators assign a case to an active caseworker; the previous assignee loses access at once,
 * and the open tasks they owned go to the new one.
 */
export async function assignCase(actor: Actor, input: AssignCaseInput): Promise<void> {
  // Permission first (as in mutateCase): a role that may not assign learns nothing about users.
  assertCan(actor, "case:assign");
  await assertAssignableCaseworker(input.assigneeId);
  await mutateCase(actor, input, "case:assign", async (tx, current) => {
    if (current.assignedToId === input.assigneeId) throw new ConflictError("already_assigned");
    await handOverOpenTasks(tx, current.id, current.assignedToId, input.assigneeId);
    await notify(tx, actor.userId, [{ userId: input.assigneeId, kind: "CASE_ASSIGNED", caseId: current.id }]);
    return {
      patch: { assignedToId: input.assigneeId },
      events: [caseEvent("ASSIGNED", { from: current.assignedToId, to: input.assigneeId })],
      audit: { action: "case.assigned", fields: ["assignee"] },
      result: undefined,
    };
  });
}

/** Replaces the contact channel (assigned caseworker only, like reading it). */
export async function updateContactChannel(actor: Actor, input: { code: string; version: number; contactChannel: string }): Promise<void> {
  await mutateCase(actor, input, "case:revealContact", async (tx, current, now, key) => {
    if (!caseCapabilities(actor, current).revealContact) throw new ConflictError("not_assigned");
    // A merged case stays out of the duplicate index (ADR 031).
    const index = current.closeReason === "MERGED" ? null : contactIndex(input.contactChannel);
    await flagPossibleDuplicate(tx, actor.userId, current.id, index, now);
    return {
      patch: { contactChannelEnc: key.seal(caseFieldContext.contactChannel(current.id), input.contactChannel), contactIndex: index },
      events: [caseEvent("CONTACT_UPDATED", {})],
      audit: { action: "case.contact_updated", fields: ["contactChannel"] },
      result: undefined,
    };
  });
}
