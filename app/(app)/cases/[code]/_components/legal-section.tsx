"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { updateLegalAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm, useFieldValue } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CaseDetailDTO } from "@/lib/cases/dto";
import { CRIMINAL_CASE_STATUSES } from "@/lib/cases/vocabulary";

type Legal = Omit<CaseDetailDTO["legal"], "forcesCritical">;

/** The person's legal exposure (a criminal case, a wanted list, extradition, detention): to read, or to edit. */
export function LegalSection({ caseRef, legal, edit }: { caseRef: CaseRef; legal: Legal; edit: boolean }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  return (
    <Card aria-labelledby="legal-heading">
      <CardHeader id="legal-heading" title={t("legal")} />
      <CardBody>
        {edit ? (
          <LegalForm caseRef={caseRef} legal={legal} />
        ) : (
          <p className="text-sm">
            {tc(`criminalCase.${legal.criminalCase}`)}
            {legal.onWantedList ? ` · ${t("onWantedList")}` : ""}
            {legal.extraditionRequest ? ` · ${t("extraditionRequest")}` : ""}
            {legal.detained ? ` · ${t("detained")}` : ""}
          </p>
        )}
      </CardBody>
    </Card>
  );
}

function LegalForm({ caseRef, legal }: { caseRef: CaseRef; legal: Legal }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const [raised, setRaised] = useState(false);
  return (
    <ActionForm
      action={updateLegalAction}
      onSuccess={(r) => setRaised(Boolean(r.data?.riskRaised))}
      successMessage={raised ? t("riskRaised") : t("saved")}
      aria-label={t("legal")}
    >
      <RefInputs {...caseRef} />
      <SelectField
        name="criminalCase"
        label={t("criminalCase")}
        defaultValue={legal.criminalCase}
        options={CRIMINAL_CASE_STATUSES.map((v) => ({ value: v, label: tc(`criminalCase.${v}`) }))}
      />
      <fieldset className="space-y-2">
        <legend className="sr-only">{t("legal")}</legend>
        <Checkbox name="onWantedList" label={t("onWantedList")} defaultChecked={legal.onWantedList} />
        <Checkbox name="extraditionRequest" label={t("extraditionRequest")} defaultChecked={legal.extraditionRequest} />
        <Checkbox name="detained" label={t("detained")} defaultChecked={legal.detained} />
      </fieldset>
      <p className="text-xs text-slate-600">{t("legalHint")}</p>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveLegal")}
      </SubmitButton>
    </ActionForm>
  );
}

/** A checkbox that shows what was sent when the form was refused. */
function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  const typed = useFieldValue(name, undefined);
  const checked = typed === undefined ? defaultChecked : typed === "on";
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        key={String(checked)}
        type="checkbox"
        name={name}
        defaultChecked={checked}
        className="size-4 rounded border-slate-300 accent-brand-700"
      />
      {label}
    </label>
  );
}
