import "server-only";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors/action-result";
import { signOut } from "./next-auth";

/**
 * After a step-up form (lib/auth/step-up.ts): a refusal hands back what was typed except the code
 * (a secret, or already spent) and the passwords; a refusal that ended the session (too many failed
 * checks) also clears the cookie and goes to the sign-in page.
 */
export async function afterStepUp<T>(result: ActionResult<T>): Promise<ActionResult<T>> {
  if (result.ok) return result;
  if (result.status === 401 && result.error === "step_up_session_ended") {
    await signOut({ redirect: false });
    redirect("/login?ended=revoked");
  }
  const { code: _code, ...values } = result.values ?? {};
  return { ...result, values };
}
