import { useTimeZone, useTranslations } from "next-intl";
import { addApplicationAction } from "@/app/(app)/cases/[code]/actions";
import { ApplicationEntry } from "@/app/(app)/cases/[code]/_components/application-entry";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { PlaceFields } from "@/components/cases/place-fields";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApplicationDTO } from "@/lib/cases/dto";
import { APPLICATION_STATUSES, APPLICATION_TYPES } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";
import { LazyDetails } from "@/components/ui/lazy-details";

/** Applications for visas and protection: each with its dates and status, and the forms to add or update one. */
export function ApplicationsSection({
  caseRef,
  applications,
  currentCountry,
  countries,
  edit,
  issueLetter,
}: {
  caseRef: CaseRef;
  applications: ApplicationDTO[];
  currentCountry: string;
  countries: CountryOption[];
  edit: boolean;
  issueLetter: boolean;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="applications-heading">
      <CardHeader id="applications-heading" title={t("applications")} />
      <CardBody className="space-y-4">
        {applications.length === 0 ? <p className="text-sm text-slate-600">{t("noApplications")}</p> : null}
        {applications.map((a) => (
          <ApplicationEntry key={a.id} application={a} caseRef={caseRef} edit={edit} issueLetter={issueLetter} />
        ))}
        {edit ? (
          <LazyDetails className="rounded-md border border-dashed border-slate-300 p-3" summary={t("newApplication")}>
            <div className="mt-3">
              <AddApplicationForm caseRef={caseRef} countries={countries} currentCountry={currentCountry} />
            </div>
          </LazyDetails>
        ) : null}
      </CardBody>
    </Card>
  );
}

function AddApplicationForm({
  caseRef,
  countries,
  currentCountry,
}: {
  caseRef: CaseRef;
  countries: CountryOption[];
  currentCountry: string;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const tp = useTranslations("places");
  const zone = useTimeZone() ?? "UTC";
  return (
    <ActionForm action={addApplicationAction} successMessage={t("applicationAdded")} aria-label={t("addApplication")}>
      <RefInputs {...caseRef} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          name="type"
          label={t("applicationType")}
          required
          placeholder={t("choose")}
          options={APPLICATION_TYPES.map((v) => ({ value: v, label: tc(`applicationType.${v}`) }))}
        />
        <PlaceFields
          countryName="destinationCountry"
          cityName="officeCity"
          otherName="officeOther"
          countryRequired
          countries={countries}
          alsoCitiesOf={currentCountry}
          labels={{ country: t("destination"), city: t("officeCity"), other: tp("otherOfficeLabel") }}
        />
        <SelectField
          name="status"
          label={t("applicationStatus")}
          defaultValue="PLANNED"
          options={APPLICATION_STATUSES.map((v) => ({ value: v, label: tc(`applicationStatus.${v}`) }))}
        />
        <TextField name="submittedOn" type="date" label={t("submittedOn")} />
        <TextField name="appointmentAt" type="datetime-local" label={t("appointmentAt")} hint={t("zoneHint", { zone })} />
        <TextField name="decisionOn" type="date" label={t("decisionOn")} />
        {/* A visa is often recorded only once granted (ADR 021); the server refuses these days where they do not fit. */}
        <TextField name="validFrom" type="date" label={t("validFrom")} hint={t("visaOnlyHint")} />
        <TextField name="validUntil" type="date" label={t("validUntil")} hint={t("visaOnlyHint")} />
        <TextField name="entryBy" type="date" label={t("entryBy")} hint={t("entryByHint")} />
        <TextField name="appealBy" type="date" label={t("appealBy")} hint={t("appealOnlyHint")} />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("addApplication")}
      </SubmitButton>
    </ActionForm>
  );
}
