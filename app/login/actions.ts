"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { SignInRefused, signIn } from "@/lib/auth/next-auth";
import { startPathOfRequest } from "@/lib/auth/session";
import { SignInSchema } from "@/lib/auth/schemas";
import { ForbiddenError, InvalidInputError, TooManyRequestsError } from "@/lib/errors";
import { anyone, formAction } from "@/lib/errors/action";

/**
 * Wrong credentials are refused input (422), not a 401: in the actions' protocol a 401 means "this
 * action needs a session", which a sign-in never does.
 */
function wrongCredentials(): Error {
  return new InvalidInputError("sign_in_invalid");
}

/** Why Auth.js refused, as the one error mapping knows it (the sign-in form says it in words). */
function refusal(error: SignInRefused): Error {
  switch (error.reasonCode) {
    case "throttled":
      return new TooManyRequestsError("sign_in_throttled", error.retryAfterSeconds);
    case "suspended":
      return new ForbiddenError("sign_in_suspended");
    case "malformed":
      return new InvalidInputError("invalid_input");
    case "invalid":
      return wrongCredentials();
  }
}

export const signInAction = formAction({
  actor: anyone,
  schema: SignInSchema,
  // The second factor's code is a secret; the password never comes back (lib/errors/action.ts).
  secret: ["code"],
  run: async (input) => {
    try {
      await signIn("credentials", { ...input, code: input.code ?? "", redirect: false });
    } catch (error) {
      if (error instanceof SignInRefused) throw refusal(error);
      if (error instanceof AuthError) throw wrongCredentials();
      throw error;
    }
    // Straight to the role's home (or enrolment): the session cookie just set is the one read.
    redirect(await startPathOfRequest());
  },
});
