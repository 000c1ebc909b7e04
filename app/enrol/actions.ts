"use server";

import { redirect } from "next/navigation";
import { confirmEnrolment } from "@/lib/auth/enrolment";
import { signOut } from "@/lib/auth/next-auth";
import { TotpCodeSchema } from "@/lib/auth/schemas";
import { getActor } from "@/lib/auth/session";
import { UnauthenticatedError } from "@/lib/errors";
import { requireForm, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { z } from "zod";

const ConfirmSchema = z.object({ code: TotpCodeSchema });

export async function confirmEnrolmentAction(
  _: ActionState<{ recoveryCodes: string[] }>,
  form: FormData,
): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction(async () => {
    const actor = await getActor();
    if (!actor?.enrolmentOnly) throw new UnauthenticatedError();
    const { code } = ConfirmSchema.parse({ code: requireForm(form).get("code") });
    return { ok: true, data: await confirmEnrolment(actor, code) };
  });
}

/** After the recovery codes were shown: clear the (already ended) enrolment session's cookie. */
export async function finishEnrolmentAction(): Promise<never> {
  await signOut({ redirect: false });
  redirect("/login?notice=enrolled");
}
