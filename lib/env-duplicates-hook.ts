import { z } from "zod";
import { base64KeySchema, emptyAsUndefined } from "./env-audit";

/**
 * The settings of the duplicate check (ADR 031) and of the optional outbound hook of notifications
 * (ADR 025), apart from env.ts (which joins them) to keep each file readable.
 */
export const duplicatesAndHookShape = {
  /**
   * HMAC-SHA-256 key of the contact channels' blind index (lib/cases/contact-index.ts, ADR 031):
   * apart from the master keys, so that the index, which only says "these two cases have one
   * contact", cannot be recomputed from anything in the database.
   */
  CONTACT_INDEX_KEY: base64KeySchema("CONTACT_INDEX_KEY", "it keys the duplicate check of contact channels"),
  /**
   * The optional outbound hook (lib/notifications/outbound-hook.ts): off unless set. Every 15
   * minutes it POSTs, signed, whom unread notifications wait for and of which kinds; never a case.
   */
  NOTIFICATION_HOOK_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: "NOTIFICATION_HOOK_URL must be an http(s) URL" }).optional(),
  ),
  NOTIFICATION_HOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, { error: "NOTIFICATION_HOOK_SECRET is too short: use at least 32 random characters" }).optional(),
  ),
};

/** A hook needs its secret, and https in production. */
export function checkNotificationHook(
  value: { NODE_ENV: string; NOTIFICATION_HOOK_URL?: string; NOTIFICATION_HOOK_SECRET?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.NOTIFICATION_HOOK_URL && !value.NOTIFICATION_HOOK_SECRET)
    ctx.addIssue({
      code: "custom",
      path: ["NOTIFICATION_HOOK_SECRET"],
      message: "NOTIFICATION_HOOK_SECRET is missing: the hook's requests are signed with it",
    });
  if (value.NOTIFICATION_HOOK_URL?.startsWith("http:") && value.NODE_ENV === "production")
    ctx.addIssue({ code: "custom", path: ["NOTIFICATION_HOOK_URL"], message: "NOTIFICATION_HOOK_URL must be https in production" });
}
