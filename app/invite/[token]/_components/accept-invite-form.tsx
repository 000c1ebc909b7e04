"use client";

import { useTranslations } from "next-intl";
import { acceptInviteAction } from "@/app/invite/[token]/actions";
import { ActivationCodeField } from "@/components/auth/activation-code-field";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("invite");
  return (
    <ActionForm action={acceptInviteAction}>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <ActivationCodeField />
      <NewPasswordFields name="password" label={t("password")} hint={t("passwordRules")} confirmLabel={t("confirmPassword")} />
      <SubmitButton pendingLabel={t("creating")} className="w-full">
        {t("create")}
      </SubmitButton>
    </ActionForm>
  );
}
