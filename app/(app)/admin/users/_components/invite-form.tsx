"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { inviteUserAction, type IssuedLink as Issued } from "@/app/(app)/admin/users/actions";
import { IssuedLink } from "@/app/(app)/admin/users/_components/issued-link";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";

/** Invites a user; the one-time link is shown here once and never again (useless without the approver's code). */
export function InviteForm() {
  const t = useTranslations("adminUsers");
  const tRole = useTranslations("nav");
  const [invite, setInvite] = useState<Issued | null>(null);
  return (
    <div className="space-y-4">
      <ActionForm
        action={inviteUserAction}
        onSuccess={(result) => setInvite(result.data ?? null)}
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end sm:space-y-0"
      >
        <TextField name="email" type="email" label={t("inviteEmail")} autoComplete="off" required />
        <SelectField
          name="role"
          label={t("inviteRole")}
          required
          defaultValue="CASEWORKER"
          options={(["CASEWORKER", "COORDINATOR", "ADMIN"] as const).map((role) => ({ value: role, label: tRole("role", { role }) }))}
        />
        <SubmitButton pendingLabel={t("inviting")}>{t("invite")}</SubmitButton>
      </ActionForm>
      {invite ? (
        <div className="space-y-2">
          <IssuedLink title={t("inviteCreated")} label={t("inviteLink")} link={invite.link} expiresAt={invite.expiresAt} />
          <p className="text-sm text-slate-700">{t("inviteAwaitingApproval")}</p>
        </div>
      ) : null}
    </div>
  );
}
