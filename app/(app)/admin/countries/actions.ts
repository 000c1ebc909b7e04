"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { SetCountryRiskSchema, setCountryRisk } from "@/lib/countries/risk";
import { formObject, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";

export async function setCountryRiskAction(
  _: ActionState<{ changed: boolean; pending: boolean }>,
  form: FormData,
): Promise<ActionResult<{ changed: boolean; pending: boolean }>> {
  return runFormAction(form, async () => {
    const actor = await requireActor("country:manage");
    const result = await setCountryRisk(actor, SetCountryRiskSchema.parse(formObject(form)));
    revalidatePath("/admin/countries");
    return { ok: true, data: result };
  });
}
