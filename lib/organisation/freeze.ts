import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { createAccessRequest } from "@/lib/approvals/requests";
import { appendAudit } from "@/lib/audit/append";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Freezing the organisation (issue 19): when a phone or laptop is seized or an account is believed
 * taken, one coordinator stops every path that shows or moves case data, for everyone and at once:
 * case pages, contact reveals, exports and changes of cases are refused (lists stay, so the team
 * can see what it has; asking to erase a case stays, because that is what a seizure may call for).
 * Freezing narrows, so one person may do it; lifting widens again, so it takes two: a coordinator
 * asks and another approves with a fresh code (lib/users/approvals.ts).
 *
 * The state is one row (`organisation_state`), read with every session check (lib/auth/sessions.ts)
 * into the actor; the data-access layer refuses through `assertNotFrozen`.
 */

export async function freezeOrganisation(actor: Actor, now = new Date()): Promise<void> {
  assertCan(actor, "org:freeze");
  await db().$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE organisation_state SET frozen_since = ${now}, frozen_by_id = ${actor.userId}::uuid WHERE id = 1 AND frozen_since IS NULL`;
    if (count === 0) throw new ConflictError("already_frozen");
    await appendAudit(tx, { actorId: actor.userId, action: "org.frozen", targetType: "system" });
  });
}

/** A coordinator asks for the freeze to be lifted; another approves it at /admin/approvals. */
export async function requestFreezeLift(actor: Actor, now = new Date()): Promise<void> {
  assertCan(actor, "org:freeze");
  await db().$transaction(async (tx) => {
    const state = await tx.organisationState.findUnique({ where: { id: 1 }, select: { frozenSince: true } });
    if (!state?.frozenSince) throw new ConflictError("not_frozen");
    await createAccessRequest(tx, actor, { kind: "FREEZE_LIFT" }, now);
  });
}

/** Applies an approved lift, in the approving transaction. */
export async function applyFreezeLift(tx: Tx, approverId: string): Promise<void> {
  const count = await tx.$executeRaw`
    UPDATE organisation_state SET frozen_since = NULL, frozen_by_id = NULL WHERE id = 1 AND frozen_since IS NOT NULL`;
  if (count === 0) throw new ConflictError("not_frozen");
  await appendAudit(tx, { actorId: approverId, action: "org.unfrozen", targetType: "system" });
}

export interface FreezeState {
  since: Date;
  by: string | null;
  /** Whether a lift waits for a second coordinator. */
  liftRequested: boolean;
}

/** The freeze as the page about it shows it (null: not frozen). */
export async function getFreezeState(actor: Actor, now = new Date()): Promise<FreezeState | null> {
  assertCan(actor, "org:freeze");
  const state = await db().organisationState.findUnique({
    where: { id: 1 },
    select: { frozenSince: true, frozenBy: { select: { email: true } } },
  });
  if (!state?.frozenSince) return null;
  const lift = await db().accessRequest.findFirst({
    where: { kind: "FREEZE_LIFT", status: "PENDING", expiresAt: { gt: now } },
    select: { id: true },
  });
  return { since: state.frozenSince, by: state.frozenBy?.email ?? null, liftRequested: lift !== null };
}

/** Refuses what a freeze stops. The actor carries the state its session check read. */
export function assertNotFrozen(actor: Actor): void {
  if (actor.frozenSince) throw new ConflictError("frozen");
}
