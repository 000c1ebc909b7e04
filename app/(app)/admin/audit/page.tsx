import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { VerifyChain } from "@/app/(app)/admin/audit/_components/verify-chain";
import { ReadingAlerts } from "@/app/(app)/_components/alerts/reading-alerts";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DownloadForm } from "@/components/ui/download-form";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEntries } from "@/lib/audit/queries";
import { AuditFilterSchema, type AuditFilter } from "@/lib/audit/schemas";
import { listReadingAlerts } from "@/lib/alerts/queries";
import { can } from "@/lib/auth/policy";
import { requirePageActor } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

function query(filter: AuditFilter, before?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, before })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
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
            <DownloadForm
              action="/admin/audit/export"
              fields={Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))}
            >
              {t("export")}
            </DownloadForm>
          }
        />
        <div className="mb-6 space-y-6">
          <ReadingAlerts alerts={alerts} viewerId={actor.userId} mayClear={can(actor.role, "alerts:clear")} />
          <VerifyChain />
        </div>
        <form
          method="get"
          className="mb-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
          role="search"
          aria-label={t("filters")}
        >
          <label className="text-sm font-medium text-slate-800 lg:col-span-1">
            {t("actor")}
            <input
              name="actor"
              type="email"
              defaultValue={filters.actor}
              className={controlClass("mt-1")}
              placeholder={t("actorPlaceholder")}
            />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("action")}
            <select name="action" defaultValue={filters.action ?? ""} className={controlClass("mt-1")}>
              <option value="">{t("anyAction")}</option>
              {page.actions.map((action) => (
                <option key={action} value={action}>
                  {action}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("target")}
            <input name="target" defaultValue={filters.target} className={controlClass("mt-1")} placeholder={t("targetPlaceholder")} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("from")}
            <input name="from" type="date" defaultValue={filters.from} className={controlClass("mt-1")} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            {t("to")}
            <input name="to" type="date" defaultValue={filters.to} className={controlClass("mt-1")} />
          </label>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary", "md")}>
              {t("apply")}
            </button>
            <Link href="/admin/audit" className={buttonClass("ghost", "md")}>
              {t("clear")}
            </Link>
          </div>
        </form>

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
        <nav className="mt-4 flex justify-between" aria-label={t("pagination")}>
          {filter.before ? (
            <Link href={`/admin/audit${query(filters)}`} className={buttonClass("secondary", "sm")}>
              {t("newest")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextBefore ? (
            <Link href={`/admin/audit${query(filters, page.nextBefore)}`} className={buttonClass("secondary", "sm")}>
              {t("older")}
            </Link>
          ) : null}
        </nav>
      </>
    </ClientMessages>
  );
}
