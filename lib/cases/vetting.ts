import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { caseEvent, mutateCase } from "./write-pipeline";
import type { ResolveConcernInput, SignOffInput } from "./record-schemas";
import { vettingBlock, vettingState, type SignOffFacts } from "./vetting-rules";

/**
 * Verification sign-offs (the two-person rule for vouching for a person). Each goes through
 * mutateCase: scoped, version-checked, in the timeline, audited. The case's `vettingState` column
 * follows every change so the case list can filter cases waiting for a second sign-off.
 */

export async function signOffFacts(tx: Tx, caseId: string): Promise<SignOffFacts[]> {
  const rows = await tx.verificationSignOff.findMany({
    where: { caseId },
    select: { authorId: true, authorRole: true, outcome: true, resolvedAt: true },
  });
  return rows.map((r) => ({ authorId: r.authorId, authorRole: r.authorRole, outcome: r.outcome, resolved: r.resolvedAt !== null }));
}

/** Why the case cannot leave VERIFYING yet (for changeStatus), or null. */
export async function vettingBlockFor(tx: Tx, caseId: string) {
  return vettingBlock(await signOffFacts(tx, caseId));
}

/** Records the actor's sign-off on a case in VERIFYING (one per person). */
export async function signOffVerification(actor: Actor, input: SignOffInput): Promise<{ state: string }> {
  return mutateCase(actor, input, "case:verify", async (tx, current, now, key) => {
    if (current.status !== "VERIFYING") throw new ConflictError("not_verifying");
    if (
      await tx.verificationSignOff.findUnique({
        where: { caseId_authorId: { caseId: current.id, authorId: actor.userId } },
        select: { id: true },
      })
    ) {
      throw new ConflictError("already_signed_off");
    }
    const id = randomUUID();
    await tx.verificationSignOff.create({
      data: {
        id,
        caseId: current.id,
        authorId: actor.userId,
        authorRole: actor.role,
        storyConsistent: input.storyConsistent,
        serviceStatusPlausible: input.serviceStatusPlausible,
        noCrimesIndication: input.noCrimesIndication,
        noProvocationSign: input.noProvocationSign,
        outcome: input.outcome,
        remarkEnc: key.seal(caseFieldContext.signOffRemark(id), input.remark),
        createdAt: now,
      },
    });
    const state = vettingState(await signOffFacts(tx, current.id));
    return {
      patch: { vettingState: state },
      events: [caseEvent("VERIFICATION_SIGNED_OFF", { outcome: input.outcome, role: actor.role })],
      audit: { action: "case.verification_signed_off", fields: ["signOffs"] },
      result: { state },
    };
  });
}

/** A coordinator resolves a concern raised in a sign-off, so it no longer blocks the case. */
export async function resolveConcern(actor: Actor, input: ResolveConcernInput): Promise<{ state: string }> {
  return mutateCase(actor, input, "case:resolveConcern", async (tx, current, now) => {
    const { count } = await tx.verificationSignOff.updateMany({
      where: { id: input.signOffId, caseId: current.id, outcome: "CONCERNS", resolvedAt: null },
      data: { resolvedAt: now, resolvedById: actor.userId },
    });
    if (count === 0) throw new NotFoundError("sign_off");
    const state = vettingState(await signOffFacts(tx, current.id));
    return {
      patch: { vettingState: state },
      events: [caseEvent("CONCERN_RESOLVED")],
      audit: { action: "case.concern_resolved", fields: ["signOffs"] },
      result: { state },
    };
  });
}
