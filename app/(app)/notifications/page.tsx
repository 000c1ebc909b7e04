import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { markNotificationsReadAction } from "@/app/(app)/notifications/actions";
import { DateTime } from "@/components/cases/time";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { requirePageActor } from "@/lib/auth/session";
import { listNotifications, type NotificationDTO } from "@/lib/inbox/queries";

/** Where a notification that names no case leads. */
const KIND_PAGE: Partial<Record<NotificationDTO["kind"], string>> = {
  APPROVAL_WAITING: "/admin/approvals",
  READING_ALERT: "/dashboard",
  CASES_IMPORTED: "/cases",
  // The list says which of one's cases the window covers, and until when.
  OUTREACH_OPENED: "/cases",
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

/** What Waypoint has to tell me: unread first, each naming a case by its code, in the app's own words. */
export default async function NotificationsPage() {
  const actor = await requirePageActor("notification:read");
  const [items, t] = await Promise.all([listNotifications(actor), getTranslations("notifications")]);
  const unread = items.filter((n) => !n.read).length;
  return (
    <ClientMessages namespaces={["notifications", "time"]}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          unread > 0 ? (
            <ActionForm action={markNotificationsReadAction}>
              <SubmitButton variant="secondary" pendingLabel={t("saving")}>
                {t("markAllRead")}
              </SubmitButton>
            </ActionForm>
          ) : null
        }
      />
      <Card>
        <CardBody>
          {items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("none")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="notifications">
              {items.map((n) => (
                <li key={n.id} className="flex flex-wrap items-center gap-3 py-2 text-sm" data-testid="notification">
                  <div className="min-w-0 flex-1">
                    <p className={n.read ? "text-slate-600" : "font-medium text-slate-900"}>
                      {n.read ? null : <span className="sr-only">{t("unread")}: </span>}
                      {t(`kind.${n.kind}`, { count: n.count })}
                      {n.code ? (
                        <>
                          {" · "}
                          <Link href={`/cases/${n.code}`} className="font-mono text-brand-700 underline-offset-2 hover:underline">
                            {n.code}
                          </Link>
                        </>
                      ) : KIND_PAGE[n.kind] ? (
                        <>
                          {" · "}
                          <Link href={KIND_PAGE[n.kind]!} className="text-brand-700 underline-offset-2 hover:underline">
                            {t("open")}
                          </Link>
                        </>
                      ) : null}
                    </p>
                    <p className="text-xs text-slate-600">
                      <DateTime date={n.createdAt} />
                    </p>
                  </div>
                  {n.read ? null : (
                    <ActionForm action={markNotificationsReadAction}>
                      <input type="hidden" name="id" value={n.id} />
                      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
                        {t("markRead")}
                      </SubmitButton>
                    </ActionForm>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </ClientMessages>
  );
}
