import { useTranslations } from "next-intl";
import { AddNextStepForm, EditNextStepForm, StepDoneButton } from "@/app/(app)/cases/[code]/_components/next-step-forms";
import type { CaseRef, StaffChoice } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateOnly } from "@/components/cases/time";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { NextStepDTO } from "@/lib/cases/dto";

/** What is to be done next: open steps (each can be edited and marked done), the done ones (undo), and the form to add one. */
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
                    {s.repeatDays ? ` · ${t("stepEvery", { days: s.repeatDays })}` : ""}
                  </p>
                </div>
                {edit ? (
                  <>
                    <StepDoneButton caseRef={caseRef} step={s} />
                    <EditNextStepForm caseRef={caseRef} owners={owners} step={s} />
                  </>
                ) : null}
              </li>
            ))}
        </ul>
        {done.length === steps.length ? <p className="text-sm text-slate-600">{t("noOpenSteps")}</p> : null}
        {done.length ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">{t("doneSteps", { count: done.length })}</summary>
            <ul className="mt-2 space-y-2 text-slate-600">
              {done.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2" data-testid="done-step">
                  <span>
                    <span className="line-through">{s.text}</span> · <DateOnly date={s.doneAt!} />
                    {s.doneBy ? ` · ${s.doneBy}` : ""}
                  </span>
                  {edit ? <StepDoneButton caseRef={caseRef} step={s} /> : null}
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
