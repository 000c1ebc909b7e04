import { z } from "zod";

/** Shared by the sign-in form and the server. Limits bound the work an attacker can cause. */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "invalid_email" }));

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, { error: "required" }).max(1024),
  /** A 6-digit TOTP code or a recovery code; empty for an account that has not enrolled yet. */
  code: z
    .string()
    .trim()
    .max(32)
    .optional()
    .transform((value) => (value ? value.replace(/\s/g, "") : undefined)),
});
export type SignInInput = z.infer<typeof SignInSchema>;

export const TotpCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, { error: "invalid_code" }));

/** The first code from a new authenticator app, which confirms the enrolment. */
export const ConfirmEnrolmentSchema = z.object({ code: TotpCodeSchema });
