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
