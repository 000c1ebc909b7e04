import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ApprovalButtons } from "@/app/(app)/admin/approvals/_components/approval-buttons";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { momentText } from "@/components/cases/date-text";
import { stayRuleParts } from "@/components/cases/stay-rule-text";
import type { StayRule } from "@/lib/countries/stay-rule-order";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { countryName } from "@/lib/i18n/countries";
import { listAccessRequests, type AccessRequestDTO } from "@/lib/users/approval-queue";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SecurityStepUp } from "@/app/(app)/admin/_components/security-step-up";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("approvals"))("title") };
}

const STATUS_TONE: Record<string, Tone> = { PENDING: "warning", APPROVED: "success", REJECTED: "neutral", EXPIRED: "neutral" };

export default async function ApprovalsPage() {
  const actor = await requirePageActor("access:view");
  const [requests, t, tNav, tCase, tStay, tApp, locale, format] = await Promise.all([
    listAccessRequests(actor),
    getTranslations("approvals"),
    getTranslations("nav"),
    getTranslations("case"),
    getTranslations("stay"),
    getTranslations("app"),
    getLocale(),
    getFormatter(),
  ]);
  const mayDecide = can(actor.role, "access:approve");
  const seesCases = can(actor.role, "case:read");
  const when = (date: Date) => momentText(format, date);
  const risk = (value: string) => (value === "NONE" ? t("noRisk") : tCase(`jurisdiction.${value}`));
  const stay = (rule: StayRule | null) =>
    rule
      ? stayRuleParts(rule)
          .map(([key, values]) => tStay(`rule.${key}`, values))
          .join(" · ")
      : tStay("none");
  // What each request is about, and what it asks for, in the reader's words.
  const describe = (r: AccessRequestDTO): { subject: string; kind: string } => {
    if (r.kind === "FREEZE_LIFT") return { subject: tApp("name"), kind: t("kind.FREEZE_LIFT") };
    if (r.kind === "CASE_ERASURE") return { subject: r.subject || (seesCases ? t("caseGone") : t("aCase")), kind: t("kind.CASE_ERASURE") };
    if (r.risk)
      return { subject: countryName(r.subject, locale), kind: t("kind.COUNTRY_RISK", { from: risk(r.risk.from), to: risk(r.risk.to) }) };
    if (r.stay)
      return {
        subject: countryName(r.subject, locale),
        kind: t("kind.COUNTRY_STAY_RULE", { from: stay(r.stay.from), to: stay(r.stay.to) }),
      };
    return { subject: r.subject, kind: t(`kind.${r.kind}`, { role: r.role ? tNav("role", { role: r.role }) : "" }) };
  };
  return (
    <ClientMessages namespaces={["approvals"]}>
      <>
        <PageHeader title={t("title")} description={mayDecide ? t("descriptionCoordinator") : t("descriptionAdmin")} />
        {mayDecide ? <SecurityStepUp actor={actor} /> : null}
        {requests.length === 0 ? (
          <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
        ) : (
          <Card>
            <StackedList>
              {requests.map((r) => {
                const own = r.requestedById === actor.userId;
                const aboutSelf = r.subjectId === actor.userId || r.subject === actor.email;
                const { subject, kind } = describe(r);
                return (
                  <StackedRow
                    key={r.id}
                    testId="access-request"
                    className="space-y-1 text-sm"
                    actions={
                      mayDecide && !own && !aboutSelf ? (
                        <ApprovalButtons
                          requestId={r.id}
                          subject={subject}
                          pending={r.status === "PENDING"}
                          confirm={r.kind === "CASE_ERASURE" ? { title: t("eraseTitle", { subject }), body: t("eraseBody") } : undefined}
                        />
                      ) : r.status === "PENDING" && mayDecide ? (
                        <p className="text-xs text-slate-600">{own ? t("ownRequest") : t("aboutYou")}</p>
                      ) : null
                    }
                  >
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium break-all text-slate-900">{subject}</span>
                      <Badge>{kind}</Badge>
                      <Badge tone={STATUS_TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
                    </p>
                    <p className="text-slate-600">
                      {t("requested", { who: r.requestedBy, when: when(r.createdAt) })}
                      {r.status === "PENDING" ? ` · ${t("expires", { when: when(r.expiresAt) })}` : ""}
                      {r.decidedBy && r.decidedAt ? ` · ${t("decided", { who: r.decidedBy, when: when(r.decidedAt) })}` : ""}
                    </p>
                  </StackedRow>
                );
              })}
            </StackedList>
          </Card>
        )}
      </>
    </ClientMessages>
  );
}
