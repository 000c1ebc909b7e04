"use client";

import { useTranslations } from "next-intl";
import { reassignTasksAction } from "@/app/(app)/tasks/actions";
import { REASSIGN_FORM_ID } from "@/app/(app)/tasks/_components/reassign-form";
import { BulkGiveForm } from "@/components/ui/bulk-give-form";

/** Gives the tasks ticked on the board to one person: all or nothing. */
export function ReassignTasks({ owners }: { owners: Array<{ id: string; email: string }> }) {
  const t = useTranslations("tasks");
  return (
    <BulkGiveForm
      formId={REASSIGN_FORM_ID}
      action={reassignTasksAction}
      personField="ownerId"
      selectionField="stepIds"
      people={owners}
      words={{
        title: t("reassignTitle"),
        hint: t("reassignHint"),
        to: t("reassignTo"),
        choose: t("chooseOwner"),
        submit: t("reassignSubmit"),
        pending: t("saving"),
      }}
      movedMessage={(count) => t("reassigned", { count })}
    />
  );
}
