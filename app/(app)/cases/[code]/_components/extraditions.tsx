"use client";

import { useTranslations } from "next-intl";
import { addExtraditionAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ExtraditionEntry, ExtraditionFields } from "@/app/(app)/cases/[code]/_components/extradition-entry";
import { requestingStateOptions } from "@/app/(app)/cases/[code]/_components/legal-options";
import { RuledForm } from "@/app/(app)/cases/[code]/_components/ruled-form";
import { SelectField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ExtraditionDTO, PartnerLawyerChoice } from "@/lib/cases/dto";
import type { CountryOption } from "@/lib/i18n/countries";
import { LazyDetails } from "@/components/ui/lazy-details";

/** Extradition proceedings in host countries, and the form to record new ones. */
export function Extraditions({
  caseRef,
  proceedings,
  country,
  countries,
  lawyers,
  edit,
}: {
  caseRef: CaseRef;
  proceedings: ExtraditionDTO[];
  country: string;
  countries: CountryOption[];
  lawyers: PartnerLawyerChoice[];
  edit: boolean;
}) {
  const t = useTranslations("casePage");
  return (
    <section aria-labelledby="extradition-heading" className="space-y-2">
      <h3 id="extradition-heading" className="text-sm font-semibold text-slate-900">
        {t("extraditions")}
      </h3>
      {proceedings.length === 0 ? <p className="text-sm text-slate-600">{t("noExtraditions")}</p> : null}
      {proceedings.map((p) => (
        <ExtraditionEntry key={p.id} caseRef={caseRef} proceeding={p} lawyers={lawyers} edit={edit} />
      ))}
      {edit ? (
        <LazyDetails className="rounded-md border border-dashed border-slate-300 p-3" summary={t("newExtradition")}>
          <RuledForm action={addExtraditionAction} aria-label={t("addExtradition")} className="mt-3 space-y-3">
            <RefInputs {...caseRef} />
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                name="country"
                label={t("hostCountry")}
                required
                defaultValue={country}
                options={countries.map((c) => ({ value: c.code, label: c.name }))}
              />
              <SelectField
                name="requestingState"
                label={t("requestingState")}
                placeholder={t("notKnown")}
                options={requestingStateOptions(countries)}
              />
              <ExtraditionFields lawyers={lawyers} echrHint />
            </div>
            <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
              {t("addExtradition")}
            </SubmitButton>
          </RuledForm>
        </LazyDetails>
      ) : null}
    </section>
  );
}
