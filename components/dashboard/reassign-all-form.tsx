"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { reassignAllAction } from "@/app/(app)/dashboard/actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/field";

/** "Someone leaves": every open case of one caseworker (or every unassigned one) to another. */
export function ReassignAllForm({ fromId, fromLabel, count, caseworkers }: { fromId: string; fromLabel: string; count: number; caseworkers: Array<{ id: string; email: string }> }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("common");
  const [moved, setMoved] = useState<number | null>(null);
  const targets = caseworkers.filter((c) => c.id !== fromId);
  return (
    <ActionForm action={reassignAllAction} onSuccess={(r) => setMoved(r.data?.moved ?? 0)} successMessage={moved === null ? undefined : t("moved", { count: moved })} className="flex flex-wrap items-center gap-2 space-y-0" aria-label={t("reassignAllOf", { who: fromLabel })}>
      <input type="hidden" name="fromId" value={fromId} />
      <label className="sr-only" htmlFor={`reassign-${fromId}`}>
        {t("reassignTo")}
      </label>
      <select id={`reassign-${fromId}`} name="assigneeId" required defaultValue="" className={controlClass("w-auto py-1.5")}>
        <option value="" disabled>
          {t("reassignTo")}
        </option>
        {targets.map((c) => (
          <option key={c.id} value={c.id}>
            {c.email}
          </option>
        ))}
      </select>
      <ConfirmButton
        variant="secondary"
        label={t("reassignAll")}
        title={t("reassignAllTitle", { who: fromLabel, count })}
        body={t("reassignAllBody")}
        confirmLabel={t("reassignAll")}
        cancelLabel={tc("cancel")}
        pendingLabel={tc("working")}
      />
    </ActionForm>
  );
}
