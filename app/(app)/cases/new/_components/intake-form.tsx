"use client";

import { useTranslations } from "next-intl";
import { createCaseAction } from "@/app/(app)/cases/new/actions";
import { PlaceFields } from "@/components/cases/place-fields";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { AGE_BANDS, CASE_LANGUAGES, RISK_LEVELS, SERVICE_CATEGORIES } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

export function IntakeForm({
  countries,
  caseworkers,
}: {
  countries: CountryOption[];
  caseworkers: Array<{ id: string; email: string }> | null;
}) {
  const t = useTranslations("intake");
  const tc = useTranslations("case");
  const tp = useTranslations("places");
  return (
    <ActionForm action={createCaseAction} className="space-y-6">
      <Alert tone="warning" title={t("privacyTitle")}>
        {t("privacyBody")}
      </Alert>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("profile")}</legend>
        <SelectField
          name="ageBand"
          label={tc("field.ageBand")}
          required
          placeholder={t("choose")}
          options={AGE_BANDS.map((v) => ({ value: v, label: tc(`ageBand.${v}`) }))}
        />
        <SelectField
          name="serviceCategory"
          label={tc("field.serviceCategory")}
          required
          placeholder={t("choose")}
          options={SERVICE_CATEGORIES.map((v) => ({ value: v, label: tc(`serviceCategory.${v}`) }))}
        />
        <TextField
          name="peopleTravelling"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          defaultValue="1"
          label={tc("field.peopleTravelling")}
          hint={t("peopleHint")}
          required
        />
        <SelectField
          name="language"
          label={tc("field.language")}
          required
          defaultValue="ru"
          options={CASE_LANGUAGES.map((v) => ({ value: v, label: tc(`language.${v}`) }))}
        />
        <SelectField
          name="riskLevel"
          label={tc("field.riskLevel")}
          required
          placeholder={t("choose")}
          options={RISK_LEVELS.map((v) => ({ value: v, label: tc(`riskLevel.${v}`) }))}
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("location")}</legend>
        <PlaceFields
          countryName="currentCountry"
          cityName="placeCity"
          otherName="placeOther"
          countryRequired
          countries={countries}
          labels={{ country: tc("field.currentCountry"), city: tc("field.coarsePlace"), other: tp("otherLabel") }}
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("contact")}</legend>
        <TextField
          name="contactChannel"
          label={tc("field.contactChannel")}
          hint={t("contactHint")}
          required
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
        />
        {caseworkers ? (
          <SelectField
            name="assigneeId"
            label={t("assignee")}
            required
            placeholder={t("choose")}
            options={caseworkers.map((c) => ({ value: c.id, label: c.email }))}
          />
        ) : null}
      </fieldset>
      <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
    </ActionForm>
  );
}
