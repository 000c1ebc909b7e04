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

function FormOutcome({ state, successMessage }: { state: ActionState<unknown>; successMessage?: string }) {
  const t = useTranslations("errors");
  if (!state) return null;
  if (state.ok) {
    const message = state.message ?? successMessage;
    return message ? <Alert tone="success">{message}</Alert> : null;
  }
  const text = t.has(state.error) ? t(state.error) : t("internal_error");
  return (
    <Alert tone="danger">
      {text}
      {state.requestId ? <span className="mt-1 block text-xs">{t("reference", { reference: state.requestId })}</span> : null}
    </Alert>
  );
}

/** The translated error of one field of the enclosing ActionForm, if any. */
export function useFieldError(name: string): string | undefined {
  const state = useFormResult();
  const t = useTranslations("fieldErrors");
  const tKinds = useTranslations("identifierKinds");
  if (!state || state.ok) return undefined;
  const code = state.fieldErrors?.[name]?.[0];
  if (!code) return undefined;
  return fieldErrorText(code, t, tKinds);
}

/** A field error's words (also the import's refusals): "identifier:phone,email" from the screening names what to remove. */
type FieldErrorMessages = ReturnType<typeof useTranslations<"fieldErrors">>;
type IdentifierKindMessages = ReturnType<typeof useTranslations<"identifierKinds">>;

export function fieldErrorText(code: string, t: FieldErrorMessages, tKinds: IdentifierKindMessages): string {
  if (code.startsWith("identifier:")) {
    const kinds = code
      .slice("identifier:".length)
      .split(",")
      .filter((kind) => tKinds.has(kind));
    return t("identifier", { kinds: kinds.map((kind) => tKinds(kind)).join(", ") });
  }
  return t.has(code) ? t(code) : t("invalid");
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
