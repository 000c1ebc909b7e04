"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientInfo } from "@/lib/auth/client-info";
import { signIn } from "@/lib/auth/next-auth";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { acceptInvite } from "@/lib/users/invites";
import { ActivationCodeSchema } from "@/lib/users/schemas";

const AcceptSchema = z
  .object({
    token: z.string().max(64),
    activationCode: ActivationCodeSchema,
    password: z.string().max(1024),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "passwords_differ" });

export async function acceptInviteAction(_: ActionState, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const input = AcceptSchema.parse(formObject(form));
    const { sessionId } = await acceptInvite(
      input.token,
      { activationCode: input.activationCode, password: input.password },
      clientInfo(await headers()),
    );
    // The enrolment-only session the link and code just opened: the new user's next step is their second factor.
    await signIn("enrolment-link", { sessionId, redirect: false });
    return { ok: true };
  });
  if (result.ok) redirect("/enrol");
  return result;
}
