"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { approveAccessRequest, rejectAccessRequest } from "@/lib/users/approvals";
import { UuidSchema } from "@/lib/validation/atoms";

const DecisionSchema = z.object({ requestId: UuidSchema });

export async function approveRequestAction(_: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("access:approve");
    await approveAccessRequest(actor, DecisionSchema.parse(formObject(form)).requestId);
    revalidatePath("/admin/approvals");
    return { ok: true };
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
