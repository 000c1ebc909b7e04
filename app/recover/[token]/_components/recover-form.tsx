"use client";

import { useTranslations } from "next-intl";
import { recoverAccountAction } from "@/app/recover/[token]/actions";
import { ActivationCodeField } from "@/components/auth/activation-code-field";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

/** The activation code, and for a forgotten password the new one (twice). */
export function RecoverForm({ token, email, kind }: { token: string; email: string; kind: "SECOND_FACTOR" | "PASSWORD" }) {
  const t = useTranslations("recover");
  const tInvite = useTranslations("invite");
  return (
    <ActionForm action={recoverAccountAction}>
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <ActivationCodeField />
      {kind === "PASSWORD" ? (
        <NewPasswordFields
          name="password"
          label={t("newPassword")}
          hint={tInvite("passwordRules")}
          confirmLabel={tInvite("confirmPassword")}
        />
      ) : null}
      <SubmitButton pendingLabel={t("working")} className="w-full">
        {kind === "PASSWORD" ? t("setPassword") : t("continueToAuthenticator")}
      </SubmitButton>
    </ActionForm>
  );
}
