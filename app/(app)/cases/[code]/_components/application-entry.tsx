import { useLocale, useTimeZone, useTranslations } from "next-intl";
import { updateApplicationAction } from "@/app/(app)/cases/[code]/actions";
import { ApplicationChecklist } from "@/app/(app)/cases/[code]/_components/application-checklist";
import { SupportLetterForm, VisaFacts, VisaFields, visaFieldsOf } from "@/app/(app)/cases/[code]/_components/application-visa";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateOnly, ZonedDateTime } from "@/components/cases/time";
import { dateInputValue, dateTimeInputValue } from "@/components/cases/date-text";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApplicationDTO } from "@/lib/cases/dto";
import { countryName } from "@/lib/i18n/countries";

/** One application: its destination, status and dates, and for an editor the form that updates it. */
export function ApplicationEntry({
  application: a,
  caseRef,
  edit,
  issueLetter,
}: {
  application: ApplicationDTO;
  caseRef: CaseRef;
  edit: boolean;
  issueLetter: boolean;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const locale = useLocale();
  const zone = useTimeZone() ?? "UTC";
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="application">
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
        {tc(`applicationType.${a.type}`)} · {countryName(a.destinationCountry, locale)}
        {a.officeCity ? <span className="font-normal text-slate-600">({a.officeCity})</span> : null}
        <Badge tone={a.status === "APPROVED" ? "success" : a.status === "REJECTED" ? "danger" : "info"}>
          {tc(`applicationStatus.${a.status}`)}
        </Badge>
      </p>
      <p className="text-xs text-slate-600">
        {a.submittedOn ? (
          <>
            {t("submittedOn")}: <DateOnly date={a.submittedOn} /> ·{" "}
          </>
        ) : null}
        {a.appointmentAt ? (
          <>
            {t("appointmentAt")}: <ZonedDateTime date={a.appointmentAt} /> ·{" "}
          </>
        ) : null}
        {a.decisionOn ? (
          <>
            {t("decisionOn")}: <DateOnly date={a.decisionOn} />
          </>
        ) : null}
      </p>
      <VisaFacts application={a} />
      <ApplicationChecklist application={a} caseRef={caseRef} edit={edit} />
      {edit && (a.nextStatuses.length > 0 || a.status !== "APPROVED" || visaFieldsOf(a).window) ? (
        <ActionForm action={updateApplicationAction} successMessage={t("saved")} aria-label={t("updateApplication")}>
          <RefInputs {...caseRef} />
          <input type="hidden" name="applicationId" value={a.id} />
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <SelectField
              name="status"
              label={t("applicationStatus")}
              defaultValue={a.status}
              options={[a.status, ...a.nextStatuses].map((v) => ({ value: v, label: tc(`applicationStatus.${v}`) }))}
            />
            <TextField name="submittedOn" type="date" label={t("submittedOn")} defaultValue={dateInputValue(a.submittedOn)} />
            <TextField
              name="appointmentAt"
              type="datetime-local"
              label={t("appointmentAt")}
              hint={t("zoneHint", { zone })}
              defaultValue={dateTimeInputValue(a.appointmentAt, zone)}
            />
            <TextField name="decisionOn" type="date" label={t("decisionOn")} defaultValue={dateInputValue(a.decisionOn)} />
            <VisaFields application={a} />
          </div>
          <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
            {t("updateApplication")}
          </SubmitButton>
        </ActionForm>
      ) : null}
      {issueLetter ? <SupportLetterForm application={a} caseRef={caseRef} /> : null}
    </div>
  );
}
