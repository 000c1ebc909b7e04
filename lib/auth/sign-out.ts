import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/access/actor";
import { revokeSession } from "./sessions";

/**
 * Ends the actor's current session in the database (the cookie is cleared by the caller). `idle`:
 * the page ended it because nobody answered the idle warning.
 */
export async function endOwnSession(actor: Actor, reason: "signed_out" | "idle" = "signed_out"): Promise<void> {
  await db().$transaction(async (tx) => {
    await revokeSession(tx, actor.sessionIdHash);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "auth.sign_out",
      targetType: "session",
      targetId: actor.sessionIdHash.slice(0, 16),
      meta: reason === "idle" ? { reason } : undefined,
    });
  });
}
