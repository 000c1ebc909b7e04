import "server-only";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { approveAccessRequest } from "@/lib/users/approvals";
import { actorFor, createUser } from "./factories";

/**
 * The second person of the two-person rule, for tests whose subject is something else (accepting an
 * invitation, the last-admin rule, the audit trail): finds the pending access request about an
 * invitation, an account, a country or a case and has a coordinator approve it through the data-access layer.
 */

export type RequestAbout = { inviteId: string } | { subjectId: string } | { countryCode: string } | { caseId: string };

/** The id of the newest pending access request about the invitation or account. */
export async function pendingRequestId(about: RequestAbout): Promise<string> {
  const request = await db().accessRequest.findFirstOrThrow({
    where: { ...about, status: "PENDING" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return request.id;
}

/**
 * A coordinator (a new one unless `by` is given) approves the pending request; returns who did and,
 * for an invitation or a reset, the activation code the approver was shown.
 */
export async function approveAsCoordinator(
  about: RequestAbout,
  options: { by?: Actor; now?: Date } = {},
): Promise<{ requestId: string; approver: Actor; activationCode: string | null }> {
  const requestId = await pendingRequestId(about);
  const approver = options.by ?? (await actorFor(await createUser({ role: "COORDINATOR" })));
  // Approving is a security action: the approver has just stepped up, at the test's time.
  const { activationCode } = await approveAccessRequest({ ...approver, steppedUpAt: options.now ?? new Date() }, requestId, options.now);
  return { requestId, approver, activationCode };
}
