import { useTranslations } from "next-intl";
import { correctMovementAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { dateInputValue } from "@/components/cases/date-text";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { MovementDTO } from "@/lib/cases/dto";

/** Corrects the days of one recorded movement, with the reason (which the timeline keeps). */
export function CorrectMovement({ caseRef, movement }: { caseRef: CaseRef; movement: MovementDTO }) {
  const t = useTranslations("casePage");
  return (
    <details className="w-full text-sm">
      <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:underline">{t("correctMove")}</summary>
      <ActionForm action={correctMovementAction} successMessage={t("moveCorrected")} aria-label={t("correctMove")} className="mt-2">
        <RefInputs {...caseRef} />
        <input type="hidden" name="movementId" value={movement.id} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="arrivedOn" type="date" label={t("arrivedOn")} defaultValue={dateInputValue(movement.arrivedOn)} />
          {movement.leftOn ? (
            <TextField name="leftOn" type="date" label={t("leftOn")} required defaultValue={dateInputValue(movement.leftOn)} />
          ) : null}
        </div>
        <TextField name="reason" label={t("correctionReason")} hint={t("correctionReasonHint")} required maxLength={500} />
        <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
          {t("saveCorrection")}
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
