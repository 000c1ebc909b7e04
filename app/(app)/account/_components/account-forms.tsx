"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  changePasswordAction,
  endSessionAction,
  regenerateRecoveryCodesAction,
  setLocaleAction,
  setTimeZoneAction,
  signOutEverywhereAction,
} from "@/app/(app)/account/actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { StepUpCodeField } from "@/components/auth/step-up-code-field";
import { RecoveryCodesList } from "@/components/account/recovery-codes";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [ended, setEnded] = useState<number | null>(null);
  return (
    <ActionForm
      action={changePasswordAction}
      onSuccess={(r) => setEnded(r.data?.sessionsEnded ?? 0)}
      successMessage={ended === null ? t("passwordChanged", { count: 0 }) : t("passwordChanged", { count: ended })}
      className="max-w-md"
    >
      <TextField name="currentPassword" type="password" autoComplete="current-password" label={t("currentPassword")} required />
      <NewPasswordFields name="newPassword" label={t("newPassword")} hint={t("passwordRules")} confirmLabel={t("confirmPassword")} />
      <StepUpCodeField label={t("stepUpCode")} hint={t("stepUpCodeHint")} />
      <SubmitButton pendingLabel={t("saving")}>{t("changePassword")}</SubmitButton>
    </ActionForm>
  );
}

export function EndSessionButton({ sessionRef, current }: { sessionRef: string; current: boolean }) {
  const t = useTranslations("account");
  return (
    <ActionForm action={endSessionAction} className="space-y-0">
      <input type="hidden" name="session" value={sessionRef} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("ending")}>
        {current ? t("signOutHere") : t("endSession")}
      </SubmitButton>
    </ActionForm>
  );
}

/** "Sign out everywhere": a code first (a stolen session must not shut the owner out), then a confirmation. */
export function SignOutEverywhereForm() {
  const t = useTranslations("account");
  return (
    <ActionForm action={signOutEverywhereAction} className="max-w-md" aria-label={t("signOutEverywhere")}>
      <p className="text-sm text-slate-700">{t("signOutEverywhereHint")}</p>
      <StepUpCodeField label={t("stepUpCode")} hint={t("stepUpCodeHint")} />
      <ConfirmButton size="md" label={t("signOutEverywhere")} title={t("signOutEverywhereTitle")} body={t("signOutEverywhereBody")} />
    </ActionForm>
  );
}

export function RegenerateRecoveryCodesForm() {
  const t = useTranslations("account");
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="space-y-4">
      <ActionForm action={regenerateRecoveryCodesAction} onSuccess={(r) => setCodes(r.data?.codes ?? null)} className="max-w-md">
        <TextField
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label={t("currentPassword")}
          hint={t("regenerateHint")}
          required
        />
        <StepUpCodeField label={t("stepUpCode")} hint={t("stepUpCodeHint")} />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("regenerate")}
        </SubmitButton>
      </ActionForm>
      {codes ? <RecoveryCodesList codes={codes} /> : null}
    </div>
  );
}

export function LanguageForm({ locale }: { locale: string }) {
  const t = useTranslations("account");
  return (
    <ActionForm action={setLocaleAction} className="flex max-w-md flex-wrap items-end gap-3 space-y-0" successMessage={t("languageSaved")}>
      <SelectField
        name="locale"
        label={t("language")}
        defaultValue={locale}
        className="min-w-48 flex-1"
        // Each language by its own name, whatever the interface language: these are not translated.
        options={[
          { value: "en", label: "English" },
          { value: "ru", label: "Русский" },
        ]}
      />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("saveLanguage")}
      </SubmitButton>
    </ActionForm>
  );
}

/** The user's own zone, or "" to follow the organisation's (named, so the choice is informed). */
export function TimeZoneForm({
  timeZone,
  organisationTimeZone,
  zones,
}: {
  timeZone: string | null;
  organisationTimeZone: string;
  zones: readonly string[];
}) {
  const t = useTranslations("account");
  return (
    <ActionForm
      action={setTimeZoneAction}
      className="flex max-w-md flex-wrap items-end gap-3 space-y-0"
      successMessage={t("timeZoneSaved")}
    >
      <SelectField
        name="timeZone"
        label={t("timeZone")}
        hint={t("timeZoneHint")}
        defaultValue={timeZone ?? ""}
        className="min-w-48 flex-1"
        placeholder={t("organisationTimeZone", { zone: organisationTimeZone })}
        // IANA names as they are: the same in every language, and what the app shows beside a time.
        options={zones.map((zone) => ({ value: zone, label: zone }))}
      />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("saveTimeZone")}
      </SubmitButton>
    </ActionForm>
  );
}
