"use client";

import { useTranslations } from "next-intl";
import { confirmSecurityActionsAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { StepUpCodeField } from "@/components/auth/step-up-code-field";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * The step-up for security actions (lib/auth/step-up.ts): while the session is confirmed, says until
 * when; otherwise asks for a fresh code. The page re-renders after a success and shows the time.
 */
export function StepUpForm({ confirmedUntil, minutes }: { confirmedUntil: string | null; minutes: number }) {
  const t = useTranslations("common");
  if (confirmedUntil) return <Alert tone="info">{t("stepUpActive", { time: confirmedUntil })}</Alert>;
  return (
    <Card aria-labelledby="step-up-title">
      <CardHeader id="step-up-title" title={t("stepUpTitle")} description={t("stepUpNeeded", { minutes })} />
      <CardBody>
        <ActionForm action={confirmSecurityActionsAction} aria-label={t("stepUpTitle")} className="max-w-md">
          <StepUpCodeField label={t("stepUpCode")} />
          <SubmitButton pendingLabel={t("working")}>{t("stepUpConfirm")}</SubmitButton>
        </ActionForm>
      </CardBody>
    </Card>
  );
}
