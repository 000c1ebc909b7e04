"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { bulkReassign } from "@/lib/cases/reassignment";
import { requireForm, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { CaseCodeSchema, UuidSchema } from "@/lib/validation/atoms";

const SelectedCase = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const [code, version] = value.split(":");
    const parsed = z.object({ code: CaseCodeSchema, version: z.coerce.number().int().min(1) }).safeParse({ code, version });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "invalid_selection" });
      return z.NEVER;
    }
    return parsed.data;
  });

const BulkReassignSchema = z.object({
  cases: z.array(SelectedCase).min(1, { error: "nothing_selected" }).max(500, { error: "too_many" }),
  assigneeId: UuidSchema,
});

export async function bulkReassignAction(_: ActionState<{ moved: number }>, form: FormData): Promise<ActionResult<{ moved: number }>> {
  return runFormAction(form, async () => {
    const actor = await requireActor("case:bulkReassign");
    const fields = requireForm(form);
    const input = BulkReassignSchema.parse({ cases: fields.getAll("cases"), assigneeId: fields.get("assigneeId") });
    const result = await bulkReassign(actor, input);
    revalidatePath("/cases");
    revalidatePath("/dashboard");
    return { ok: true, data: result };
  });
}
