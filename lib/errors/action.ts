import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "./action-result";
import { currentRequestId } from "@/lib/log";
import { toActionResult } from "./http";
import { InvalidInputError } from "./index";

/**
 * Runs a server action's work and turns any error into the form's result through the one mapping
 * in http.ts. Next's own control flow (redirect, notFound) passes through.
 */
export async function runAction<T = undefined>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    return toActionResult(error, await currentRequestId());
  }
}

/**
 * Like runAction, for forms: a refused submission hands back what the user typed (except secrets),
 * so the form can show it again instead of losing it.
 */
export async function runFormAction<T = undefined>(form: FormData, work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const result = await runAction(work);
  if (result.ok || !(form instanceof FormData)) return result;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(formObject(form))) {
    if (/password|token/i.test(key)) continue;
    values[key] = Array.isArray(value) ? value.join(",") : value;
  }
  return { ...result, values };
}

/**
 * The form an action was called with. Anyone can call a server action over HTTP with any arguments
 * (a string, a number, a Map, a deep object…), whatever its TypeScript signature says: anything but
 * a FormData is invalid input (422), not an internal error.
 */
export function requireForm(form: unknown): FormData {
  if (form instanceof FormData) return form;
  throw new InvalidInputError("invalid_input");
}

/** FormData as a plain object for zod; repeated keys become arrays. Files are dropped. Not a FormData: invalid input. */
export function formObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of requireForm(form).entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
