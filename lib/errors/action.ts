import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "./action-result";
import { toActionResult } from "./http";

/**
 * Runs a server action's work and turns any error into the form's result through the one mapping
 * in http.ts. Next's own control flow (redirect, notFound) passes through.
 */
export async function runAction<T = undefined>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    return toActionResult(error);
  }
}

/** FormData as a plain object for zod; repeated keys become arrays. Files are dropped. */
export function formObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
