import { useTranslations } from "next-intl";
import { addNextStepAction, completeNextStepAction, editNextStepAction, reopenNextStepAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef, type StaffChoice } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { NextStepDTO } from "@/lib/cases/dto";

/** The forms of a case's tasks: add, edit, done, undone. */

/** A recurring check-in's choices (the server takes 1 to 90 days). */
export const REPEAT_CHOICES = [7, 14, 30] as const;

function StepFields({ owners, step, defaultOwner }: { owners: StaffChoice[]; step?: NextStepDTO; defaultOwner: string | null }) {
  const t = useTranslations("casePage");
  return (
    <>
      <TextField
        name="text"
        label={t("stepText")}
        hint={t("noIdentifiers")}
        required
        maxLength={300}
        autoComplete="off"
        defaultValue={step?.text}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          name="ownerId"
          label={t("stepOwner")}
          defaultValue={step?.ownerId ?? defaultOwner ?? ""}
          options={owners.map((o) => ({ value: o.id, label: o.email }))}
        />
        <TextField name="dueOn" type="date" label={t("dueOn")} defaultValue={step?.dueOn?.toISOString().slice(0, 10)} />
        <SelectField
          name="repeatDays"
          label={t("stepRepeat")}
          defaultValue={step?.repeatDays ? String(step.repeatDays) : ""}
          options={[
            { value: "", label: t("stepNoRepeat") },
            ...REPEAT_CHOICES.map((d) => ({ value: String(d), label: t("stepEvery", { days: d }) })),
          ]}
        />
      </div>
    </>
  );
}

export function AddNextStepForm({
  caseRef,
  owners,
  defaultOwner,
}: {
  caseRef: CaseRef;
  owners: StaffChoice[];
  defaultOwner: string | null;
}) {
  const t = useTranslations("casePage");
  return (
    <ActionForm action={addNextStepAction} successMessage={t("stepAdded")} aria-label={t("addStep")}>
      <RefInputs {...caseRef} />
      <StepFields owners={owners} defaultOwner={defaultOwner} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("addStep")}
      </SubmitButton>
    </ActionForm>
  );
}

export function EditNextStepForm({ caseRef, owners, step }: { caseRef: CaseRef; owners: StaffChoice[]; step: NextStepDTO }) {
  const t = useTranslations("casePage");
  // The current owner stays offered even when the list would not offer them now (a deactivated account).
  const offered =
    step.ownerId && !owners.some((o) => o.id === step.ownerId) ? [...owners, { id: step.ownerId, email: step.owner ?? "—" }] : owners;
  return (
    <details className="w-full text-sm">
      <summary className="cursor-pointer text-brand-700">
        {t("editStep")}
        <span className="sr-only">: {step.text}</span>
      </summary>
      <ActionForm action={editNextStepAction} successMessage={t("stepSaved")} aria-label={t("editStep")} className="mt-2 space-y-3">
        <RefInputs {...caseRef} />
        <input type="hidden" name="stepId" value={step.id} />
        <StepFields owners={offered} step={step} defaultOwner={null} />
        <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
          {t("saveStep")}
        </SubmitButton>
      </ActionForm>
    </details>
  );
}

export function StepDoneButton({ caseRef, step }: { caseRef: CaseRef; step: NextStepDTO }) {
  const t = useTranslations("casePage");
  const done = step.doneAt !== null;
  return (
    <ActionForm action={done ? reopenNextStepAction : completeNextStepAction} className="space-y-1">
      <RefInputs {...caseRef} />
      <input type="hidden" name="stepId" value={step.id} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {done ? null : <span aria-hidden="true">✓</span>} {done ? t("markUndone") : t("markDone")}
        <span className="sr-only">: {step.text}</span>
      </SubmitButton>
    </ActionForm>
  );
}
