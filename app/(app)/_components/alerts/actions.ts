"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearReadingAlert } from "@/lib/alerts/queries";
import { requireActor } from "@/lib/auth/session";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { UuidSchema } from "@/lib/validation/atoms";

/** Clearing a reading alert, from the dashboard or the audit page (both show the alerts). */
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
