import { z } from "zod";

/**
 * The step-up field of a form (lib/auth/step-up.ts): 6 digits from the authenticator app, or a
 * recovery code (16 letters and digits, dashes and spaces ignored). Anything else is refused here,
 * before the throttle counts an attempt and before any password is checked, so a malformed code
 * costs the server nothing and tells the sender nothing. Shared by forms and the server.
 */
export const StepUpCodeSchema = z
  .string()
  .max(64, { error: "step_up_code_format" })
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(
    z
      .string()
      .min(1, { error: "required" })
      .refine((value) => /^\d{6}$/.test(value) || /^[A-Za-z2-9]{16}$/.test(value.replace(/-/g, "")), { error: "step_up_code_format" }),
  );

/** The form that confirms a session for security actions (lib/auth/step-up.ts: confirmForSecurityActions). */
export const SecurityStepUpSchema = z.object({ code: StepUpCodeSchema });
