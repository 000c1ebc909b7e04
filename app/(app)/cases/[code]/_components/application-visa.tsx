import { useTranslations } from "next-intl";
import { recordSupportLetterAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateOnly } from "@/components/cases/time";
import { dateInputValue } from "@/components/cases/date-text";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApplicationDTO } from "@/lib/cases/dto";
import { VISA_TYPES } from "@/lib/cases/transitions";

/** Which of a visa's facts (ADR 021) an application's form asks for: the window once it may be approved, the appeal once it may be rejected. */
export function visaFieldsOf(a: ApplicationDTO): { window: boolean; appeal: boolean } {
  const reachable = [a.status, ...a.nextStatuses];
  return {
    window: VISA_TYPES.includes(a.type) && reachable.includes("APPROVED"),
    appeal: reachable.includes("REJECTED") || a.status === "APPEALED",
  };
}

/** A granted visa's window and entry deadline, the appeal deadline and the support letter, as read. */
export function VisaFacts({ application: a }: { application: ApplicationDTO }) {
  const t = useTranslations("casePage");
  const facts: Array<[string, React.ReactNode]> = [];
  if (a.validFrom || a.validUntil)
    facts.push([
      t("validity"),
      <>
        {a.validFrom ? <DateOnly date={a.validFrom} /> : "…"} – {a.validUntil ? <DateOnly date={a.validUntil} /> : "…"}
      </>,
    ]);
  if (a.entryBy) facts.push([t("entryBy"), <DateOnly key="entry" date={a.entryBy} />]);
  if (a.appealBy) facts.push([t("appealBy"), <DateOnly key="appeal" date={a.appealBy} />]);
  if (a.letter)
    facts.push([
      t("supportLetter"),
      <>
        {a.letter.issuedOn ? <DateOnly date={a.letter.issuedOn} /> : null}
        {a.letter.issuedBy ? ` · ${t("letterBy", { who: a.letter.issuedBy })}` : null}
      </>,
    ]);
  if (facts.length === 0) return null;
  return (
    <dl className="grid gap-x-4 gap-y-1 text-xs text-slate-700 sm:grid-cols-2" data-testid="visa-facts">
      {facts.map(([label, value]) => (
        <div key={label} className="flex flex-wrap gap-1">
          <dt className="font-medium">{label}:</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The visa's dates inside the application's update form. */
export function VisaFields({ application: a }: { application: ApplicationDTO }) {
  const t = useTranslations("casePage");
  const show = visaFieldsOf(a);
  return (
    <>
      {show.window ? (
        <>
          <TextField name="validFrom" type="date" label={t("validFrom")} defaultValue={dateInputValue(a.validFrom)} />
          <TextField name="validUntil" type="date" label={t("validUntil")} defaultValue={dateInputValue(a.validUntil)} />
          <TextField name="entryBy" type="date" label={t("entryBy")} hint={t("entryByHint")} defaultValue={dateInputValue(a.entryBy)} />
        </>
      ) : null}
      {show.appeal ? <TextField name="appealBy" type="date" label={t("appealBy")} defaultValue={dateInputValue(a.appealBy)} /> : null}
    </>
  );
}

/** A coordinator records the day the organisation's support letter was issued; they are named as its issuer. */
export function SupportLetterForm({ application: a, caseRef }: { application: ApplicationDTO; caseRef: CaseRef }) {
  const t = useTranslations("casePage");
  return (
    <ActionForm action={recordSupportLetterAction} successMessage={t("saved")} aria-label={t("recordLetter")}>
      <RefInputs {...caseRef} />
      <input type="hidden" name="applicationId" value={a.id} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          name="issuedOn"
          type="date"
          label={t("letterIssuedOn")}
          required
          defaultValue={dateInputValue(a.letter?.issuedOn ?? null)}
        />
        <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
          {t("recordLetter")}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
