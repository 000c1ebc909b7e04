"use client";

import { useTranslations } from "next-intl";
import { createCaseAction } from "@/app/(app)/cases/new/actions";
import { PlaceFields } from "@/components/cases/place-fields";
import { ProfileFields } from "@/components/cases/profile-fields";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
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
        <ProfileFields intake={{ choose: t("choose"), peopleHint: t("peopleHint") }} />
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
