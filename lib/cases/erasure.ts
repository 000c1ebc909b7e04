import "server-only";
import { createAccessRequest } from "@/lib/approvals/requests";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { caseScope } from "./scope";
import { shredCase } from "./shred";
import { caseEvent, mutateCase } from "./write-pipeline";
import type { RequestErasureInput } from "./erasure-schemas";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Erasing one case now (issue 19): a person asks to be forgotten, or is detained and their phone
 * taken. A coordinator asks; a second coordinator (not the one who asked, with a fresh code)
 * approves on the approvals page (lib/users/approvals.ts), and the case is destroyed in that
 * transaction exactly as the retention purge destroys it (lib/cases/shred.ts). No single person,
 * and no stolen session, can destroy a case: a mistaken or malicious erasure needs two.
 *
 * The request is a change of the case (version, timeline "erasure requested", its audit entry linked
 * to it), so the case's own people see it while it waits; the request row names the case only until
 * the case is gone.
 */
export async function requestCaseErasure(actor: Actor, input: RequestErasureInput): Promise<void> {
  await mutateCase(actor, input, "case:erase", async (tx, current, now) => {
    await createAccessRequest(tx, actor, { kind: "CASE_ERASURE", caseId: current.id }, now);
    return { events: [caseEvent("ERASURE_REQUESTED")], audit: { action: "case.erasure_requested", fields: [] }, result: undefined };
  });
}

export interface PendingErasure {
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
}

/** The erasure waiting for a second coordinator on this case, for the case page of those who may ask. */
export async function getPendingErasure(actor: Actor, code: string, now = new Date()): Promise<PendingErasure | null> {
  assertCan(actor, "case:erase");
  const request = await db().accessRequest.findFirst({
    where: { kind: "CASE_ERASURE", status: "PENDING", expiresAt: { gt: now }, case: { is: { code, ...caseScope(actor) } } },
    select: { createdAt: true, expiresAt: true, requestedBy: { select: { email: true } } },
  });
  return request ? { requestedBy: request.requestedBy.email, requestedAt: request.createdAt, expiresAt: request.expiresAt } : null;
}

/** Applies an approved erasure, in the approving transaction. The approver must see the case too. */
export async function applyCaseErasure(tx: Tx, approver: Actor, caseId: string | null): Promise<void> {
  const erased =
    caseId !== null &&
    (await shredCase(tx, { id: caseId, AND: [caseScope(approver)] }, { actorId: approver.userId, action: "case.erased" }));
  // Purged meanwhile (a request forgets its case when the case goes), or outside the approver's scope.
  if (!erased) throw new ConflictError("case_gone");
}
