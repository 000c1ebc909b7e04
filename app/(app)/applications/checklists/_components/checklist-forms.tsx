"use client";

import { useTranslations } from "next-intl";
import { addChecklistItemAction, moveChecklistItemAction, updateChecklistItemAction } from "@/app/(app)/applications/checklists/actions";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ChecklistItemDTO } from "@/lib/cases/checklist-items";
import { APPLICATION_TYPES } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/** Adds an item to a destination's checklist (for every type of application there, or one). */
export function AddChecklistItemForm({ countries }: { countries: CountryOption[] }) {
  const t = useTranslations("checklists");
  const tc = useTranslations("case");
  return (
    <ActionForm
      action={addChecklistItemAction}
      successMessage={t("added")}
      className="grid gap-4 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end sm:space-y-0"
      aria-label={t("add")}
    >
      <TextField name="label" label={t("label")} hint={t("labelHint")} required maxLength={80} />
      <SelectField
        name="destinationCountry"
        label={t("destination")}
        required
        placeholder={t("choose")}
        options={countries.map((c) => ({ value: c.code, label: c.name }))}
      />
      <SelectField
        name="applicationType"
        label={t("type")}
        placeholder={t("anyType")}
        options={APPLICATION_TYPES.map((v) => ({ value: v, label: tc(`applicationType.${v}`) }))}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("add")}</SubmitButton>
    </ActionForm>
  );
}

/** One item: renamed or retired in place, moved up or down its list. */
export function ChecklistItemRow({ item }: { item: ChecklistItemDTO }) {
  const t = useTranslations("checklists");
  return (
    <div className="flex flex-wrap items-end gap-3">
      <ActionForm
        action={updateChecklistItemAction}
        successMessage={t("saved")}
        className="grid flex-1 gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end sm:space-y-0"
        aria-label={t("edit", { label: item.label })}
      >
        <input type="hidden" name="itemId" value={item.id} />
        <TextField name="label" label={t("label")} required maxLength={80} defaultValue={item.label} />
        <CheckboxField name="active" label={t("active")} defaultChecked={item.active} />
        <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
          {t("save")}
        </SubmitButton>
      </ActionForm>
      <ActionForm action={moveChecklistItemAction} className="flex gap-2 sm:space-y-0" aria-label={t("move", { label: item.label })}>
        <input type="hidden" name="itemId" value={item.id} />
        {(["up", "down"] as const).map((direction) => (
          <SubmitButton key={direction} variant="secondary" size="sm" name="direction" value={direction}>
            <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span>
            <span className="sr-only">{direction === "up" ? t("up", { label: item.label }) : t("down", { label: item.label })}</span>
          </SubmitButton>
        ))}
      </ActionForm>
    </div>
  );
}
