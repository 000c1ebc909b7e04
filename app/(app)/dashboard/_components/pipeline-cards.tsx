import { useFormatter, useLocale, useTranslations } from "next-intl";
import { HorizontalBars, StageBars, WeeklyBars } from "@/app/(app)/dashboard/_components/charts";
import { Figure } from "@/app/(app)/dashboard/_components/figure";
import { JurisdictionBadge } from "@/components/cases/badges";
import { dayText } from "@/components/cases/date-text";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import type { DashboardDTO } from "@/lib/dashboard/dto";
import { countryName } from "@/lib/i18n/countries";

/** Where the open cases stand: by stage, by country, week by week, and how long stages take. Each chart has its table. */
export function PipelineCards({ data }: { data: DashboardDTO }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("case");
  const locale = useLocale();
  const format = useFormatter();
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
      <Card aria-labelledby="funnel-heading">
        <CardHeader id="funnel-heading" title={t("funnel")} description={t("funnelHint")} />
        <CardBody className="space-y-4">
          {data.openTotal === 0 ? (
            <EmptyState title={t("noOpenCases")} />
          ) : (
            <>
              <HorizontalBars
                label={t("funnel")}
                valueLabel={t("cases")}
                data={data.byStatus.map((r) => ({ name: tc(`status.${r.status}`), value: r.count }))}
              />
              <Table
                caption={t("funnel")}
                rows={data.byStatus}
                rowKey={(r) => r.key}
                columns={[
                  { header: t("stage"), cell: (r) => tc(`status.${r.status}`) },
                  { header: t("cases"), numeric: true, cell: (r) => <Figure row={r} /> },
                ]}
              />
            </>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="country-heading">
        <CardHeader id="country-heading" title={t("byCountry")} description={t("byCountryHint")} />
        <CardBody>
          {data.byCountry.length === 0 ? (
            <EmptyState title={t("noOpenCases")} />
          ) : (
            <Table
              caption={t("byCountry")}
              rows={data.byCountry}
              rowKey={(r) => r.key}
              columns={[
                { header: t("country"), cell: (r) => countryName(r.country, locale) },
                { header: t("jurisdiction"), cell: (r) => <JurisdictionBadge risk={r.risk} /> },
                { header: t("cases"), numeric: true, cell: (r) => <Figure row={r} /> },
              ]}
            />
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="weekly-heading">
        <CardHeader
          id="weekly-heading"
          title={t("weekly")}
          description={t("period", { from: dayText(format, data.filter.from), to: dayText(format, data.filter.to) })}
        />
        <CardBody className="space-y-4">
          <WeeklyBars
            data={data.newPerWeek.map((r, i) => ({
              week: dayText(format, r.week, "short"),
              opened: r.count,
              closed: data.closedPerWeek[i]?.count ?? 0,
            }))}
            labels={{ opened: t("opened"), closed: t("closed") }}
          />
          <div className="max-h-72 overflow-y-auto">
            <Table
              caption={t("weekly")}
              rows={data.newPerWeek}
              rowKey={(r) => r.key}
              columns={[
                { header: t("weekStarting"), cell: (r) => dayText(format, r.week) },
                { header: t("opened"), numeric: true, cell: (r) => <Figure row={r} /> },
                {
                  header: t("closed"),
                  numeric: true,
                  cell: (_r, i) => (data.closedPerWeek[i] ? <Figure row={data.closedPerWeek[i]!} /> : 0),
                },
              ]}
            />
          </div>
        </CardBody>
      </Card>

      <Card aria-labelledby="stage-heading">
        <CardHeader id="stage-heading" title={t("stageDays")} description={t("stageDaysHint")} />
        <CardBody className="space-y-4">
          {data.stageDays.every((r) => r.stays === 0) ? (
            <EmptyState title={t("noStays")} />
          ) : (
            <>
              <StageBars
                data={data.stageDays.map((r) => ({ name: tc(`status.${r.stage}`), median: r.median, p90: r.p90 }))}
                labels={{ median: t("median"), p90: t("p90") }}
              />
              <Table
                caption={t("stageDays")}
                rows={data.stageDays}
                rowKey={(r) => r.stage}
                columns={[
                  { header: t("stage"), cell: (r) => tc(`status.${r.stage}`) },
                  { header: t("median"), numeric: true, cell: (r) => (r.stays ? format.number(r.median) : "—") },
                  { header: t("p90"), numeric: true, cell: (r) => (r.stays ? format.number(r.p90) : "—") },
                  {
                    header: t("stays"),
                    numeric: true,
                    cell: (r) => (
                      <>
                        {format.number(r.stays)}{" "}
                        <span className="block text-xs text-slate-500 sm:inline">
                          ({t("casesLink")} <Figure row={{ count: r.cases, filter: r.filter }} />)
                        </span>
                      </>
                    ),
                  },
                ]}
              />
            </>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
