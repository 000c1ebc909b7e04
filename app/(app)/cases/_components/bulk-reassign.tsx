"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { bulkReassignAction } from "@/app/(app)/cases/actions";
import { ActionForm, useFieldError } from "@/components/ui/action-form";
import { controlClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { BULK_FORM_ID } from "@/app/(app)/cases/_components/bulk-form";

/** Reassigns the cases ticked in the list to one caseworker: all or nothing. */
export function BulkReassign({ caseworkers }: { caseworkers: Array<{ id: string; email: string }> }) {
  const t = useTranslations("cases");
  const [moved, setMoved] = useState<number | null>(null);
  return (
    <ActionForm
      id={BULK_FORM_ID}
      action={bulkReassignAction}
      onSuccess={(r) => setMoved(r.data?.moved ?? 0)}
      successMessage={moved === null ? undefined : t("bulkMoved", { count: moved })}
      className="mb-3 flex flex-wrap items-end gap-3 space-y-0 rounded-lg border border-slate-200 bg-white p-3"
      aria-label={t("bulkTitle")}
    >
      <p className="w-full text-sm text-slate-600 sm:w-auto sm:flex-1">{t("bulkHint")}</p>
      <label className="text-sm font-medium text-slate-800">
        {t("bulkTo")}
        <select name="assigneeId" required defaultValue="" className={controlClass("mt-1 w-auto py-1.5")}>
          <option value="" disabled>
            {t("chooseCaseworker")}
          </option>
          {caseworkers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.email}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton variant="secondary" pendingLabel={t("moving")}>
        {t("bulkSubmit")}
      </SubmitButton>
      <SelectionError />
    </ActionForm>
  );
}

/** The ticked cases are checkboxes in the list, not a field of this form: their error is shown here. */
function SelectionError() {
  const error = useFieldError("cases");
  return error ? <p className="w-full text-sm font-medium text-red-700">{error}</p> : null;
}
