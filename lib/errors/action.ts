import "server-only";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { currentRequestId } from "@/lib/log";
import type { ActionResult, FormAction } from "./action-result";
import { toActionResult } from "./http";
import { withRefusalWords } from "./action-words";
import { InvalidInputError } from "./index";

/** A form's fields as a plain object: repeated keys become arrays. */
export type FormFields = Record<string, string | string[]>;

/** A path to render again, or a path and its kind ("/", "layout": every page under the layout). */
type Revalidated = string | [string, "layout" | "page"];

/** What a typed value is never handed back as: passwords, link tokens and activation codes. */
const ALWAYS_SECRET = /password|token|activation/i;

interface FormActionSpec<S extends z.ZodType, A, T> {
  /**
   * Who may call it (requireActor("case:update"), a public caller…). Runs before the input is read,
   * so a caller who may not call the action is refused the same way whatever they send.
   */
  actor: () => Promise<A>;
  /** The input, parsed on the server: a server action is a public HTTP endpoint. */
  schema: S;
  /** Shapes the form's fields for the schema when they are not one field per key. */
  read?: (fields: FormFields) => unknown;
  /** More fields never handed back on a refusal (a one-time code). */
  secret?: readonly string[];
  /** The work, through the data-access layer. Its return value is the result's `data`. */
  run: (input: z.output<S>, actor: A) => Promise<T>;
  /** Pages to render again after a success. */
  revalidate?: (input: z.output<S>) => readonly Revalidated[];
  /** Looks at every result before the form does (a step-up that ended the session signs out). */
  after?: (result: ActionResult<NoInfer<T>>) => Promise<ActionResult<NoInfer<T>>>;
}

/**
 * The one way to write a server action behind a form: who may call it, zod, the data-access layer,
 * errors mapped in one place (http.ts), and on a refusal the field errors together with what the user
 * typed (React 19 resets a form after its action, so a form that did not get the values back would
 * lose them). Next's own control flow (redirect, notFound) passes through.
 */
export function formAction<S extends z.ZodType, A, T = undefined>(spec: FormActionSpec<S, A, T>): FormAction<T> {
  return async (_previous, form) => {
    const result = await perform(spec, () => spec.schema.parse(spec.read ? spec.read(formObject(form)) : formObject(form)), spec.run);
    const answered = result.ok ? result : { ...result, values: typedValues(form, spec.secret ?? []) };
    return spec.after ? spec.after(answered) : answered;
  };
}

type ButtonActionSpec<A, T> = Pick<FormActionSpec<z.ZodType<undefined>, A, T>, "actor" | "after"> & {
  run: (actor: A) => Promise<T>;
  revalidate?: () => readonly Revalidated[];
};

/**
 * The same for an action that takes no input (a button: sign out everyone, check the audit chain).
 * Whatever a caller sends is ignored.
 */
export function buttonAction<A, T = undefined>(spec: ButtonActionSpec<A, T>): () => Promise<ActionResult<T>> {
  return async () => {
    const result = await perform(
      { actor: spec.actor, revalidate: spec.revalidate },
      () => undefined,
      (_input, actor: A) => spec.run(actor),
    );
    return spec.after ? spec.after(result) : result;
  };
}

/**
 * An action that always leaves the page (signing out): a plain `<form action>` takes no result, so a
 * failure goes to the error page instead of being handed back.
 */
export function leavingAction<A>(spec: { actor: () => Promise<A>; run: (actor: A) => Promise<unknown> }): () => Promise<void> {
  const action = buttonAction(spec);
  return async () => {
    const result = await action();
    if (!result.ok) throw new Error(`the action failed: ${result.error}`);
  };
}

async function perform<I, A, T>(
  spec: { actor: () => Promise<A>; revalidate?: (input: I) => readonly Revalidated[] },
  parse: () => I,
  run: (input: I, actor: A) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const actor = await spec.actor();
    const input = parse();
    const data = await run(input, actor);
    for (const path of spec.revalidate?.(input) ?? []) {
      if (typeof path === "string") revalidatePath(path);
      else revalidatePath(...path);
    }
    return data === undefined ? { ok: true } : { ok: true, data };
  } catch (error) {
    unstable_rethrow(error);
    return withRefusalWords(toActionResult(error, await currentRequestId()));
  }
}

/** The caller of a public action (sign-in, an invitation link): no session to check. */
export async function anyone(): Promise<null> {
  return null;
}

/** What the user typed, for the refused form to show again: never a secret, never a file. */
function typedValues(form: unknown, secret: readonly string[]): Record<string, string> | undefined {
  if (!(form instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(formObject(form))) {
    if (ALWAYS_SECRET.test(key) || secret.includes(key)) continue;
    values[key] = Array.isArray(value) ? value.join(",") : value;
  }
  return values;
}

/**
 * FormData as a plain object for zod; repeated keys become arrays; files are dropped. Anyone can call a
 * server action over HTTP with any arguments (a string, a Map, a deep object…), whatever its TypeScript
 * signature says: anything but a FormData is invalid input (422), not an internal error.
 */
export function formObject(form: unknown): FormFields {
  if (!(form instanceof FormData)) throw new InvalidInputError("invalid_input");
  const out: FormFields = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
