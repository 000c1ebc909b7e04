import "server-only";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors/action-result";
import { signOut } from "./next-auth";

/**
 * The `after` of a step-up form (lib/auth/step-up.ts; its `code` is a secret, or already spent, and
 * is never handed back): a refusal that ended the session (too many failed checks) also clears the
 * cookie and goes to the sign-in page.
 */
export async function afterStepUp<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (!result.ok && result.status === 401 && result.error === "step_up_session_ended") {
    await signOut({ redirect: false });
    redirect("/login?ended=revoked");
  }
  return result;
}

/** What a step-up form never hands back: the code it was confirmed with. */
export const STEP_UP_SECRET = ["code"] as const;
