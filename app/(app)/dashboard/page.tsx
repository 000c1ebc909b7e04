import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ReadingAlerts } from "@/components/alerts/reading-alerts";
import { AutoRefresh } from "@/components/dashboard/auto-refresh";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { buttonClass } from "@/components/ui/button";
import { DownloadForm } from "@/components/ui/download-form";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { listReadingAlerts } from "@/lib/alerts/queries";
import { can } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import { listStaffOptions } from "@/lib/cases/queries";
import { RISK_LEVELS } from "@/lib/cases/vocabulary";
import { dashboardCacheSeconds, getDashboardFigures } from "@/lib/dashboard/cache";
import { DashboardFilterSchema, isoDay } from "@/lib/dashboard/schemas";
import { countryOptions } from "@/lib/i18n/countries";
import { ClientMessages } from "@/components/i18n/client-messages";
import { FilterSelect } from "@/components/ui/filter-select";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("dashboard:view");
  const filter = DashboardFilterSchema.parse(await searchParams);
  const [{ data, asOf }, staff, alerts, t, tc, locale, format] = await Promise.all([
    getDashboardFigures(actor, filter),
    listStaffOptions(actor),
    listReadingAlerts(actor),
    getTranslations("dashboard"),
    getTranslations("case"),
    getLocale(),
    getFormatter(),
  ]);
  const cacheSeconds = dashboardCacheSeconds();
  const caseworkers = staff.filter((s) => s.role === "CASEWORKER");
  const fields = Object.fromEntries(Object.entries({ ...data.filter, staleDays: String(data.filter.staleDays) }).filter((e): e is [string, string] => Boolean(e[1])));

  return (
    <ClientMessages namespaces={["dashboard", "alerts"]}>
      <>
        <PageHeader
          title={t("title")}
          description={t("description")}
          actions={
            <DownloadForm action="/dashboard/export" fields={fields}>
              {t("export")}
            </DownloadForm>
          }
        />
        {/* A coordinator with the dashboard open sees a burst of reading within a minute. */}
        <AutoRefresh seconds={60} />
        <div className="mb-6">
          <ReadingAlerts alerts={alerts} viewerId={actor.userId} mayClear={can(actor.role, "alerts:clear")} />
        </div>
        <form method="get" role="search" aria-label={t("filters")} className="mb-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
          <label className="text-sm font-medium text-slate-800">
            {t("from")}
            <input type="date" name="from" defaultValue={isoDay(filter.from)} className={controlClass("mt-1")} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("to")}
            <input type="date" name="to" defaultValue={isoDay(filter.to)} className={controlClass("mt-1")} />
          </label>
          <FilterSelect label={t("country")} name="country" value={filter.country} options={[{ value: "", label: t("any") }, ...countryOptions(locale).map((c) => ({ value: c.code, label: c.name }))]} />
          <FilterSelect
            label={t("caseworker")}
            name="assignee"
            value={filter.assignee}
            options={[{ value: "", label: t("anyone") }, { value: "none", label: t("unassigned") }, ...caseworkers.map((c) => ({ value: c.id, label: c.email }))]}
          />
          <FilterSelect label={t("risk")} name="risk" value={filter.risk} options={[{ value: "", label: t("any") }, ...RISK_LEVELS.map((r) => ({ value: r, label: tc(`riskLevel.${r}`) }))]} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass("primary", "md", "flex-1")}>
              {t("apply")}
            </button>
            <Link href="/dashboard" className={buttonClass("ghost", "md")}>
              {t("clear")}
            </Link>
          </div>
        </form>
        {/* Figures are shared for a short while (lib/dashboard/cache.ts): say how old they are. */}
        <p className="mb-3 text-sm text-slate-600" data-testid="figures-as-of">
          <time dateTime={asOf.toISOString()}>{t("asOf", { time: format.dateTime(asOf, { timeStyle: "medium" }) })}</time>
          {cacheSeconds > 0 ? ` ${t("asOfRefresh", { seconds: cacheSeconds })}` : null}
        </p>
        <DashboardView data={data} caseworkers={caseworkers.filter((c) => c.active).map((c) => ({ id: c.id, email: c.email }))} />
      </>
    </ClientMessages>
  );
}
