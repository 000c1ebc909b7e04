import { useTranslations } from "next-intl";
import { decideAssistanceAction, recordAssistanceAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { MoneyText } from "@/components/budget/money-text";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { CURRENCIES } from "@/lib/budget/money";
import { ASSISTANCE_TYPES } from "@/lib/budget/schemas";
import type { AssistanceDTO } from "@/lib/budget/assistance";

export interface LineChoice {
  id: string;
  label: string;
  currency: string;
}

/** Help given to the person (ADR 022): what, how much, which month, which budget line, and its approval. */
export function AssistanceSection({
  caseRef,
  items,
  lines,
  edit,
}: {
  caseRef: CaseRef;
  items: AssistanceDTO[];
  lines: LineChoice[];
  edit: boolean;
}) {
  const t = useTranslations("assistance");
  return (
    <Card aria-labelledby="assistance-heading">
      <CardHeader id="assistance-heading" title={t("title")} />
      <CardBody className="space-y-4">
        {items.length ? (
          <ul className="space-y-2">
            {items.map((a) => (
              <li key={a.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="assistance-item">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium text-slate-900">
                    {t(`type.${a.type}`)} · <MoneyText amountMinor={a.amountMinor} currency={a.currency} />
                  </p>
                  <p className={a.status === "AWAITING_APPROVAL" ? "text-xs font-semibold text-amber-800" : "text-xs text-slate-700"}>
                    {t(`status.${a.status}`)}
                  </p>
                </div>
                <p className="text-xs break-words text-slate-600">
                  {a.month} · {a.budgetLine} · {a.recordedBy}
                </p>
                {a.note ? <p className="mt-1 break-words text-slate-800">{a.note}</p> : null}
                {a.canDecide ? <DecideButtons caseRef={caseRef} id={a.id} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("none")}</p>
        )}
        {edit && lines.length ? <RecordAssistanceForm caseRef={caseRef} lines={lines} /> : null}
        {edit && !lines.length ? <p className="text-sm text-slate-600">{t("noLines")}</p> : null}
      </CardBody>
    </Card>
  );
}

function RecordAssistanceForm({ caseRef, lines }: { caseRef: CaseRef; lines: LineChoice[] }) {
  const t = useTranslations("assistance");
  const tc = useTranslations("casePage");
  return (
    <ActionForm action={recordAssistanceAction} successMessage={t("recorded")} aria-label={t("record")}>
      <RefInputs {...caseRef} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="type"
          label={t("typeLabel")}
          required
          placeholder=""
          options={ASSISTANCE_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
        />
        <SelectField
          name="budgetLineId"
          label={t("line")}
          required
          placeholder=""
          options={lines.map((l) => ({ value: l.id, label: `${l.label} (${l.currency})` }))}
        />
        <TextField name="amount" label={t("amount")} inputMode="decimal" required autoComplete="off" />
        <SelectField
          name="currency"
          label={t("currency")}
          defaultValue={lines[0]?.currency ?? "EUR"}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
        <TextField name="month" type="month" label={t("month")} hint={t("monthHint")} required />
      </div>
      <TextField name="note" label={t("note")} hint={tc("noIdentifiers")} maxLength={300} autoComplete="off" />
      <SubmitButton variant="secondary" size="sm" pendingLabel={tc("saving")}>
        {t("record")}
      </SubmitButton>
    </ActionForm>
  );
}

function DecideButtons({ caseRef, id }: { caseRef: CaseRef; id: string }) {
  const t = useTranslations("assistance");
  const tc = useTranslations("casePage");
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      {(["APPROVE", "REFUSE"] as const).map((decision) => (
        <ActionForm key={decision} action={decideAssistanceAction}>
          <RefInputs {...caseRef} />
          <input type="hidden" name="assistanceId" value={id} />
          <input type="hidden" name="decision" value={decision} />
          <SubmitButton variant={decision === "APPROVE" ? "primary" : "secondary"} size="sm" pendingLabel={tc("saving")}>
            {t(decision === "APPROVE" ? "approve" : "refuse")}
          </SubmitButton>
        </ActionForm>
      ))}
    </div>
  );
}
