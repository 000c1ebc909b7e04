"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { approveAccessRequest, rejectAccessRequest } from "@/lib/users/approvals";
import { UuidSchema } from "@/lib/validation/atoms";

const DecisionSchema = z.object({ requestId: UuidSchema });

/** For an invitation or a reset, the activation code: returned to this approver only, once. */
export async function approveRequestAction(
  _: ActionState<{ activationCode: string | null }>,
  form: FormData,
): Promise<ActionResult<{ activationCode: string | null }>> {
  return runAction(async () => {
    const actor = await requireActor("access:approve");
    const { activationCode } = await approveAccessRequest(actor, DecisionSchema.parse(formObject(form)).requestId);
    revalidatePath("/admin/approvals");
    return { ok: true, data: { activationCode } };
  });
}

export async function rejectRequestAction(_: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("access:approve");
    await rejectAccessRequest(actor, DecisionSchema.parse(formObject(form)).requestId);
    revalidatePath("/admin/approvals");
    return { ok: true };
  });
}
