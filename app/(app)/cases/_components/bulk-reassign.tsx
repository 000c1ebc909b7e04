"use client";

import { useTranslations } from "next-intl";
import { bulkReassignAction } from "@/app/(app)/cases/actions";
import { BULK_FORM_ID } from "@/app/(app)/cases/_components/bulk-form";
import { BulkGiveForm } from "@/components/ui/bulk-give-form";

/** Reassigns the cases ticked in the list to one caseworker: all or nothing. */
export function BulkReassign({ caseworkers }: { caseworkers: Array<{ id: string; email: string }> }) {
  const t = useTranslations("cases");
  return (
    <BulkGiveForm
      formId={BULK_FORM_ID}
      action={bulkReassignAction}
      personField="assigneeId"
      selectionField="cases"
      people={caseworkers}
      words={{
        title: t("bulkTitle"),
        hint: t("bulkHint"),
        to: t("bulkTo"),
        choose: t("chooseCaseworker"),
        submit: t("bulkSubmit"),
        pending: t("moving"),
      }}
      movedMessage={(count) => t("bulkMoved", { count })}
    />
  );
}
