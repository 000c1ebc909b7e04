import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { JurisdictionBadge } from "@/components/cases/badges";
import { HorizontalBars, StageBars, WeeklyBars } from "@/app/(app)/dashboard/_components/charts";
import { CaseloadMoves, ReassignAllForm } from "@/app/(app)/dashboard/_components/reassign-all-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { caseListHref } from "@/lib/cases/list-url";
import { APPLICATION_STATUSES } from "@/lib/cases/vocabulary";
import type { CountRow, DashboardDTO } from "@/lib/dashboard/dto";
import { countryName } from "@/lib/i18n/countries";

/** A number that links to the case list showing exactly the cases it counts. */
function Figure({ row, className }: { row: Pick<CountRow, "count" | "filter">; className?: string }) {
  const format = useFormatter();
  return (
    <Link
      href={caseListHref(row.filter)}
      className={className ?? "font-semibold text-brand-700 underline-offset-2 hover:underline"}
      data-testid="figure-link"
    >
      {format.number(row.count)}
    </Link>
  );
}

function Th({ children, numeric }: { children: React.ReactNode; numeric?: boolean }) {
  return (
    <th
      scope="col"
      className={`px-2 py-2 text-xs font-semibold text-slate-600 sm:px-3 sm:uppercase sm:tracking-wide ${numeric ? "text-right" : "text-left"}`}
    >
      {children}
    </th>
  );
}

export function DashboardView({ data, caseworkers }: { data: DashboardDTO; caseworkers: Array<{ id: string; email: string }> }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("case");
  const locale = useLocale();
  const format = useFormatter();
  const day = (iso: string, style: "medium" | "short" = "medium") =>
    format.dateTime(
      new Date(`${iso}T00:00:00.000Z`),
      style === "medium" ? { dateStyle: "medium", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" },
    );
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
  ];

  return (
    <div className="space-y-6">
      <section aria-labelledby="key-figures" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
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
                <div className="overflow-x-auto">
                  <table className="w-full text-sm">
                    <caption className="sr-only">{t("funnel")}</caption>
                    <thead>
                      <tr>
                        <Th>{t("stage")}</Th>
                        <Th numeric>{t("cases")}</Th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.byStatus.map((r) => (
                        <tr key={r.key}>
                          <td className="px-2 py-1.5 sm:px-3">{tc(`status.${r.status}`)}</td>
                          <td className="px-2 py-1.5 sm:px-3 text-right">
                            <Figure row={r} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
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
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">{t("byCountry")}</caption>
                  <thead>
                    <tr>
                      <Th>{t("country")}</Th>
                      <Th>{t("jurisdiction")}</Th>
                      <Th numeric>{t("cases")}</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.byCountry.map((r) => (
                      <tr key={r.key}>
                        <td className="px-2 py-1.5 sm:px-3">{countryName(r.country, locale)}</td>
                        <td className="px-2 py-1.5 sm:px-3">
                          <JurisdictionBadge risk={r.risk} />
                        </td>
                        <td className="px-2 py-1.5 sm:px-3 text-right">
                          <Figure row={r} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </CardBody>
        </Card>

        <Card aria-labelledby="weekly-heading">
          <CardHeader
            id="weekly-heading"
            title={t("weekly")}
            description={t("period", { from: day(data.filter.from), to: day(data.filter.to) })}
          />
          <CardBody className="space-y-4">
            <WeeklyBars
              data={data.newPerWeek.map((r, i) => ({
                week: day(r.week, "short"),
                opened: r.count,
                closed: data.closedPerWeek[i]?.count ?? 0,
              }))}
              labels={{ opened: t("opened"), closed: t("closed") }}
            />
            <div className="max-h-72 overflow-y-auto">
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <caption className="sr-only">{t("weekly")}</caption>
                  <thead>
                    <tr>
                      <Th>{t("weekStarting")}</Th>
                      <Th numeric>{t("opened")}</Th>
                      <Th numeric>{t("closed")}</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.newPerWeek.map((r, i) => (
                      <tr key={r.key}>
                        <td className="px-2 py-1.5 sm:px-3">{day(r.week)}</td>
                        <td className="px-2 py-1.5 sm:px-3 text-right">
                          <Figure row={r} />
                        </td>
                        <td className="px-2 py-1.5 sm:px-3 text-right">
                          {data.closedPerWeek[i] ? <Figure row={data.closedPerWeek[i]!} /> : 0}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
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
                <div className="overflow-x-auto">
                  <table className="w-full text-sm">
                    <caption className="sr-only">{t("stageDays")}</caption>
                    <thead>
                      <tr>
                        <Th>{t("stage")}</Th>
                        <Th numeric>{t("median")}</Th>
                        <Th numeric>{t("p90")}</Th>
                        <Th numeric>{t("stays")}</Th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.stageDays.map((r) => (
                        <tr key={r.stage}>
                          <td className="px-2 py-1.5 sm:px-3">{tc(`status.${r.stage}`)}</td>
                          <td className="px-2 py-1.5 sm:px-3 text-right">{r.stays ? format.number(r.median) : "—"}</td>
                          <td className="px-2 py-1.5 sm:px-3 text-right">{r.stays ? format.number(r.p90) : "—"}</td>
                          <td className="px-2 py-1.5 sm:px-3 text-right">
                            {format.number(r.stays)}{" "}
                            <span className="block text-xs text-slate-500 sm:inline">
                              ({t("casesLink")} <Figure row={{ count: r.cases, filter: r.filter }} />)
                            </span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </CardBody>
        </Card>
      </div>

      <Card aria-labelledby="applications-heading">
        <CardHeader id="applications-heading" title={t("applications")} description={t("applicationsHint")} />
        <CardBody className="overflow-x-auto">
          {data.applications.length === 0 ? (
            <EmptyState title={t("noApplications")} />
          ) : (
            <table className="w-full min-w-[48rem] text-sm">
              <caption className="sr-only">{t("applications")}</caption>
              <thead>
                <tr>
                  <Th>{t("destination")}</Th>
                  {APPLICATION_STATUSES.map((s) => (
                    <Th key={s} numeric>
                      {tc(`applicationStatus.${s}`)}
                    </Th>
                  ))}
                  <Th numeric>{t("approvalRate")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.applications.map((a) => (
                  <tr key={a.destination}>
                    <td className="px-2 py-1.5 sm:px-3">{countryName(a.destination, locale)}</td>
                    {APPLICATION_STATUSES.map((s) => (
                      <td key={s} className="px-2 py-1.5 sm:px-3 text-right">
                        {a.byStatus[s] ? <Figure row={a.byStatus[s]!} /> : <span className="text-slate-400">0</span>}
                      </td>
                    ))}
                    <td className="px-2 py-1.5 sm:px-3 text-right" data-testid={`approval-${a.destination}`}>
                      {a.approvalRate === null ? "—" : format.number(a.approvalRate, { style: "percent", maximumFractionDigits: 0 })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="caseload-heading">
        <CardHeader id="caseload-heading" title={t("caseload")} description={t("caseloadHint")} />
        <CaseloadMoves>
          {data.caseload.length === 0 ? (
            <CardBody>
              <EmptyState title={t("noOpenCases")} />
            </CardBody>
          ) : (
            <ul className="divide-y divide-slate-200">
              {data.caseload.map((r) => {
                const who = r.email ?? t("unassigned");
                return (
                  <li
                    key={r.key}
                    className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-5"
                    data-testid="caseload-row"
                  >
                    <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
                      <span className="font-medium break-all text-slate-900">{who}</span>
                      {r.assigneeId === null ? <Badge tone="warning">{t("needsCaseworker")}</Badge> : null}
                      {r.assigneeId !== null && !r.active ? <Badge tone="danger">{t("inactive")}</Badge> : null}
                      <span className="text-slate-600">
                        <Figure row={r} /> {t("openCasesShort", { count: r.count })}
                      </span>
                    </div>
                    <ReassignAllForm fromId={r.assigneeId ?? "none"} fromLabel={who} count={r.count} caseworkers={caseworkers} />
                  </li>
                );
              })}
            </ul>
          )}
        </CaseloadMoves>
      </Card>
    </div>
  );
}
