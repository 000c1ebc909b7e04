"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientInfo } from "@/lib/auth/client-info";
import { signIn } from "@/lib/auth/next-auth";
import { anyone, formAction } from "@/lib/errors/action";
import { acceptInvite } from "@/lib/users/invites";
import { AcceptInviteSchema } from "@/lib/users/schemas";

/** The link's token and the activation code are the credential. */
export const acceptInviteAction = formAction({
  actor: anyone,
  schema: AcceptInviteSchema,
  run: async (input) => {
    const { sessionId } = await acceptInvite(
      input.token,
      { activationCode: input.activationCode, password: input.password },
      clientInfo(await headers()),
    );
    // The enrolment-only session the link and code just opened: the new user's next step is their second factor.
    await signIn("enrolment-link", { sessionId, redirect: false });
    redirect("/enrol");
  },
});
