"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { signInAction, type SignInState } from "@/app/login/actions";
import { Alert } from "@/components/ui/alert";
import { controlClass, Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function LoginForm() {
  const t = useTranslations("login");
  const [state, action] = useActionState<SignInState, FormData>(signInAction, {});
  const errorRef = useRef<HTMLDivElement>(null);

  // Move focus to the error so keyboard and screen-reader users learn the attempt failed.
  useEffect(() => {
    if (state.error) errorRef.current?.focus();
  }, [state]);

  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <div ref={errorRef} tabIndex={-1} className="outline-none">
          <Alert tone="danger">
            {state.error === "throttled" ? t("throttled", { minutes: state.retryAfterMinutes ?? 1 }) : t(state.error)}
          </Alert>
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
            defaultValue={state.email}
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
