"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { inviteUserAction } from "@/app/(app)/admin/users/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";

/** Invites a user; the one-time link is shown here once and never again. */
export function InviteForm() {
  const t = useTranslations("adminUsers");
  const tRole = useTranslations("nav");
  const format = useFormatter();
  const [invite, setInvite] = useState<{ link: string; expiresAt: string; pendingApproval: boolean } | null>(null);
  return (
    <div className="space-y-4">
      <ActionForm action={inviteUserAction} onSuccess={(result) => setInvite(result.data ?? null)} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end sm:space-y-0">
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
        <Alert tone="success" title={t("inviteCreated")}>
          <p>{t("inviteShownOnce", { expires: format.dateTime(new Date(invite.expiresAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
          {invite.pendingApproval ? <p className="mt-1 font-medium">{t("inviteAwaitingApproval")}</p> : null}
          <label className="mt-2 block text-xs font-medium" htmlFor="invite-link">
            {t("inviteLink")}
          </label>
          <input id="invite-link" readOnly value={invite.link} onFocus={(e) => e.currentTarget.select()} className="mt-1 w-full rounded border border-emerald-400 bg-white px-2 py-1 font-mono text-xs text-slate-900" />
        </Alert>
      ) : null}
    </div>
  );
}
