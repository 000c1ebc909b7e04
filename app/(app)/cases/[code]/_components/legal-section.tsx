"use client";

import { useFormatter, useTranslations } from "next-intl";
import { updateLegalAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { Extraditions } from "@/app/(app)/cases/[code]/_components/extraditions";
import { RiskRules } from "@/app/(app)/cases/[code]/_components/risk-rules";
import { RuledForm } from "@/app/(app)/cases/[code]/_components/ruled-form";
import { WantedLists } from "@/app/(app)/cases/[code]/_components/wanted-lists";
import { monthText } from "@/components/cases/date-text";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CheckboxField, SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { LegalDTO, PartnerLawyerChoice } from "@/lib/cases/dto";
import { CRIMINAL_ARTICLES, CRIMINAL_CASE_STATUSES } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/**
 * The person's legal danger: what the risk rules say and why, the criminal case and detention, the
 * wanted lists and extradition proceedings; to read, or to edit.
 */
export function LegalSection({
  caseRef,
  legal,
  country,
  countries,
  lawyers,
  edit,
}: {
  caseRef: CaseRef;
  legal: LegalDTO;
  country: string;
  countries: CountryOption[];
  lawyers: PartnerLawyerChoice[];
  edit: boolean;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="legal-heading">
      <CardHeader id="legal-heading" title={t("legal")} />
      <CardBody className="space-y-5">
        <RiskRules rules={legal.rules} />
        <section aria-labelledby="criminal-heading" className="space-y-2">
          <h3 id="criminal-heading" className="text-sm font-semibold text-slate-900">
            {t("criminalCase")}
          </h3>
          <CriminalCaseText legal={legal} />
          {edit ? <LegalForm caseRef={caseRef} legal={legal} /> : null}
        </section>
        <WantedLists caseRef={caseRef} entries={legal.wanted} countries={countries} edit={edit} />
        <Extraditions
          caseRef={caseRef}
          proceedings={legal.extraditions}
          country={country}
          countries={countries}
          lawyers={lawyers}
          edit={edit}
        />
      </CardBody>
    </Card>
  );
}

function CriminalCaseText({ legal }: { legal: LegalDTO }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const format = useFormatter();
  const parts = [
    tc(`criminalCase.${legal.criminalCase}`),
    legal.criminalArticle ? tc(`criminalArticle.${legal.criminalArticle}`) : null,
    legal.criminalOpened ? t("openedIn", { month: monthText(format, legal.criminalOpened) }) : null,
    legal.criminalStageSince ? t("stageSince", { month: monthText(format, legal.criminalStageSince) }) : null,
    legal.detained ? t("detained") : null,
  ];
  return (
    <p className="text-sm text-slate-800" data-testid="criminal-case">
      {parts.filter(Boolean).join(" · ")}
    </p>
  );
}

function LegalForm({ caseRef, legal }: { caseRef: CaseRef; legal: LegalDTO }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  return (
    <RuledForm action={updateLegalAction} aria-label={t("saveLegal")}>
      <RefInputs {...caseRef} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          name="criminalCase"
          label={t("criminalStage")}
          defaultValue={legal.criminalCase}
          options={CRIMINAL_CASE_STATUSES.map((v) => ({ value: v, label: tc(`criminalCase.${v}`) }))}
        />
        <SelectField
          name="criminalArticle"
          label={t("criminalArticle")}
          defaultValue={legal.criminalArticle ?? ""}
          placeholder={t("notKnown")}
          options={CRIMINAL_ARTICLES.map((v) => ({ value: v, label: tc(`criminalArticle.${v}`) }))}
        />
        <TextField name="criminalOpened" type="month" label={t("criminalOpened")} defaultValue={legal.criminalOpened ?? ""} />
        <TextField name="criminalStageSince" type="month" label={t("criminalStageSince")} defaultValue={legal.criminalStageSince ?? ""} />
      </div>
      <CheckboxField name="detained" label={t("detained")} defaultChecked={legal.detained} />
      <p className="text-xs text-slate-600">{t("legalHint")}</p>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveLegal")}
      </SubmitButton>
    </RuledForm>
  );
}
