"use client";

import { useTranslations } from "next-intl";
import { approveRequestAction, rejectRequestAction } from "@/app/(app)/admin/approvals/actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";

export function ApprovalButtons({ requestId, subject }: { requestId: string; subject: string }) {
  const t = useTranslations("approvals");
  const tc = useTranslations("common");
  return (
    <div className="flex flex-wrap gap-2">
      <ActionForm action={approveRequestAction} className="space-y-1" successMessage={t("approved")} aria-label={t("approveFor", { subject })}>
        <input type="hidden" name="requestId" value={requestId} />
        <SubmitButton size="sm" pendingLabel={tc("working")}>
          {t("approve")}
        </SubmitButton>
      </ActionForm>
      <ActionForm action={rejectRequestAction} className="space-y-1" successMessage={t("rejected")} aria-label={t("rejectFor", { subject })}>
        <input type="hidden" name="requestId" value={requestId} />
        <ConfirmButton variant="secondary" label={t("reject")} title={t("rejectTitle", { subject })} confirmLabel={t("reject")} cancelLabel={tc("cancel")} pendingLabel={tc("working")} />
      </ActionForm>
    </div>
  );
}
