"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { createCaseFromIntake } from "@/lib/cases/mutations";
import { IntakeSchema } from "@/lib/cases/schemas";
import { formObject, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";

export async function createCaseAction(_: ActionState<{ code: string }>, form: FormData): Promise<ActionResult<{ code: string }>> {
  const result = await runFormAction(form, async () => {
    const actor = await requireActor("case:create");
    const created = await createCaseFromIntake(actor, IntakeSchema.parse(formObject(form)));
    return { ok: true, data: created };
  });
  if (result.ok && result.data) redirect(`/cases/${result.data.code}?created=1`);
  return result;
}
