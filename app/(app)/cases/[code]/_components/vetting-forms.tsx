"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import { resolveConcernAction, signOffAction } from "@/app/(app)/cases/[code]/actions";
import { ActionForm, useFieldError } from "@/components/ui/action-form";
import { TextareaField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { CHECKLIST_ANSWERS } from "@/lib/cases/vocabulary";

const QUESTIONS = ["storyConsistent", "serviceStatusPlausible", "noCrimesIndication", "noProvocationSign"] as const;

function Choice({ name, legend, options }: { name: string; legend: string; options: Array<{ value: string; label: string }> }) {
  const id = useId();
  const error = useFieldError(name);
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-3">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm text-slate-800">
            <input type="radio" name={name} value={o.value} required className="size-4 accent-brand-700" />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The verification checklist, an outcome and a short remark: one person's sign-off. */
export function SignOffForm({ code, version }: { code: string; version: number }) {
  const t = useTranslations("vetting");
  const answers = CHECKLIST_ANSWERS.map((a) => ({ value: a, label: t(`answer.${a}`) }));
  return (
    <ActionForm action={signOffAction} successMessage={t("signedOff")} aria-label={t("signOff")}>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      {QUESTIONS.map((q) => (
        <Choice key={q} name={q} legend={t(`question.${q}`)} options={answers} />
      ))}
      <Choice
        name="outcome"
        legend={t("outcome")}
        options={[
          { value: "VERIFIED", label: t("outcomeVerified") },
          { value: "CONCERNS", label: t("outcomeConcerns") },
        ]}
      />
      <TextareaField name="remark" label={t("remark")} hint={t("remarkHint")} maxLength={500} rows={2} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("signOff")}
      </SubmitButton>
    </ActionForm>
  );
}

export function ResolveConcernButton({ code, version, signOffId }: { code: string; version: number; signOffId: string }) {
  const t = useTranslations("vetting");
  return (
    <ActionForm action={resolveConcernAction} className="space-y-1" successMessage={t("resolved")}>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="signOffId" value={signOffId} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("resolve")}
      </SubmitButton>
    </ActionForm>
  );
}
