import { useLocale, useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import { countryName } from "@/lib/i18n/countries";
import type { CaseStatus, JurisdictionRisk, RiskLevel } from "@/lib/cases/vocabulary";

// Shared by server and client components (no hooks beyond next-intl's, which work in both).

const STATUS_TONE: Record<CaseStatus, Tone> = {
  NEW: "info",
  VERIFYING: "info",
  PLANNING_EXIT: "info",
  IN_TRANSIT: "warning",
  IN_THIRD_COUNTRY: "warning",
  APPLYING: "info",
  RELOCATED: "success",
  CLOSED: "neutral",
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const t = useTranslations("case");
  return <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

const RISK_TONE: Record<RiskLevel, Tone> = { LOW: "neutral", ELEVATED: "warning", HIGH: "danger", CRITICAL: "critical" };

export function RiskBadge({ level }: { level: RiskLevel }) {
  const t = useTranslations("case");
  return (
    <Badge tone={RISK_TONE[level]} title={t("riskTitle")}>
      {t(`riskLevel.${level}`)}
    </Badge>
  );
}

const JURISDICTION_TONE: Record<JurisdictionRisk, Tone> = {
  ORIGIN: "critical",
  EXTRADITION_RISK: "danger",
  TRANSIT: "warning",
  SAFE: "success",
};

export function JurisdictionBadge({ risk }: { risk: JurisdictionRisk | null }) {
  const t = useTranslations("case");
  return <Badge tone={risk ? JURISDICTION_TONE[risk] : "neutral"}>{t(`jurisdiction.${risk ?? "UNKNOWN"}`)}</Badge>;
}

/** A country's name in the reader's language, with its jurisdiction risk. */
export function CountryWithRisk({ code, risk, place }: { code: string; risk: JurisdictionRisk | null; place?: string | null }) {
  const locale = useLocale();
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span>
        {countryName(code, locale)}
        {place ? <span className="text-slate-600">, {place}</span> : null}
      </span>
      <JurisdictionBadge risk={risk} />
    </span>
  );
}
