"use client";

import { useTranslations } from "next-intl";
import { addPartnerLawyerAction, updatePartnerLawyerAction } from "@/app/(app)/admin/lawyers/actions";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CountryOption } from "@/lib/i18n/countries";

const countryChoices = (countries: CountryOption[]) => countries.map((c) => ({ value: c.code, label: c.name }));

/** Adds a partner lawyer to the list caseworkers choose from. */
export function AddLawyerForm({ countries }: { countries: CountryOption[] }) {
  const t = useTranslations("lawyers");
  return (
    <ActionForm
      action={addPartnerLawyerAction}
      successMessage={t("added")}
      className="grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-end sm:space-y-0"
      aria-label={t("add")}
    >
      <TextField name="label" label={t("label")} hint={t("labelHint")} required maxLength={80} />
      <SelectField name="country" label={t("country")} placeholder={t("anyCountry")} options={countryChoices(countries)} />
      <SubmitButton pendingLabel={t("saving")}>{t("add")}</SubmitButton>
    </ActionForm>
  );
}

/** One partner: renamed, moved, or taken off (or back onto) the list in place. */
export function LawyerRow({
  lawyer,
  countries,
}: {
  lawyer: { id: string; label: string; country: string | null; active: boolean };
  countries: CountryOption[];
}) {
  const t = useTranslations("lawyers");
  return (
    <ActionForm
      action={updatePartnerLawyerAction}
      successMessage={t("saved")}
      className="grid w-full gap-3 sm:grid-cols-[1fr_12rem_auto_auto] sm:items-end sm:space-y-0"
      aria-label={t("edit", { label: lawyer.label })}
    >
      <input type="hidden" name="lawyerId" value={lawyer.id} />
      <TextField name="label" label={t("label")} required maxLength={80} defaultValue={lawyer.label} />
      <SelectField
        name="country"
        label={t("country")}
        placeholder={t("anyCountry")}
        defaultValue={lawyer.country ?? ""}
        options={countryChoices(countries)}
      />
      <CheckboxField name="active" label={t("active")} defaultChecked={lawyer.active} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("save")}
      </SubmitButton>
    </ActionForm>
  );
}
