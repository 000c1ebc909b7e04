import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/admin/invite-form";
import { RevokeInviteButton, SignOutEveryone, UserActions } from "@/components/admin/user-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listPendingInvites, listUsers } from "@/lib/users/admin";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUsers"))("title") };
}

export default async function AdminUsersPage() {
  const actor = await requirePageActor("user:manage");
  const [users, invites, t, tNav, format] = await Promise.all([
    listUsers(actor),
    listPendingInvites(actor),
    getTranslations("adminUsers"),
    getTranslations("nav"),
    getFormatter(),
  ]);
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));

  return (
    <ClientMessages namespaces={["adminUsers", "nav"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} actions={<SignOutEveryone />} />
        <div className="space-y-6">
          <Card aria-labelledby="invite-heading">
            <CardHeader id="invite-heading" title={t("inviteTitle")} description={t("inviteDescription")} />
            <CardBody>
              <InviteForm />
            </CardBody>
          </Card>

          {invites.length ? (
            <Card aria-labelledby="invites-heading">
              <CardHeader id="invites-heading" title={t("pendingInvites")} />
              <ul className="divide-y divide-slate-200">
                {invites.map((invite) => (
                  <li key={invite.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5">
                    <div className="min-w-0">
                      <p className="truncate font-medium text-slate-900">{invite.email}</p>
                      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                        {tNav("role", { role: invite.role })} · {t("expires", { when: when(invite.expiresAt) })}
                        {invite.awaitingApproval ? <Badge tone="warning">{t("awaitingApproval")}</Badge> : null}
                      </p>
                    </div>
                    <RevokeInviteButton inviteId={invite.id} email={invite.email} />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          <Card aria-labelledby="users-heading">
            <CardHeader id="users-heading" title={t("usersTitle", { count: users.length })} />
            <ul className="divide-y divide-slate-200">
              {users.map((user) => (
                <li key={user.id} className="space-y-3 px-4 py-4 sm:px-5" data-testid="user-row">
                  <div className="flex flex-wrap items-center gap-2">
                    <p className="min-w-0 truncate font-medium text-slate-900">{user.email}</p>
                    {user.isSelf ? <Badge tone="info">{t("you")}</Badge> : null}
                    <Badge>{tNav("role", { role: user.role })}</Badge>
                    {user.status === "ACTIVE" ? <Badge tone="success">{t("active")}</Badge> : <Badge tone="danger">{t("deactivated")}</Badge>}
                    {user.secondFactorEnrolled ? <Badge tone="success">{t("twoFactorOn")}</Badge> : <Badge tone="warning">{t("twoFactorOff")}</Badge>}
                    {user.pendingRequest ? <Badge tone="warning">{t("pendingChange", { kind: user.pendingRequest.kind, role: tNav("role", { role: user.pendingRequest.role }) })}</Badge> : null}
                  </div>
                  <p className="text-sm text-slate-600">
                    {t("lastSignIn", { when: when(user.lastSignInAt) })} · {t("activeSessions", { count: user.activeSessions })}
                  </p>
                  <UserActions user={{ id: user.id, email: user.email, role: user.role, status: user.status, isSelf: user.isSelf }} />
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </>
    </ClientMessages>
  );
}
