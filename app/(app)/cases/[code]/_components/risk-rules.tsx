import { useTranslations } from "next-intl";
import { RiskBadge } from "@/components/cases/badges";
import type { LegalDTO } from "@/lib/cases/dto";

/** What the legal risk rules say of the case now, and every rule that applies: the reason for its risk. */
export function RiskRules({ rules }: { rules: LegalDTO["rules"] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  if (!rules.level) return <p className="text-sm text-slate-600">{t("noRuleApplies")}</p>;
  return (
    <section
      aria-labelledby="risk-rules-heading"
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
      data-testid="risk-rules"
    >
      <h3 id="risk-rules-heading" className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
        {t("rulesSay")} <RiskBadge level={rules.level} />
      </h3>
      <ul className="space-y-1 text-sm text-slate-800">
        {rules.applying.map((rule) => (
          <li key={rule.id} className="flex flex-col sm:flex-row sm:gap-2">
            <span className="shrink-0 font-medium">{tc(`riskLevel.${rule.level}`)}:</span>
            <span>{tc(`legalRule.${rule.id}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
