"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientInfo } from "@/lib/auth/client-info";
import { signIn } from "@/lib/auth/next-auth";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { redeemRecovery } from "@/lib/users/recovery";
import { ActivationCodeSchema } from "@/lib/users/schemas";

// A recovery of a second factor sends no password; one of a password sends it twice.
const RecoverSchema = z
  .object({
    token: z.string().max(64),
    activationCode: ActivationCodeSchema,
    password: z.string().max(1024).optional(),
    confirmPassword: z.string().max(1024).optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "passwords_differ" });

export async function recoverAccountAction(_: ActionState, form: FormData): Promise<ActionResult> {
  let next = "/login?notice=passwordReset";
  const result = await runAction(async () => {
    const input = RecoverSchema.parse(formObject(form));
    const used = await redeemRecovery(
      input.token,
      { activationCode: input.activationCode, password: input.password },
      clientInfo(await headers()),
    );
    if (used.kind === "SECOND_FACTOR") {
      // The enrolment-only session the link and code just opened, with its own new secret.
      await signIn("enrolment-link", { sessionId: used.sessionId, redirect: false });
      next = "/enrol";
    }
    return { ok: true };
  });
  if (result.ok) redirect(next);
  return result;
}
