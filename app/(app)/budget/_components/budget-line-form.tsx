import { useTranslations } from "next-intl";
import { createBudgetLineAction, updateBudgetLineAction } from "@/app/(app)/budget/actions";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { CURRENCIES, minorToDecimal } from "@/lib/budget/money";
import type { BudgetLineDTO } from "@/lib/budget/lines";

/** A budget line's form: a new one, or one to change (its id in a hidden field). */
export function BudgetLineForm({ line }: { line?: BudgetLineDTO }) {
  const t = useTranslations("budget");
  return (
    <ActionForm
      action={line ? updateBudgetLineAction : createBudgetLineAction}
      successMessage={t(line ? "lineSaved" : "lineCreated")}
      aria-label={line ? t("editLine", { label: line.label }) : t("newLine")}
      className="space-y-3"
    >
      {line ? <input type="hidden" name="id" value={line.id} /> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="label" label={t("lineLabel")} defaultValue={line?.label} required maxLength={60} autoComplete="off" />
        <SelectField
          name="currency"
          label={t("currency")}
          defaultValue={line?.currency ?? "EUR"}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
        <TextField
          name="threshold"
          label={t("threshold")}
          hint={t("thresholdHint")}
          inputMode="decimal"
          defaultValue={line ? minorToDecimal(line.approvalThresholdMinor) : undefined}
          required
          autoComplete="off"
        />
      </div>
      <CheckboxField name="active" label={t("active")} defaultChecked={line?.active ?? true} />
      <SubmitButton variant="secondary" size="sm">
        {t(line ? "saveLine" : "addLine")}
      </SubmitButton>
    </ActionForm>
  );
}
