"use server";

import { requireActor } from "@/lib/auth/session";
import { formAction } from "@/lib/errors/action";
import { approveAccessRequest, rejectAccessRequest } from "@/lib/users/approvals";
import { AccessDecisionSchema } from "@/lib/users/schemas";

/** For an invitation or a reset, the activation code: returned to this approver only, once. */
export const approveRequestAction = formAction({
  actor: () => requireActor("access:approve"),
  schema: AccessDecisionSchema,
  run: async ({ requestId }, actor) => ({ activationCode: (await approveAccessRequest(actor, requestId)).activationCode }),
  revalidate: () => ["/admin/approvals"],
});

export const rejectRequestAction = formAction({
  actor: () => requireActor("access:approve"),
  schema: AccessDecisionSchema,
  run: async ({ requestId }, actor) => {
    await rejectAccessRequest(actor, requestId);
  },
  revalidate: () => ["/admin/approvals"],
});
