"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/form-fields";
import type { CaseDetailDTO } from "@/lib/cases/dto";
import { AGE_BANDS, CASE_LANGUAGES, RISK_LEVELS, SERVICE_CATEGORIES } from "@/lib/cases/vocabulary";

type Profile = CaseDetailDTO["profile"];

/**
 * The coarse profile of a person (no name, no birth date), as fields of an ActionForm: at intake
 * (`intake` given: every field required, the selects start on "Choose…") and on the case page,
 * where they start on the case's values.
 */
export function ProfileFields({ profile, intake }: { profile?: Profile; intake?: { choose: string; peopleHint: string } }) {
  const tc = useTranslations("case");
  const required = intake !== undefined;
  const select = (name: keyof Profile, values: readonly string[], label: (value: string) => string, defaultValue?: string) => (
    <SelectField
      name={name}
      label={tc(`field.${name}`)}
      required={required}
      placeholder={defaultValue === undefined ? intake?.choose : undefined}
      defaultValue={defaultValue}
      options={values.map((v) => ({ value: v, label: label(v) }))}
    />
  );
  return (
    <>
      {select("ageBand", AGE_BANDS, (v) => tc(`ageBand.${v}`), profile?.ageBand)}
      {select("serviceCategory", SERVICE_CATEGORIES, (v) => tc(`serviceCategory.${v}`), profile?.serviceCategory)}
      <TextField
        name="peopleTravelling"
        type="number"
        inputMode="numeric"
        min={1}
        max={30}
        defaultValue={String(profile?.peopleTravelling ?? 1)}
        label={tc("field.peopleTravelling")}
        hint={intake?.peopleHint}
        required={required}
      />
      {select("language", CASE_LANGUAGES, (v) => tc(`language.${v}`), profile?.language ?? "ru")}
      {select("riskLevel", RISK_LEVELS, (v) => tc(`riskLevel.${v}`), profile?.riskLevel)}
    </>
  );
}
