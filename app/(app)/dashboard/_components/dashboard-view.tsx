import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Figure } from "@/app/(app)/dashboard/_components/figure";
import { OutcomesCard } from "@/app/(app)/dashboard/_components/outcomes-card";
import { PipelineCards } from "@/app/(app)/dashboard/_components/pipeline-cards";
import { CaseloadMoves, ReassignAllForm } from "@/app/(app)/dashboard/_components/reassign-all-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { Table } from "@/components/ui/table";
import { APPLICATION_STATUSES } from "@/lib/cases/vocabulary";
import type { DashboardDTO } from "@/lib/dashboard/dto";
import { countryName } from "@/lib/i18n/countries";

export function DashboardView({ data, caseworkers }: { data: DashboardDTO; caseworkers: Array<{ id: string; email: string }> }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("case");
  const locale = useLocale();
  const format = useFormatter();
  const keyFigures = [
    { label: t("openCases"), row: data.open, tone: "text-slate-900" },
    {
      label: t("inDanger"),
      row: data.inDanger,
      tone: "text-red-700",
      detail: t("inDangerDetail", { origin: data.inDanger.origin, extradition: data.inDanger.extradition }),
    },
    { label: t("noTravelDocument"), row: data.noTravelDocument, tone: "text-amber-800" },
    { label: t("stale", { days: data.filter.staleDays }), row: data.stale, tone: "text-amber-800" },
    { label: t("overdueSteps"), row: data.overdueSteps, tone: "text-red-700" },
    { label: t("appointments"), row: data.upcomingAppointments, tone: "text-brand-700" },
    { label: t("staysEnding"), row: data.staysEnding, tone: "text-amber-800" },
    { label: t("entriesSoon"), row: data.entriesSoon, tone: "text-amber-800" },
  ];

  return (
    <div className="space-y-6">
      <section aria-labelledby="key-figures" className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        <h2 id="key-figures" className="sr-only">
          {t("keyFigures")}
        </h2>
        {keyFigures.map((f) => (
          <div key={f.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-sm text-slate-600">{f.label}</p>
            <p className="mt-1 text-3xl">
              <Figure row={f.row} className={`font-semibold underline-offset-2 hover:underline ${f.tone}`} />
            </p>
            {f.detail ? <p className="mt-1 text-xs text-slate-600">{f.detail}</p> : null}
          </div>
        ))}
      </section>

      <PipelineCards data={data} />

      <Card aria-labelledby="applications-heading">
        <CardHeader id="applications-heading" title={t("applications")} description={t("applicationsHint")} />
        <CardBody>
          {data.applications.length === 0 ? (
            <EmptyState title={t("noApplications")} />
          ) : (
            <Table
              caption={t("applications")}
              className="min-w-[48rem]"
              rows={data.applications}
              rowKey={(a) => a.destination}
              columns={[
                { header: t("destination"), cell: (a) => countryName(a.destination, locale) },
                ...APPLICATION_STATUSES.map((s) => ({
                  header: tc(`applicationStatus.${s}`),
                  numeric: true,
                  cell: (a: DashboardDTO["applications"][number]) =>
                    a.byStatus[s] ? <Figure row={a.byStatus[s]!} /> : <span className="text-slate-400">0</span>,
                })),
                {
                  header: t("approvalRate"),
                  numeric: true,
                  testId: (a) => `approval-${a.destination}`,
                  cell: (a) =>
                    a.approvalRate === null ? "—" : format.number(a.approvalRate, { style: "percent", maximumFractionDigits: 0 }),
                },
              ]}
            />
          )}
        </CardBody>
      </Card>

      <OutcomesCard data={data} />

      <Card aria-labelledby="caseload-heading">
        <CardHeader id="caseload-heading" title={t("caseload")} description={t("caseloadHint")} />
        <CaseloadMoves>
          {data.caseload.length === 0 ? (
            <CardBody>
              <EmptyState title={t("noOpenCases")} />
            </CardBody>
          ) : (
            <StackedList>
              {data.caseload.map((r) => {
                const who = r.email ?? t("unassigned");
                return (
                  <StackedRow
                    key={r.key}
                    testId="caseload-row"
                    className="caseload-facts"
                    actions={<ReassignAllForm fromId={r.assigneeId ?? "none"} fromLabel={who} count={r.count} caseworkers={caseworkers} />}
                  >
                    <span className="caseload-who">{who}</span>
                    {r.assigneeId === null ? <Badge tone="warning">{t("needsCaseworker")}</Badge> : null}
                    {r.assigneeId !== null && !r.active ? <Badge tone="danger">{t("inactive")}</Badge> : null}
                    <span className="caseload-count">
                      <Figure row={r} /> {t("openCasesShort", { count: r.count })}
                    </span>
                  </StackedRow>
                );
              })}
            </StackedList>
          )}
        </CaseloadMoves>
      </Card>
    </div>
  );
}
