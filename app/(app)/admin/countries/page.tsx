import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { JurisdictionBadge } from "@/components/cases/badges";
import { CountryRiskForm, CountryRiskRow } from "@/app/(app)/admin/countries/_components/country-risk-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { dayText } from "@/components/cases/date-text";
import { requirePageActor } from "@/lib/auth/session";
import { Badge } from "@/components/ui/badge";
import { listCountryRisks, listPendingCountryChanges } from "@/lib/countries/risk";
import { countryName, countryOptions } from "@/lib/i18n/countries";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SecurityStepUp } from "@/app/(app)/admin/_components/security-step-up";
import { StayRulesSection } from "@/app/(app)/admin/countries/_components/stay-rules-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("countries"))("title") };
}

export default async function CountriesPage() {
  const actor = await requirePageActor("country:manage");
  const [rows, pending, t, tCase, locale, format] = await Promise.all([
    listCountryRisks(actor),
    listPendingCountryChanges(actor),
    getTranslations("countries"),
    getTranslations("case"),
    getLocale(),
    getFormatter(),
  ]);
  const risk = (value: string) => (value === "NONE" ? t("noRisk") : tCase(`jurisdiction.${value}`));
  return (
    <ClientMessages namespaces={["case", "countries", "stay"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <SecurityStepUp actor={actor} />
        <div className="space-y-6">
          <Card aria-labelledby="set-risk-heading">
            <CardHeader id="set-risk-heading" title={t("setRisk")} description={t("setRiskHint")} />
            <CardBody>
              <CountryRiskForm countries={countryOptions(locale)} />
            </CardBody>
          </Card>
          {pending.length ? (
            <Card aria-labelledby="pending-heading">
              <CardHeader id="pending-heading" title={t("pendingTitle")} description={t("pendingDescription")} />
              <StackedList>
                {pending.map((change) => (
                  <StackedRow
                    key={change.countryCode}
                    dense
                    testId="pending-country-change"
                    className="flex flex-wrap items-center gap-2 text-sm"
                  >
                    <span className="font-medium text-slate-900">{countryName(change.countryCode, locale)}</span>
                    <span>{t("pendingChange", { from: risk(change.from), to: risk(change.to) })}</span>
                    <Badge tone="warning">{t("awaitingConfirmation")}</Badge>
                    <span className="text-xs text-slate-600">
                      {t("pendingBy", { who: change.requestedBy, when: dayText(format, change.expiresAt) })}
                    </span>
                  </StackedRow>
                ))}
              </StackedList>
            </Card>
          ) : null}
          <Card aria-labelledby="table-heading">
            <CardHeader id="table-heading" title={t("table", { count: rows.length })} />
            <StackedList>
              {rows.map((row) => {
                const name = countryName(row.countryCode, locale);
                return (
                  <StackedRow
                    key={row.countryCode}
                    dense
                    testId="country-row"
                    className="flex flex-wrap items-center gap-2 text-sm"
                    actions={<CountryRiskRow code={row.countryCode} name={name} risk={row.risk} />}
                  >
                    <span className="font-medium text-slate-900">{name}</span>
                    <span className="font-mono text-xs text-slate-500">{row.countryCode}</span>
                    <JurisdictionBadge risk={row.risk} />
                    <span className="text-xs text-slate-500">
                      {dayText(format, row.updatedAt)}
                      {row.updatedBy ? ` · ${row.updatedBy}` : ""}
                    </span>
                  </StackedRow>
                );
              })}
            </StackedList>
          </Card>
          <StayRulesSection actor={actor} locale={locale} countries={countryOptions(locale)} />
        </div>
      </>
    </ClientMessages>
  );
}
