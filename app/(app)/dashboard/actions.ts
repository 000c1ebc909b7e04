"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { reassignAllOpenCases } from "@/lib/cases/workload";
import { formObject, runFormAction } from "@/lib/errors/action";
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
