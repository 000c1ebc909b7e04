import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { InviteForm } from "@/app/(app)/admin/users/_components/invite-form";
import { RevokeInviteButton, SignOutEveryone, UserActions } from "@/app/(app)/admin/users/_components/user-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith, Pagination } from "@/components/ui/pagination";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { momentText } from "@/components/cases/date-text";
import { requirePageActor } from "@/lib/auth/session";
import { listPendingInvites, listUsers } from "@/lib/users/directory";
import { ClientMessages } from "@/components/i18n/client-messages";
import { buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { z } from "zod";
import { SecurityStepUp } from "@/app/(app)/admin/_components/security-step-up";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUsers"))("title") };
}

const ListQuerySchema = z.object({
  q: z.string().trim().max(254).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("user:manage");
  const query = ListQuerySchema.parse(await searchParams);
  const [{ users, total, page, pageCount }, invites, t, tNav, format] = await Promise.all([
    listUsers(actor, { q: query.q || undefined, page: query.page }),
    listPendingInvites(actor),
    getTranslations("adminUsers"),
    getTranslations("nav"),
    getFormatter(),
  ]);
  const when = (date: Date | null) => (date ? momentText(format, date) : t("never"));
  const usersHref = (to: number) => hrefWith("/admin/users", { q: query.q, page: to > 1 ? to : undefined });

  return (
    <ClientMessages namespaces={["adminUsers", "nav"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} actions={<SignOutEveryone />} />
        <SecurityStepUp actor={actor} />
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
              <StackedList>
                {invites.map((invite) => (
                  <StackedRow key={invite.id} actions={<RevokeInviteButton inviteId={invite.id} email={invite.email} />}>
                    <p className="truncate font-medium text-slate-900">{invite.email}</p>
                    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                      {tNav("role", { role: invite.role })} · {t("expires", { when: when(invite.expiresAt) })}
                      {invite.awaitingApproval ? <Badge tone="warning">{t("awaitingApproval")}</Badge> : null}
                    </p>
                  </StackedRow>
                ))}
              </StackedList>
            </Card>
          ) : null}

          <Card aria-labelledby="users-heading">
            <CardHeader id="users-heading" title={t("usersTitle", { count: total })} />
            <form
              method="get"
              action="/admin/users"
              role="search"
              aria-label={t("searchLabel")}
              className="flex flex-wrap items-end gap-2 border-b border-slate-200 px-4 py-3 sm:px-5"
            >
              <label className="min-w-0 flex-1 text-sm font-medium text-slate-800">
                {t("searchLabel")}
                <input
                  type="search"
                  name="q"
                  defaultValue={query.q}
                  autoComplete="off"
                  spellCheck={false}
                  className={controlClass("mt-1")}
                />
              </label>
              <button type="submit" className={buttonClass("secondary", "md")}>
                {t("searchSubmit")}
              </button>
            </form>
            {users.length === 0 ? <p className="px-4 py-6 text-sm text-slate-600 sm:px-5">{t("noMatch", { q: query.q ?? "" })}</p> : null}
            <ul className="divide-y divide-slate-200">
              {users.map((user) => (
                <li key={user.id} className="space-y-3 px-4 py-4 sm:px-5" data-testid="user-row">
                  <div className="flex flex-wrap items-center gap-2">
                    <p className="min-w-0 truncate font-medium text-slate-900">{user.email}</p>
                    {user.isSelf ? <Badge tone="info">{t("you")}</Badge> : null}
                    <Badge>{tNav("role", { role: user.role })}</Badge>
                    {user.status === "ACTIVE" ? (
                      <Badge tone="success">{t("active")}</Badge>
                    ) : (
                      <Badge tone="danger">{t("deactivated")}</Badge>
                    )}
                    {user.activationPending ? (
                      <Badge tone="warning">{t("setupNotFinished")}</Badge>
                    ) : user.secondFactorEnrolled ? (
                      <Badge tone="success">{t("twoFactorOn")}</Badge>
                    ) : (
                      <Badge tone="warning">{t("twoFactorOff")}</Badge>
                    )}
                    {user.pendingRequest ? (
                      <Badge tone="warning">
                        {t("pendingChange", {
                          kind: user.pendingRequest.kind,
                          role: user.pendingRequest.role ? tNav("role", { role: user.pendingRequest.role }) : "",
                        })}
                      </Badge>
                    ) : null}
                  </div>
                  <p className="text-sm text-slate-600">
                    {t("lastSignIn", { when: when(user.lastSignInAt) })} · {t("activeSessions", { count: user.activeSessions })}
                  </p>
                  <UserActions
                    user={{
                      id: user.id,
                      email: user.email,
                      role: user.role,
                      status: user.status,
                      isSelf: user.isSelf,
                      activationPending: user.activationPending,
                    }}
                  />
                </li>
              ))}
            </ul>
            {pageCount > 1 ? (
              <Pagination
                label={t("pages")}
                className="border-t border-slate-200 px-4 py-3 sm:px-5"
                status={t("pageOf", { page, pages: pageCount })}
                previous={page > 1 ? { href: usersHref(page - 1), label: t("previousPage") } : null}
                next={page < pageCount ? { href: usersHref(page + 1), label: t("nextPage") } : null}
              />
            ) : null}
          </Card>
        </div>
      </>
    </ClientMessages>
  );
}
