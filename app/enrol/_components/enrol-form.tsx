"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { confirmEnrolmentAction, finishEnrolmentAction } from "@/app/enrol/actions";
import { RecoveryCodesList } from "@/components/account/recovery-codes";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";

export function EnrolForm() {
  const t = useTranslations("enrol");
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <div className="space-y-4">
        <RecoveryCodesList codes={codes} />
        <form action={finishEnrolmentAction}>
          <SubmitButton pendingLabel={t("continuing")} className="w-full">
            {t("continue")}
          </SubmitButton>
        </form>
      </div>
    );
  }
  return (
    <ActionForm action={confirmEnrolmentAction} onSuccess={(r) => setCodes(r.data?.recoveryCodes ?? null)}>
      <TextField
        name="code"
        label={t("code")}
        hint={t("codeHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        required
      />
      <SubmitButton pendingLabel={t("confirming")} className="w-full">
        {t("confirm")}
      </SubmitButton>
    </ActionForm>
  );
}
