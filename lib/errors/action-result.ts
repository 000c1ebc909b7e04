import type { FieldErrors } from "./index";

/**
 * What a server action returns to its form (`useActionState`). Shared by the server (lib/errors/http.ts)
 * and the client forms that display it.
 */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | {
      ok: false;
      status: number;
      error: string;
      fieldErrors?: FieldErrors;
      requestId?: string;
      /** For a 429: when to try again. */
      retryAfterSeconds?: number;
      /** What the user had typed, so a refused form keeps it (never passwords). */
      values?: Record<string, string>;
      /**
       * The refusal in the reader's language, worded on the server (lib/errors/action-words.ts) so
       * that pages need not send every error message to the browser with every page.
       */
      words?: RefusalWords;
    };

export interface RefusalWords {
  /** What went wrong, for the form's alert. */
  message: string;
  /** "Reference: …", for an internal error. */
  reference?: string;
  /** Each refused field's first error. */
  fields?: Record<string, string>;
}

export type ActionState<T = undefined> = ActionResult<T> | null;

/** A server action behind a form, as `useActionState` calls it (built by lib/errors/action.ts). */
export type FormAction<T> = (previous: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
