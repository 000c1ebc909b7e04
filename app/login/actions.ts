"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { SignInRefused, signIn } from "@/lib/auth/next-auth";
import { SignInSchema } from "@/lib/auth/schemas";

export interface SignInState {
  error?: "invalid" | "throttled" | "suspended" | "malformed";
  retryAfterMinutes?: number;
  email?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  // Anyone can post anything to an action; only the sign-in form's FormData is read.
  if (!(form instanceof FormData)) return { error: "malformed" };
  const parsed = SignInSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    code: form.get("code") ?? undefined,
  });
  const typedEmail = typeof form.get("email") === "string" ? String(form.get("email")).slice(0, 254) : undefined;
  if (!parsed.success) return { error: "malformed", email: typedEmail };
  try {
    await signIn("credentials", { ...parsed.data, code: parsed.data.code ?? "", redirect: false });
  } catch (error) {
    if (error instanceof SignInRefused) {
      return {
        error: error.reasonCode,
        retryAfterMinutes: error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : undefined,
        email: parsed.data.email,
      };
    }
    if (error instanceof AuthError) return { error: "invalid", email: parsed.data.email };
    throw error;
  }
  redirect("/");
}
