"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  changeRoleAction,
  deactivateUserAction,
  reactivateUserAction,
  requestPasswordResetAction,
  resetSecondFactorAction,
  revokeInviteAction,
  revokeUserSessionsAction,
  signOutEveryoneAction,
  type IssuedLink as Issued,
} from "@/app/(app)/admin/users/actions";
import { IssuedLink } from "@/app/(app)/admin/users/_components/issued-link";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UserRowDTO } from "@/lib/users/directory";

/**
 * The controls of one user row. Props carry only what the row displays. Resets of sign-in show their
 * recovery link here once; it works only with the code the approving coordinator receives.
 */
export function UserActions({ user }: { user: Pick<UserRowDTO, "id" | "email" | "role" | "status" | "isSelf" | "activationPending"> }) {
  const t = useTranslations("adminUsers");
  const tc = useTranslations("common");
  const tRole = useTranslations("nav");
  const hidden = <input type="hidden" name="userId" value={user.id} />;
  const [rolePending, setRolePending] = useState(false);
  const [reactivationPending, setReactivationPending] = useState(false);
  const [deactivationPending, setDeactivationPending] = useState(false);
  const [issued, setIssued] = useState<{ kind: "secondFactor" | "password"; link: Issued } | null>(null);
  const resettable = user.status === "ACTIVE" && !user.activationPending;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        {!user.isSelf ? (
          <ActionForm
            action={changeRoleAction}
            className="flex items-center gap-2 space-y-0"
            aria-label={t("changeRoleFor", { email: user.email })}
            onSuccess={(r) => setRolePending(Boolean(r.data?.pending))}
            successMessage={rolePending ? t("requestSent") : t("roleChanged")}
          >
            {hidden}
            <label className="sr-only" htmlFor={`role-${user.id}`}>
              {t("roleFor", { email: user.email })}
            </label>
            <select id={`role-${user.id}`} name="role" defaultValue={user.role} className={controlClass("w-auto py-1.5")}>
              {(["CASEWORKER", "COORDINATOR", "ADMIN"] as const).map((role) => (
                <option key={role} value={role}>
                  {tRole("role", { role })}
                </option>
              ))}
            </select>
            <SubmitButton variant="secondary" size="sm" pendingLabel={tc("saving")}>
              {t("changeRole")}
            </SubmitButton>
          </ActionForm>
        ) : null}
        <ActionForm action={revokeUserSessionsAction} className="space-y-0" successMessage={t("sessionsEnded")}>
          {hidden}
          <SubmitButton variant="secondary" size="sm">
            {t("endSessions")}
          </SubmitButton>
        </ActionForm>
        {resettable ? (
          <ActionForm
            action={resetSecondFactorAction}
            className="space-y-0"
            successMessage={t("secondFactorReset")}
            onSuccess={(r) => setIssued(r.data ? { kind: "secondFactor", link: r.data } : null)}
          >
            {hidden}
            <ConfirmButton
              variant="secondary"
              label={t("resetSecondFactor")}
              title={t("resetSecondFactorTitle", { email: user.email })}
              body={t("resetSecondFactorBody")}
            />
          </ActionForm>
        ) : null}
        {resettable ? (
          <ActionForm
            action={requestPasswordResetAction}
            className="space-y-0"
            successMessage={t("requestSent")}
            onSuccess={(r) => setIssued(r.data ? { kind: "password", link: r.data } : null)}
          >
            {hidden}
            <ConfirmButton
              variant="secondary"
              label={t("resetPassword")}
              title={t("resetPasswordTitle", { email: user.email })}
              body={t("resetPasswordBody")}
            />
          </ActionForm>
        ) : null}
        {!user.isSelf && user.status === "ACTIVE" ? (
          <ActionForm
            action={deactivateUserAction}
            className="space-y-0"
            onSuccess={(r) => setDeactivationPending(Boolean(r.data?.pending))}
            successMessage={deactivationPending ? t("deactivationSent") : undefined}
          >
            {hidden}
            <ConfirmButton label={t("deactivate")} title={t("deactivateTitle", { email: user.email })} body={t("deactivateBody")} />
          </ActionForm>
        ) : null}
        {user.status === "DEACTIVATED" ? (
          <ActionForm
            action={reactivateUserAction}
            className="space-y-0"
            onSuccess={(r) => setReactivationPending(Boolean(r.data?.pending))}
            successMessage={reactivationPending ? t("requestSent") : undefined}
          >
            {hidden}
            <SubmitButton variant="secondary" size="sm">
              {t("reactivate")}
            </SubmitButton>
          </ActionForm>
        ) : null}
      </div>
      {issued ? (
        <IssuedLink
          title={issued.kind === "password" ? t("passwordLinkCreated") : t("secondFactorLinkCreated")}
          label={t("recoveryLink")}
          link={issued.link.link}
          expiresAt={issued.link.expiresAt}
        />
      ) : null}
    </div>
  );
}

export function RevokeInviteButton({ inviteId, email }: { inviteId: string; email: string }) {
  const t = useTranslations("adminUsers");
  return (
    <ActionForm action={revokeInviteAction} className="space-y-0" aria-label={t("revokeInviteFor", { email })}>
      <input type="hidden" name="inviteId" value={inviteId} />
      <SubmitButton variant="secondary" size="sm">
        {t("revokeInvite")}
      </SubmitButton>
    </ActionForm>
  );
}

export function SignOutEveryone() {
  const t = useTranslations("adminUsers");
  return (
    <ActionForm action={signOutEveryoneAction} className="space-y-2" successMessage={t("everyoneSignedOut")}>
      <ConfirmButton size="md" label={t("signOutEveryone")} title={t("signOutEveryoneTitle")} body={t("signOutEveryoneBody")} />
    </ActionForm>
  );
}
