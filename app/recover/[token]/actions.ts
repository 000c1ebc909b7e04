"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientInfo } from "@/lib/auth/client-info";
import { signIn } from "@/lib/auth/next-auth";
import { anyone, formAction } from "@/lib/errors/action";
import { redeemRecovery } from "@/lib/users/recovery";
import { RecoverAccountSchema } from "@/lib/users/schemas";

/** The one-time recovery token and its activation code are the credential. */
export const recoverAccountAction = formAction({
  actor: anyone,
  schema: RecoverAccountSchema,
  run: async (input) => {
    const used = await redeemRecovery(
      input.token,
      { activationCode: input.activationCode, password: input.password },
      clientInfo(await headers()),
    );
    if (used.kind !== "SECOND_FACTOR") redirect("/login?notice=passwordReset");
    // The enrolment-only session the link and code just opened, with its own new secret.
    await signIn("enrolment-link", { sessionId: used.sessionId, redirect: false });
    redirect("/enrol");
  },
});
