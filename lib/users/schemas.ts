import { z } from "zod";
import { EmailSchema } from "@/lib/auth/schemas";
import { UuidSchema } from "@/lib/validation/atoms";

export const RoleSchema = z.enum(["CASEWORKER", "COORDINATOR", "ADMIN"], { error: "invalid_role" });

export const InviteUserSchema = z.object({ email: EmailSchema, role: RoleSchema });
export type InviteUserInput = z.infer<typeof InviteUserSchema>;

export const UserTargetSchema = z.object({ userId: UuidSchema });
export type UserTargetInput = z.infer<typeof UserTargetSchema>;

export const ChangeRoleSchema = z.object({ userId: UuidSchema, role: RoleSchema });
export type ChangeRoleInput = z.infer<typeof ChangeRoleSchema>;

export const RevokeInviteSchema = z.object({ inviteId: UuidSchema });

/** An activation code as typed (lib/users/activation-code.ts checks it); bounded, never echoed. */
export const ActivationCodeSchema = z
  .string({ error: "invalid_activation_code" })
  .trim()
  .min(1, { error: "required" })
  .max(64, { error: "invalid_activation_code" });

/** The form behind an invitation link: the link's token, the code the approver passed on, a password twice. */
export const AcceptInviteSchema = z
  .object({
    token: z.string().max(64),
    activationCode: ActivationCodeSchema,
    password: z.string().max(1024),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "passwords_differ" });

/** A recovery link's form: a recovery of a second factor sends no password; one of a password sends it twice. */
export const RecoverAccountSchema = z
  .object({
    token: z.string().max(64),
    activationCode: ActivationCodeSchema,
    password: z.string().max(1024).optional(),
    confirmPassword: z.string().max(1024).optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "passwords_differ" });

/** An approver's decision on a pending access request. */
export const AccessDecisionSchema = z.object({ requestId: UuidSchema });
