"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth/next-auth";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { acceptInvite } from "@/lib/users/invites";

const AcceptSchema = z
  .object({
    token: z.string().max(64),
    password: z.string().max(1024),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "passwords_differ" });

export async function acceptInviteAction(_: ActionState, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const input = AcceptSchema.parse(formObject(form));
    const { email } = await acceptInvite(input.token, input.password);
    // Opens an enrolment-only session: the new user's next step is their second factor.
    await signIn("credentials", { email, password: input.password, code: "", redirect: false });
    return { ok: true };
  });
  if (result.ok) redirect("/enrol");
  return result;
}
