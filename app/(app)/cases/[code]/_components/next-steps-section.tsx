import { useTranslations } from "next-intl";
import { addNextStepAction, completeNextStepAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef, type StaffChoice } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateOnly } from "@/components/cases/time";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { NextStepDTO } from "@/lib/cases/dto";

/** What is to be done next: open steps (each can be marked done), the done ones, and the form to add one. */
export function NextStepsSection({
  caseRef,
  steps,
  edit,
  owners,
  defaultOwner,
}: {
  caseRef: CaseRef;
  steps: NextStepDTO[];
  edit: boolean;
  owners: StaffChoice[];
  defaultOwner: string | null;
}) {
  const t = useTranslations("casePage");
  const done = steps.filter((s) => s.doneAt);
  return (
    <Card aria-labelledby="steps-heading">
      <CardHeader id="steps-heading" title={t("nextSteps")} />
      <CardBody className="space-y-4">
        <ul className="space-y-2">
          {steps
            .filter((s) => !s.doneAt)
            .map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-start justify-between gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm"
                data-testid="next-step"
              >
                <div className="min-w-0">
                  <p className="text-slate-900">{s.text}</p>
                  <p className={s.overdue ? "text-xs font-semibold text-red-700" : "text-xs text-slate-600"}>
                    {s.dueOn ? (
                      <>
                        {s.overdue ? t("overdue") : t("due")} <DateOnly date={s.dueOn} />
                      </>
                    ) : (
                      t("noDueDate")
                    )}
                    {s.owner ? ` · ${s.owner}` : ""}
                  </p>
                </div>
                {edit ? <CompleteStepButton caseRef={caseRef} stepId={s.id} text={s.text} /> : null}
              </li>
            ))}
        </ul>
        {done.length === steps.length ? <p className="text-sm text-slate-600">{t("noOpenSteps")}</p> : null}
        {done.length ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">{t("doneSteps", { count: done.length })}</summary>
            <ul className="mt-2 space-y-1 text-slate-600">
              {done.map((s) => (
                <li key={s.id}>
                  <span className="line-through">{s.text}</span> · <DateOnly date={s.doneAt!} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {edit ? <AddNextStepForm caseRef={caseRef} owners={owners} defaultOwner={defaultOwner} /> : null}
      </CardBody>
    </Card>
  );
}

function AddNextStepForm({ caseRef, owners, defaultOwner }: { caseRef: CaseRef; owners: StaffChoice[]; defaultOwner: string | null }) {
  const t = useTranslations("casePage");
  return (
    <ActionForm action={addNextStepAction} successMessage={t("stepAdded")} aria-label={t("addStep")}>
      <RefInputs {...caseRef} />
      <TextField name="text" label={t("stepText")} hint={t("noIdentifiers")} required maxLength={300} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="ownerId"
          label={t("stepOwner")}
          defaultValue={defaultOwner ?? ""}
          options={owners.map((o) => ({ value: o.id, label: o.email }))}
        />
        <TextField name="dueOn" type="date" label={t("dueOn")} />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("addStep")}
      </SubmitButton>
    </ActionForm>
  );
}

function CompleteStepButton({ caseRef, stepId, text }: { caseRef: CaseRef; stepId: string; text: string }) {
  const t = useTranslations("casePage");
  return (
    <ActionForm action={completeNextStepAction} className="space-y-1">
      <RefInputs {...caseRef} />
      <input type="hidden" name="stepId" value={stepId} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        <span aria-hidden="true">✓</span> {t("markDone")}
        <span className="sr-only">: {text}</span>
      </SubmitButton>
    </ActionForm>
  );
}
