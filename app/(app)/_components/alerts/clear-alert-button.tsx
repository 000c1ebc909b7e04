"use client";

import { useTranslations } from "next-intl";
import { clearReadingAlertAction } from "./actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

export function ClearAlertButton({ alertId, user, suspended }: { alertId: string; user: string; suspended: boolean }) {
  const t = useTranslations("alerts");
  return (
    <ActionForm
      action={clearReadingAlertAction}
      className="space-y-1"
      successMessage={t("clearedMessage")}
      aria-label={t("clearFor", { user })}
    >
      <input type="hidden" name="alertId" value={alertId} />
      <ConfirmButton
        variant="secondary"
        label={t("clear")}
        title={t("clearTitle", { user })}
        body={suspended ? t("clearSuspendedHint") : t("clearHint")}
      />
    </ActionForm>
  );
}
