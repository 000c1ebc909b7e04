"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { addWantedEntryAction, removeWantedEntryAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { requestingStateOptions } from "@/app/(app)/cases/[code]/_components/legal-options";
import { RuledForm } from "@/app/(app)/cases/[code]/_components/ruled-form";
import { monthText } from "@/components/cases/date-text";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { WantedEntryDTO } from "@/lib/cases/dto";
import { WANTED_SCOPES } from "@/lib/cases/vocabulary";
import { countryName, type CountryOption } from "@/lib/i18n/countries";
import { LazyDetails } from "@/components/ui/lazy-details";

/** The wanted lists the person is on (several can apply at once), each with its requesting state and month. */
export function WantedLists({
  caseRef,
  entries,
  countries,
  edit,
}: {
  caseRef: CaseRef;
  entries: WantedEntryDTO[];
  countries: CountryOption[];
  edit: boolean;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const format = useFormatter();
  const locale = useLocale();
  return (
    <section aria-labelledby="wanted-heading" className="space-y-2">
      <h3 id="wanted-heading" className="text-sm font-semibold text-slate-900">
        {t("wantedLists")}
      </h3>
      {entries.length === 0 ? <p className="text-sm text-slate-600">{t("noWantedLists")}</p> : null}
      <ul className="space-y-2" aria-label={t("wantedLists")}>
        {entries.map((e) => {
          const label = tc(`wantedScope.${e.scope}`);
          return (
            <li
              key={e.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-2 text-sm"
              data-testid="wanted-entry"
            >
              <span>
                <span className="font-medium text-slate-900">{label}</span>
                {" · "}
                {e.requestingState ? countryName(e.requestingState, locale) : t("stateNotKnown")}
                {" · "}
                {e.knownMonth ? t("knownSince", { month: monthText(format, e.knownMonth) }) : t("monthNotKnown")}
              </span>
              {edit ? (
                <ActionForm action={removeWantedEntryAction} successMessage={t("saved")}>
                  <RefInputs {...caseRef} />
                  <input type="hidden" name="entryId" value={e.id} />
                  <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
                    {t("remove")}
                    <span className="sr-only">: {label}</span>
                  </SubmitButton>
                </ActionForm>
              ) : null}
            </li>
          );
        })}
      </ul>
      {edit ? (
        <LazyDetails className="rounded-md border border-dashed border-slate-300 p-3" summary={t("newWantedEntry")}>
          <RuledForm action={addWantedEntryAction} aria-label={t("addWantedEntry")} className="mt-3 space-y-3">
            <RefInputs {...caseRef} />
            <div className="grid gap-3 sm:grid-cols-3">
              <SelectField
                name="scope"
                label={t("wantedScope")}
                required
                placeholder={t("choose")}
                options={WANTED_SCOPES.map((v) => ({ value: v, label: tc(`wantedScope.${v}`) }))}
              />
              <SelectField
                name="requestingState"
                label={t("requestingState")}
                placeholder={t("notKnown")}
                options={requestingStateOptions(countries)}
              />
              <TextField name="knownMonth" type="month" label={t("knownMonth")} hint={t("monthHint")} />
            </div>
            <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
              {t("addWantedEntry")}
            </SubmitButton>
          </RuledForm>
        </LazyDetails>
      ) : null}
    </section>
  );
}
