import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApprovalButtons } from "@/components/admin/approval-buttons";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import { listAccessRequests } from "@/lib/users/approvals";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("approvals"))("title") };
}

const STATUS_TONE: Record<string, Tone> = { PENDING: "warning", APPROVED: "success", REJECTED: "neutral", EXPIRED: "neutral" };

export default async function ApprovalsPage() {
  const actor = await requirePageActor("access:view");
  const [requests, t, tNav, format] = await Promise.all([listAccessRequests(actor), getTranslations("approvals"), getTranslations("nav"), getFormatter()]);
  const mayDecide = can(actor.role, "access:approve");
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <ClientMessages namespaces={["approvals"]}>
      <>
        <PageHeader title={t("title")} description={mayDecide ? t("descriptionCoordinator") : t("descriptionAdmin")} />
        {requests.length === 0 ? (
          <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
        ) : (
          <Card>
            <ul className="divide-y divide-slate-200">
              {requests.map((r) => {
                const own = r.requestedById === actor.userId;
                const aboutSelf = r.subjectId === actor.userId || r.subject === actor.email;
                return (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5" data-testid="access-request">
                    <div className="min-w-0 space-y-1 text-sm">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="font-medium break-all text-slate-900">{r.subject}</span>
                        <Badge>{t(`kind.${r.kind}`, { role: tNav("role", { role: r.role }) })}</Badge>
                        <Badge tone={STATUS_TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
                      </p>
                      <p className="text-slate-600">
                        {t("requested", { who: r.requestedBy, when: when(r.createdAt) })}
                        {r.status === "PENDING" ? ` · ${t("expires", { when: when(r.expiresAt) })}` : ""}
                        {r.decidedBy && r.decidedAt ? ` · ${t("decided", { who: r.decidedBy, when: when(r.decidedAt) })}` : ""}
                      </p>
                    </div>
                    {r.status === "PENDING" && mayDecide ? (
                      own || aboutSelf ? (
                        <p className="text-xs text-slate-600">{own ? t("ownRequest") : t("aboutYou")}</p>
                      ) : (
                        <ApprovalButtons requestId={r.id} subject={r.subject} />
                      )
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </Card>
        )}
      </>
    </ClientMessages>
  );
}
