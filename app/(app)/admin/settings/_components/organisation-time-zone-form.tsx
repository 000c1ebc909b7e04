"use client";

import { useTranslations } from "next-intl";
import { setOrganisationTimeZoneAction } from "@/app/(app)/admin/settings/actions";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";

/** The organisation's zone, chosen from the IANA list (never typed). */
export function OrganisationTimeZoneForm({ timeZone, zones }: { timeZone: string; zones: readonly string[] }) {
  const t = useTranslations("settings");
  return (
    <ActionForm
      action={setOrganisationTimeZoneAction}
      className="flex max-w-md flex-wrap items-end gap-3 space-y-0"
      successMessage={t("saved")}
    >
      <SelectField
        name="timeZone"
        label={t("timeZone")}
        defaultValue={timeZone}
        className="min-w-48 flex-1"
        options={zones.map((zone) => ({ value: zone, label: zone }))}
      />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("save")}
      </SubmitButton>
    </ActionForm>
  );
}
