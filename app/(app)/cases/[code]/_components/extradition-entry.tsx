"use client";

import { useLocale, useTranslations } from "next-intl";
import { updateExtraditionAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { dateInputValue } from "@/components/cases/date-text";
import { DateOnly } from "@/components/cases/time";
import { RuledForm } from "@/app/(app)/cases/[code]/_components/ruled-form";
import { Badge } from "@/components/ui/badge";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ExtraditionDTO, PartnerLawyerChoice } from "@/lib/cases/dto";
import { EXTRADITION_STAGES, INTERIM_MEASURES, LAWYER_ENGAGEMENTS } from "@/lib/cases/vocabulary";
import { countryName } from "@/lib/i18n/countries";

const DANGER: readonly ExtraditionDTO["stage"][] = ["DETAINED_PENDING", "EXTRADITED"];

/** One set of proceedings: where, at the request of whom, how far; deadlines, interim measures, lawyer. */
export function ExtraditionEntry({
  caseRef,
  proceeding: p,
  lawyers,
  edit,
}: {
  caseRef: CaseRef;
  proceeding: ExtraditionDTO;
  lawyers: PartnerLawyerChoice[];
  edit: boolean;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const locale = useLocale();
  // A partner added on another server a moment ago may not be known here yet: then just "a partner lawyer".
  const partner = p.partnerLawyerId ? lawyers.find((l) => l.id === p.partnerLawyerId) : undefined;
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="extradition">
      <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
        {countryName(p.country, locale)}
        {p.requestingState ? (
          <span className="font-normal text-slate-600">({t("requestedBy", { state: countryName(p.requestingState, locale) })})</span>
        ) : null}
        <Badge tone={DANGER.includes(p.stage) ? "danger" : p.stage === "RELEASED" ? "success" : "warning"}>
          {tc(`extraditionStage.${p.stage}`)}
        </Badge>
      </p>
      <p className="text-xs text-slate-600">
        {p.appealDue ? (
          <>
            {t("appealDue")}: <DateOnly date={p.appealDue} /> ·{" "}
          </>
        ) : null}
        {t("catMeasure")}: {tc(`interimMeasure.${p.catMeasure}`)} · {t("echrMeasure")}:{" "}
        {p.echrBound ? tc(`interimMeasure.${p.echrMeasure}`) : t("notBoundByEchr")} · {t("lawyer")}:{" "}
        {partner ? partner.label : tc(`lawyer.${p.lawyer}`)}
      </p>
      {edit ? (
        <RuledForm action={updateExtraditionAction} aria-label={t("updateExtradition")}>
          <RefInputs {...caseRef} />
          <input type="hidden" name="proceedingId" value={p.id} />
          <div className="grid gap-3 sm:grid-cols-2">
            <ExtraditionFields proceeding={p} lawyers={lawyers} />
          </div>
          <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
            {t("updateExtradition")}
          </SubmitButton>
        </RuledForm>
      ) : null}
    </div>
  );
}

/** The fields that change as proceedings go on. Without a bound host country, no Rule 39 field. */
export function ExtraditionFields({
  proceeding,
  lawyers,
  echrHint,
}: {
  proceeding?: ExtraditionDTO;
  lawyers: PartnerLawyerChoice[];
  echrHint?: boolean;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const measures = INTERIM_MEASURES.map((v) => ({ value: v, label: tc(`interimMeasure.${v}`) }));
  // The active partners, and the one already chosen even if taken off the list since.
  const offered = lawyers.filter((l) => l.active || l.id === proceeding?.partnerLawyerId);
  return (
    <>
      <SelectField
        name="stage"
        label={t("extraditionStage")}
        required
        defaultValue={proceeding?.stage ?? "REQUEST_RECEIVED"}
        options={EXTRADITION_STAGES.map((v) => ({ value: v, label: tc(`extraditionStage.${v}`) }))}
      />
      <TextField name="appealDue" type="date" label={t("appealDue")} defaultValue={dateInputValue(proceeding?.appealDue)} />
      <SelectField name="catMeasure" label={t("catMeasure")} defaultValue={proceeding?.catMeasure ?? "NOT_REQUESTED"} options={measures} />
      {!proceeding || proceeding.echrBound ? (
        <SelectField
          name="echrMeasure"
          label={t("echrMeasure")}
          hint={echrHint ? t("echrHint") : undefined}
          defaultValue={proceeding?.echrMeasure ?? "NOT_REQUESTED"}
          options={measures}
        />
      ) : null}
      <SelectField
        name="lawyer"
        label={t("lawyer")}
        defaultValue={proceeding?.lawyer ?? "NONE"}
        options={LAWYER_ENGAGEMENTS.map((v) => ({ value: v, label: tc(`lawyer.${v}`) }))}
      />
      {offered.length ? (
        <SelectField
          name="partnerLawyerId"
          label={t("partnerLawyer")}
          hint={t("partnerLawyerHint")}
          placeholder={t("partnerNotSaid")}
          defaultValue={proceeding?.partnerLawyerId ?? ""}
          options={offered.map((l) => ({ value: l.id, label: l.label }))}
        />
      ) : null}
    </>
  );
}
