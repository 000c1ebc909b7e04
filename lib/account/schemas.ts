import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-rules";
import { StepUpCodeSchema } from "@/lib/auth/step-up-code";
import { TimeZoneSchema } from "@/lib/time/zone-schema";

// Changes that would let whoever holds a session keep the account ask for a fresh code from the
// authenticator app, or a recovery code (lib/auth/step-up.ts).

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "required" }).max(1024),
    newPassword: z.string().max(PASSWORD_MAX_LENGTH * 4, { error: "password_too_long" }),
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH * 4),
    code: StepUpCodeSchema,
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "passwords_differ" });
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const EndSessionSchema = z.object({ session: z.string().regex(/^[0-9a-f]{16}$/, { error: "invalid_id" }) });

export const RegenerateRecoveryCodesSchema = z.object({
  currentPassword: z.string().min(1, { error: "required" }).max(1024),
  code: StepUpCodeSchema,
});
export type RegenerateRecoveryCodesInput = z.infer<typeof RegenerateRecoveryCodesSchema>;

export const SignOutEverywhereSchema = z.object({ code: StepUpCodeSchema });
export type SignOutEverywhereInput = z.infer<typeof SignOutEverywhereSchema>;

/** A zone from the list, or "" to follow the organisation's. */
export const AccountTimeZoneSchema = z.object({
  timeZone: z.union([z.literal("").transform(() => null), TimeZoneSchema], { error: "invalid_time_zone" }),
});

export const LocaleSchema = z.object({ locale: z.enum(["en", "ru"], { error: "invalid_locale" }) });
