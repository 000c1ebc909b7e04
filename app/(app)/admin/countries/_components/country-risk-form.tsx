"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { setCountryRiskAction } from "@/app/(app)/admin/countries/actions";
import { ActionForm, useFieldValue } from "@/components/ui/action-form";
import { controlClass } from "@/components/ui/field";
import { SelectField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { JURISDICTION_RISKS, type JurisdictionRisk } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/** "Saved", or, for a lowered risk or a looser stay rule, that it waits for a coordinator's confirmation. */
export function useOutcome(messages: { saved: string; sentForConfirmation: string }) {
  const [pending, setPending] = useState(false);
  return {
    onSuccess: (r: { data?: { pending: boolean } }) => setPending(Boolean(r.data?.pending)),
    successMessage: pending ? messages.sentForConfirmation : messages.saved,
  };
}

/** Sets one country's risk: to add a country, or to change or remove an entry. */
export function CountryRiskForm({ countries }: { countries: CountryOption[] }) {
  const t = useTranslations("countries");
  const tc = useTranslations("case");
  const outcome = useOutcome({ saved: t("saved"), sentForConfirmation: t("sentForConfirmation") });
  return (
    <ActionForm
      action={setCountryRiskAction}
      {...outcome}
      className="grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-end sm:space-y-0"
      aria-label={t("setRisk")}
    >
      <SelectField
        name="countryCode"
        label={t("country")}
        required
        placeholder={t("choose")}
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
      />
      <SelectField
        name="risk"
        label={t("risk")}
        required
        defaultValue="TRANSIT"
        options={[...JURISDICTION_RISKS.map((r) => ({ value: r, label: tc(`jurisdiction.${r}`) })), { value: "NONE", label: t("noRisk") }]}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </ActionForm>
  );
}

/** The risk of one listed country, changed in place. */
export function CountryRiskRow({ code, name, risk }: { code: string; name: string; risk: JurisdictionRisk }) {
  const t = useTranslations("countries");
  const outcome = useOutcome({ saved: t("saved"), sentForConfirmation: t("sentForConfirmation") });
  return (
    <ActionForm
      action={setCountryRiskAction}
      {...outcome}
      className="flex flex-wrap items-center gap-2 space-y-0"
      aria-label={t("riskOf", { country: name })}
    >
      <input type="hidden" name="countryCode" value={code} />
      <label className="sr-only" htmlFor={`risk-${code}`}>
        {t("riskOf", { country: name })}
      </label>
      <RiskSelect id={`risk-${code}`} risk={risk} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("save")}
      </SubmitButton>
    </ActionForm>
  );
}

/** A listed country's risk: the one chosen is kept after a refusal (the form resets). */
function RiskSelect({ id, risk }: { id: string; risk: JurisdictionRisk }) {
  const t = useTranslations("countries");
  const tc = useTranslations("case");
  const chosen = useFieldValue("risk", risk);
  return (
    <select key={chosen} id={id} name="risk" defaultValue={chosen} className={controlClass("w-auto py-1.5")}>
      {JURISDICTION_RISKS.map((r) => (
        <option key={r} value={r}>
          {tc(`jurisdiction.${r}`)}
        </option>
      ))}
      <option value="NONE">{t("noRisk")}</option>
    </select>
  );
}
