import { useLocale, useTranslations } from "next-intl";
import { Badge, type Label, type Tone } from "@/components/ui/badge";
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

export function statusLabel(t: CaseMessages, status: CaseStatus): Label {
  return { text: t(`status.${status}`), tone: STATUS_TONE[status] };
}

export function statusBadge(t: CaseMessages, status: CaseStatus) {
  const { text, tone } = statusLabel(t, status);
  return <Badge tone={tone}>{text}</Badge>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return statusBadge(useTranslations("case"), status);
}

const RISK_TONE: Record<RiskLevel, Tone> = { LOW: "neutral", ELEVATED: "warning", HIGH: "danger", CRITICAL: "critical" };

export function riskLabel(t: CaseMessages, level: RiskLevel): Label {
  return { text: t(`riskLevel.${level}`), tone: RISK_TONE[level] };
}

export function riskBadge(t: CaseMessages, level: RiskLevel) {
  const { text, tone } = riskLabel(t, level);
  return (
    <Badge tone={tone} title={t("riskTitle")}>
      {text}
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

export function jurisdictionLabel(t: CaseMessages, risk: JurisdictionRisk | null): Label {
  return { text: t(`jurisdiction.${risk ?? "UNKNOWN"}`), tone: risk ? JURISDICTION_TONE[risk] : "neutral" };
}

function jurisdictionBadge(t: CaseMessages, risk: JurisdictionRisk | null) {
  const { text, tone } = jurisdictionLabel(t, risk);
  return <Badge tone={tone}>{text}</Badge>;
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
