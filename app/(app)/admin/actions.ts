"use server";

import { revalidatePath } from "next/cache";
import { requestClient, requireActor } from "@/lib/auth/session";
import { confirmForSecurityActions } from "@/lib/auth/step-up";
import { afterStepUp } from "@/lib/auth/step-up-action";
import { SecurityStepUpSchema } from "@/lib/auth/step-up-code";
import { formObject, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";

/** Confirms this session for security actions with a fresh code (the panel on the admin pages). */
export async function confirmSecurityActionsAction(
  _: ActionState<{ until: string }>,
  form: FormData,
): Promise<ActionResult<{ until: string }>> {
  return afterStepUp(
    await runFormAction(form, async () => {
      const actor = await requireActor();
      const { until } = await confirmForSecurityActions(actor, SecurityStepUpSchema.parse(formObject(form)).code, await requestClient());
      revalidatePath("/admin", "layout");
      return { ok: true, data: { until: until.toISOString() } };
    }),
  );
}
