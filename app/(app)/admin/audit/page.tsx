import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { VerifyChain } from "@/app/(app)/admin/audit/_components/verify-chain";
import { ReadingAlerts } from "@/app/(app)/_components/alerts/reading-alerts";
import { Card } from "@/components/ui/card";
import { DownloadForm } from "@/components/ui/download-form";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { hrefWith, Pagination } from "@/components/ui/pagination";
import { listAuditEntries } from "@/lib/audit/queries";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { listReadingAlerts } from "@/lib/alerts/queries";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("audit:read");
  const filter = AuditFilterSchema.parse(await searchParams);
  const [page, alerts, t, format] = await Promise.all([
    listAuditEntries(actor, filter),
    listReadingAlerts(actor),
    getTranslations("audit"),
    getFormatter(),
  ]);
  const { before: _before, ...filters } = filter;

  return (
    <ClientMessages namespaces={["audit", "alerts"]}>
      <>
        <PageHeader
          title={t("title")}
          description={t("description")}
          actions={
            <DownloadForm action="/admin/audit/export" fields={filters}>
              {t("export")}
            </DownloadForm>
          }
        />
        <div className="mb-6 space-y-6">
          <ReadingAlerts alerts={alerts} viewerId={actor.userId} mayClear={can(actor.role, "alerts:clear")} />
          <VerifyChain />
        </div>
        <FilterForm
          label={t("filters")}
          clearHref="/admin/audit"
          applyLabel={t("apply")}
          clearLabel={t("clear")}
          className="mb-6 lg:grid-cols-6 lg:items-end"
        >
          <FilterInput label={t("actor")} name="actor" type="email" defaultValue={filters.actor} placeholder={t("actorPlaceholder")} />
          <FilterSelect
            label={t("action")}
            name="action"
            value={filters.action}
            any={t("anyAction")}
            options={page.actions.map((action) => ({ value: action, label: action }))}
          />
          <FilterInput label={t("target")} name="target" defaultValue={filters.target} placeholder={t("targetPlaceholder")} />
          <FilterInput label={t("from")} name="from" type="date" defaultValue={filters.from} />
          <FilterInput label={t("to")} name="to" type="date" defaultValue={filters.to} />
        </FilterForm>

        {page.entries.length === 0 ? (
          <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
        ) : (
          <Card>
            <ol className="divide-y divide-slate-200" aria-label={t("entries")}>
              {page.entries.map((entry) => (
                <li key={entry.id} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[11rem_1fr] sm:px-5" data-testid="audit-entry">
                  <time dateTime={entry.at.toISOString()} className="text-slate-600">
                    {format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "medium" })}
                  </time>
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      <span className="font-mono">{entry.action}</span>
                      {entry.target ? <span className="text-slate-600"> → {entry.target}</span> : null}
                    </p>
                    <p className="text-slate-600">
                      {entry.actor ?? t("system")}{" "}
                      <span className="break-all font-mono text-xs text-slate-500">{entry.meta !== "{}" ? entry.meta : ""}</span>
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          </Card>
        )}
        <Pagination
          label={t("pagination")}
          className="mt-4"
          previous={filter.before ? { href: hrefWith("/admin/audit", filters), label: t("newest") } : null}
          next={page.nextBefore ? { href: hrefWith("/admin/audit", { ...filters, before: page.nextBefore }), label: t("older") } : null}
        />
      </>
    </ClientMessages>
  );
}
