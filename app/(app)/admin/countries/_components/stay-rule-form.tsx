"use client";

import { useTranslations } from "next-intl";
import { setStayRuleAction } from "@/app/(app)/admin/countries/actions";
import { useOutcome } from "@/app/(app)/admin/countries/_components/country-risk-form";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CountryOption } from "@/lib/i18n/countries";

/** Sets one country's stay rule: a stricter one applies at once, a looser one waits for a coordinator. */
export function StayRuleForm({ countries, today }: { countries: CountryOption[]; today: string }) {
  const t = useTranslations("stay");
  const outcome = useOutcome({ saved: t("saved"), sentForConfirmation: t("sentForConfirmation") });
  return (
    <ActionForm action={setStayRuleAction} {...outcome} className="grid gap-4 sm:grid-cols-3 sm:space-y-0" aria-label={t("setRule")}>
      <SelectField
        name="countryCode"
        label={t("country")}
        required
        placeholder={t("choose")}
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
      />
      <DaysField name="stayDays" label={t("stayDays")} hint={t("stayDaysHint")} />
      <DaysField name="windowDays" label={t("windowDays")} hint={t("windowDaysHint")} />
      <DaysField name="registrationDays" label={t("registrationDays")} hint={t("registrationDaysHint")} />
      <TextField name="checkedOn" label={t("checkedOn")} hint={t("checkedOnHint")} type="date" max={today} />
      <TextField name="sourceNote" label={t("sourceNote")} hint={t("sourceNoteHint")} maxLength={300} />
      <div className="flex flex-wrap items-center justify-between gap-4 sm:col-span-3">
        <CheckboxField name="passportFreeEntry" label={t("passportFreeEntry")} defaultChecked={false} />
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

/** A number of days, blank for "none". */
function DaysField(props: { name: string; label: string; hint: string }) {
  return <TextField {...props} type="number" min={1} max={3650} inputMode="numeric" />;
}
