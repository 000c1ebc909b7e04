"use client";

import { createContext, useActionState, useContext, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult, ActionState, FormAction } from "@/lib/errors/action-result";
import { Alert } from "./alert";
import { cx } from "./cx";

/** A server action that a form posts to, as useActionState calls it. */

const FormStateContext = createContext<ActionState<unknown>>(null);

/** The last result of the enclosing ActionForm (null before the first submit). */
export function useFormResult<T = unknown>(): ActionState<T> {
  return useContext(FormStateContext) as ActionState<T>;
}

/**
 * A form bound to a server action. Shows the outcome (success message, or the error with a
 * reference for internal errors), moves focus to it so it is announced, and exposes field errors
 * to <FieldError> and to fields through useFieldError().
 */
export function ActionForm<T>({
  action,
  children,
  className,
  successMessage,
  onSuccess,
  id,
  "aria-label": ariaLabel,
}: {
  action: FormAction<T>;
  children: React.ReactNode;
  className?: string;
  successMessage?: string;
  onSuccess?: (result: ActionResult<T> & { ok: true }) => void;
  id?: string;
  "aria-label"?: string;
}) {
  const [state, formAction] = useActionState<ActionState<T>, FormData>(action, null);
  const statusRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      onSuccess?.(state);
      if (successMessage || state.message) statusRef.current?.focus();
    } else {
      // Focus the first invalid field when there is one, else the error message.
      const first = Object.keys(state.fieldErrors ?? {})[0];
      const field = first ? formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`) : null;
      (field ?? statusRef.current)?.focus();
    }
    // onSuccess is intentionally not a dependency: it runs once per result.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  return (
    <FormStateContext.Provider value={state}>
      <form ref={formRef} action={formAction} className={cx("space-y-4", className)} noValidate id={id} aria-label={ariaLabel}>
        <div ref={statusRef} tabIndex={-1} className="col-span-full outline-none empty:hidden">
          <FormOutcome state={state} successMessage={successMessage} />
        </div>
        {children}
      </form>
    </FormStateContext.Provider>
  );
}

// A refusal arrives worded in the reader's language by the server (lib/errors/action-words.ts).
function FormOutcome({ state, successMessage }: { state: ActionState<unknown>; successMessage?: string }) {
  const t = useTranslations("common");
  if (!state) return null;
  if (state.ok) {
    const message = state.message ?? successMessage;
    return message ? <Alert tone="success">{message}</Alert> : null;
  }
  return (
    <Alert tone="danger">
      {state.words?.message ?? t("refused")}
      {state.words?.reference ? <span className="mt-1 block text-xs">{state.words.reference}</span> : null}
    </Alert>
  );
}

/** The worded error of one field of the enclosing ActionForm, if any. */
export function useFieldError(name: string): string | undefined {
  const state = useFormResult();
  if (!state || state.ok) return undefined;
  return state.words?.fields?.[name];
}

/**
 * The value a field should show: what the user typed when the last submission was refused,
 * otherwise the given default.
 */
export function useFieldValue(name: string, fallback?: string): string | undefined {
  const state = useFormResult();
  if (state && !state.ok && state.values && name in state.values) return state.values[name];
  return fallback;
}
