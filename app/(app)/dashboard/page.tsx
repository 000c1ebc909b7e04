import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/app/(app)/dashboard/_components/auto-refresh";
import { DownloadForm } from "@/components/ui/download-form";
import { PageHeader } from "@/components/ui/page-header";
import { todayOf } from "@/lib/access/actor";
import { requirePageActor } from "@/lib/auth/session";
import { dashboardFilterSchema, isoDay } from "@/lib/dashboard/schemas";
import { countryOptions } from "@/lib/i18n/countries";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CountryFilter, RiskFilter } from "@/components/cases/filter-selects";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { refreshDashboardAction } from "./actions";
import { liveDashboard } from "./_components/live-parts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("dashboard:view");
  const filter = dashboardFilterSchema(() => todayOf(actor, new Date())).parse(await searchParams);
  const [live, t, locale] = await Promise.all([liveDashboard(actor, filter), getTranslations("dashboard"), getLocale()]);
  const { data, caseworkers } = live;
  const fields = Object.fromEntries(
    Object.entries({ ...data.filter, staleDays: String(data.filter.staleDays) }).filter((e): e is [string, string] => Boolean(e[1])),
  );

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
        {/* A coordinator with the dashboard open sees a burst of reading within a minute; the refresh does not keep the session open. */}
        <AutoRefresh
          key={new URLSearchParams(fields).toString()}
          seconds={60}
          refresh={refreshDashboardAction}
          filter={fields}
          alerts={live.alerts}
          figures={live.figures}
        >
          <FilterForm
            label={t("filters")}
            clearHref="/dashboard"
            applyLabel={t("apply")}
            clearLabel={t("clear")}
            className="mb-6 lg:grid-cols-6 lg:items-end"
          >
            <FilterInput label={t("from")} type="date" name="from" defaultValue={isoDay(filter.from)} />
            <FilterInput label={t("to")} type="date" name="to" defaultValue={isoDay(filter.to)} />
            <CountryFilter label={t("country")} any={t("any")} value={filter.country} countries={countryOptions(locale)} />
            <FilterSelect
              label={t("caseworker")}
              name="assignee"
              value={filter.assignee}
              any={t("anyone")}
              options={[{ value: "none", label: t("unassigned") }, ...caseworkers.map((c) => ({ value: c.id, label: c.email }))]}
            />
            <RiskFilter label={t("risk")} any={t("any")} value={filter.risk} />
          </FilterForm>
        </AutoRefresh>
      </>
    </ClientMessages>
  );
}
