"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { signInAction } from "@/app/login/actions";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import { Alert } from "@/components/ui/alert";
import { controlClass, Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function LoginForm() {
  const t = useTranslations("login");
  const [state, action] = useActionState<ActionState, FormData>(signInAction, null);
  const refused = state && !state.ok ? state : null;
  const errorRef = useRef<HTMLDivElement>(null);

  // Move focus to the error so keyboard and screen-reader users learn the attempt failed.
  useEffect(() => {
    if (refused) errorRef.current?.focus();
  }, [refused]);

  return (
    <form action={action} className="space-y-4" noValidate>
      {refused ? (
        <div ref={errorRef} tabIndex={-1} className="outline-none">
          <Alert tone="danger">{refusalText(refused, t)}</Alert>
        </div>
      ) : null}
      <Field id="email" label={t("email")} required>
        {(describedBy) => (
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={refused?.values?.email}
            aria-describedby={describedBy}
            className={controlClass()}
          />
        )}
      </Field>
      <Field id="password" label={t("password")} required>
        {(describedBy) => (
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby={describedBy}
            className={controlClass()}
          />
        )}
      </Field>
      <Field id="code" label={t("code")} hint={t("codeHint")}>
        {(describedBy) => (
          <input
            id="code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={32}
            aria-describedby={describedBy}
            className={controlClass("tracking-widest")}
          />
        )}
      </Field>
      <SubmitButton pendingLabel={t("pending")} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

/** The sign-in page's words for each refusal (lib/errors' codes, app/login/actions.ts). */
function refusalText(refused: ActionResult & { ok: false }, t: ReturnType<typeof useTranslations<"login">>): string {
  switch (refused.error) {
    case "sign_in_throttled":
      return t("throttled", { minutes: Math.ceil((refused.retryAfterSeconds ?? 60) / 60) });
    case "sign_in_suspended":
      return t("suspended");
    case "invalid_input":
      return t("malformed");
    case "sign_in_invalid":
      return t("invalid");
    default:
      // Worded on the server in the reader's language (lib/errors/action-words.ts).
      return [refused.words?.message, refused.words?.reference].filter(Boolean).join(" ");
  }
}
