import { useLocale, useTranslations } from "next-intl";
import { RiskBadge, StatusBadge } from "@/components/cases/badges";
import { DaysSince, RelativeTime } from "@/components/cases/time";
import { Alert } from "@/components/ui/alert";
import type { CaseDetailDTO } from "@/lib/cases/dto";
import { DANGEROUS_JURISDICTIONS } from "@/lib/cases/vocabulary";
import { countryName } from "@/lib/i18n/countries";

/** The case's code, status and risk, who has it, and the warnings that come before any work on it. */
export function CaseHeader({ detail, justCreated }: { detail: CaseDetailDTO; justCreated: boolean }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const locale = useLocale();
  const danger = detail.location.countryRisk !== null && DANGEROUS_JURISDICTIONS.includes(detail.location.countryRisk);
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{detail.code}</h1>
        <StatusBadge status={detail.status} />
        <RiskBadge level={detail.profile.riskLevel} />
      </div>
      <p className="text-sm text-slate-600">
        <DaysSince date={detail.statusSince} messageKey="daysInStage" /> ·{" "}
        {detail.assignee ? t("assignedTo", { email: detail.assignee.email }) : t("unassigned")} · {t("updated")}{" "}
        <RelativeTime date={detail.updatedAt} />
      </p>
      {justCreated ? <Alert tone="success">{t("created", { code: detail.code })}</Alert> : null}
      {danger ? (
        <Alert tone="danger" title={t("dangerTitle", { country: countryName(detail.location.country, locale) })}>
          {detail.location.countryRisk === "ORIGIN" ? t("dangerOrigin") : t("dangerExtradition")}
        </Alert>
      ) : null}
      {detail.noValidTravelDocument && detail.status !== "CLOSED" ? (
        <Alert tone="warning" title={t("noTravelDocTitle")}>
          {t("noTravelDocBody")}
        </Alert>
      ) : null}
      {detail.legal.rules.level === "CRITICAL" && detail.status !== "CLOSED" ? (
        <Alert tone="danger" title={t("criticalByRules")}>
          <ul className="list-disc pl-5" data-testid="critical-reasons">
            {detail.legal.rules.applying
              .filter((r) => r.level === "CRITICAL")
              .map((r) => (
                <li key={r.id}>{tc(`legalRule.${r.id}`)}</li>
              ))}
          </ul>
        </Alert>
      ) : null}
      {detail.status === "CLOSED" ? (
        <Alert tone="info" title={t("closedTitle")}>
          {detail.closeReason ? tc(`closeReason.${detail.closeReason}`) : null}
          {detail.closeReasonText ? `: ${detail.closeReasonText}` : null}
        </Alert>
      ) : null}
    </header>
  );
}
