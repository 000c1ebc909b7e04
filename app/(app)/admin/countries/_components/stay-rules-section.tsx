import { dateInputValue } from "@/components/cases/date-text";
import { getFormatter, getTranslations } from "next-intl/server";
import { StayRuleForm } from "@/app/(app)/admin/countries/_components/stay-rule-form";
import { dayText } from "@/components/cases/date-text";
import { stayRuleParts } from "@/components/cases/stay-rule-text";
import type { StayRule } from "@/lib/countries/stay-rule-order";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { todayOf, type Actor } from "@/lib/access/actor";
import { listPendingStayChanges, listStayRules } from "@/lib/countries/stay-rules";
import { countryName, type CountryOption } from "@/lib/i18n/countries";

/** The admin's stay rules: the form, the looser rules waiting for a coordinator, and the table. */
export async function StayRulesSection({ actor, locale, countries }: { actor: Actor; locale: string; countries: CountryOption[] }) {
  const [rules, pending, t, format] = await Promise.all([
    listStayRules(actor),
    listPendingStayChanges(actor),
    getTranslations("stay"),
    getFormatter(),
  ]);
  const text = (rule: StayRule | null) =>
    rule
      ? stayRuleParts(rule)
          .map(([key, values]) => t(`rule.${key}`, values))
          .join(" · ")
      : t("none");
  return (
    <>
      <Card aria-labelledby="stay-rule-heading">
        <CardHeader id="stay-rule-heading" title={t("title")} description={`${t("description")} ${t("setRuleHint")}`} />
        <CardBody>
          <StayRuleForm countries={countries} today={dateInputValue(todayOf(actor, new Date()))!} />
        </CardBody>
      </Card>
      {pending.length ? (
        <Card aria-labelledby="stay-pending-heading">
          <CardHeader id="stay-pending-heading" title={t("pendingTitle")} description={t("pendingDescription")} />
          <StackedList>
            {pending.map((change) => (
              <StackedRow key={change.countryCode} dense testId="pending-stay-change" className="space-y-1 text-sm">
                <p className="font-medium text-slate-900">{countryName(change.countryCode, locale)}</p>
                <p>{t("pendingChange", { from: text(change.from), to: text(change.to) })}</p>
              </StackedRow>
            ))}
          </StackedList>
        </Card>
      ) : null}
      <Card aria-labelledby="stay-table-heading">
        <CardHeader id="stay-table-heading" title={t("table", { count: rules.length })} />
        <StackedList>
          {rules.map((rule) => (
            <StackedRow key={rule.countryCode} dense testId="stay-rule-row" className="space-y-1 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{countryName(rule.countryCode, locale)}</span>
                {rule.checkedOn ? (
                  <span className="text-xs text-slate-600">{t("checked", { when: dayText(format, rule.checkedOn) })}</span>
                ) : (
                  <Badge tone="warning">{t("unverified")}</Badge>
                )}
              </p>
              <p className="text-slate-800">{text(rule)}</p>
              <p className="text-xs break-words text-slate-600">
                {rule.sourceNote ? `${rule.sourceNote} · ` : ""}
                {t("changed", { when: dayText(format, rule.updatedAt) })}
                {rule.updatedBy ? ` · ${rule.updatedBy}` : ""}
              </p>
            </StackedRow>
          ))}
        </StackedList>
      </Card>
    </>
  );
}
