import { useLocale, useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import { countryName } from "@/lib/i18n/countries";
import type { CaseStatus, JurisdictionRisk, RiskLevel } from "@/lib/cases/vocabulary";

// Shared by server and client components (no hooks beyond next-intl's, which work in both). Each
// badge is also a plain function of an already-made translator, for a server component that renders
// many rows: it makes its translators once, and its rows are host elements only (no component per
// cell, and none of the hooks' suspensions, which make React finish each row as a task of its own).

/** next-intl's translator for the "case" messages. */
export type CaseMessages = ReturnType<typeof useTranslations<"case">>;

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

export function statusBadge(t: CaseMessages, status: CaseStatus) {
  return <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return statusBadge(useTranslations("case"), status);
}

const RISK_TONE: Record<RiskLevel, Tone> = { LOW: "neutral", ELEVATED: "warning", HIGH: "danger", CRITICAL: "critical" };

export function riskBadge(t: CaseMessages, level: RiskLevel) {
  return (
    <Badge tone={RISK_TONE[level]} title={t("riskTitle")}>
      {t(`riskLevel.${level}`)}
    </Badge>
  );
}

export function RiskBadge({ level }: { level: RiskLevel }) {
  return riskBadge(useTranslations("case"), level);
}

const JURISDICTION_TONE: Record<JurisdictionRisk, Tone> = {
  ORIGIN: "critical",
  EXTRADITION_RISK: "danger",
  TRANSIT: "warning",
  SAFE: "success",
};

function jurisdictionBadge(t: CaseMessages, risk: JurisdictionRisk | null) {
  return <Badge tone={risk ? JURISDICTION_TONE[risk] : "neutral"}>{t(`jurisdiction.${risk ?? "UNKNOWN"}`)}</Badge>;
}

export function JurisdictionBadge({ risk }: { risk: JurisdictionRisk | null }) {
  return jurisdictionBadge(useTranslations("case"), risk);
}

interface CountryShown {
  code: string;
  risk: JurisdictionRisk | null;
  place?: string | null;
}

/** A country's name in the reader's language, with its jurisdiction risk. */
export function countryWithRisk(t: CaseMessages, locale: string, { code, risk, place }: CountryShown) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span>
        {countryName(code, locale)}
        {place ? <span className="text-slate-600">, {place}</span> : null}
      </span>
      {jurisdictionBadge(t, risk)}
    </span>
  );
}

export function CountryWithRisk(country: CountryShown) {
  return countryWithRisk(useTranslations("case"), useLocale(), country);
}
