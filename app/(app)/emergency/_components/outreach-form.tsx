"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { openOutreachAction } from "@/app/(app)/emergency/actions";
import { StepUpCodeField } from "@/components/auth/step-up-code-field";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextareaField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CountryOption } from "@/lib/i18n/countries";
import { OUTREACH_HOURS, OUTREACH_MAX_CASES, OUTREACH_REASONS } from "@/lib/outreach/schemas";

type Scope = "country" | "named";

/**
 * Opening an outreach window (ADR 028): a country or case codes, a duration and a reason from closed
 * lists, and a fresh code. Only the field of the chosen scope is sent.
 */
export function OutreachForm({ countries }: { countries: CountryOption[] }) {
  const t = useTranslations("emergency");
  const [scope, setScope] = useState<Scope>("country");
  return (
    <ActionForm
      action={openOutreachAction}
      successMessage={t("outreachOpened")}
      aria-label={t("outreachOpen")}
      className="max-w-xl space-y-4"
    >
      <SelectField
        name="scope"
        label={t("outreachScope")}
        options={[
          { value: "country", label: t("outreachScopeCountry") },
          { value: "named", label: t("outreachScopeNamed") },
        ]}
        defaultValue={scope}
        onChange={(e) => setScope(e.target.value === "named" ? "named" : "country")}
      />
      {scope === "country" ? (
        <SelectField
          name="country"
          label={t("outreachCountry")}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
          placeholder={t("outreachChoose")}
          required
        />
      ) : (
        <TextareaField
          name="cases"
          label={t("outreachCases")}
          hint={t("outreachCasesHint", { max: OUTREACH_MAX_CASES })}
          required
          spellCheck={false}
          autoCapitalize="characters"
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="hours"
          label={t("outreachHours")}
          options={OUTREACH_HOURS.map((h) => ({ value: String(h), label: t("outreachHoursOption", { count: h }) }))}
          defaultValue="12"
        />
        <SelectField
          name="reason"
          label={t("outreachReason")}
          options={OUTREACH_REASONS.map((r) => ({ value: r, label: t(`outreachReasons.${r}`) }))}
          placeholder={t("outreachChoose")}
          required
        />
      </div>
      <StepUpCodeField label={t("outreachCode")} hint={t("outreachCodeHint")} />
      <SubmitButton pendingLabel={t("saving")}>{t("outreachSubmit")}</SubmitButton>
    </ActionForm>
  );
}
