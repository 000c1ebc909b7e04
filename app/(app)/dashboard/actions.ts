"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearReadingAlert } from "@/lib/alerts/queries";
import { requireActor } from "@/lib/auth/session";
import { reassignAllOpenCases } from "@/lib/cases/workload";
import { formObject, runAction, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { UuidSchema } from "@/lib/validation/atoms";

const ReassignAllSchema = z.object({ fromId: z.union([UuidSchema, z.literal("none")]), assigneeId: UuidSchema });

export async function reassignAllAction(_: ActionState<{ moved: number }>, form: FormData): Promise<ActionResult<{ moved: number }>> {
  return runFormAction(form, async () => {
    const actor = await requireActor("case:bulkReassign");
    const input = ReassignAllSchema.parse(formObject(form));
    const result = await reassignAllOpenCases(actor, { fromId: input.fromId === "none" ? null : input.fromId, assigneeId: input.assigneeId });
    revalidatePath("/dashboard");
    revalidatePath("/cases");
    return { ok: true, data: result };
  });
}

const ClearAlertSchema = z.object({ alertId: UuidSchema });

export async function clearReadingAlertAction(_: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("alerts:clear");
    await clearReadingAlert(actor, ClearAlertSchema.parse(formObject(form)).alertId);
    // The banner in the navigation of every signed-in page counts open alerts.
    revalidatePath("/", "layout");
    return { ok: true };
  });
}
