import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BulkReassign } from "@/app/(app)/cases/_components/bulk-reassign";
import { CaseFilters } from "@/app/(app)/cases/_components/case-filters";
import { CaseList } from "@/app/(app)/cases/_components/case-list";
import { OutreachNotice } from "@/app/(app)/cases/_components/outreach-notice";
import { SavedViews } from "@/app/(app)/cases/_components/saved-views";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { listCases } from "@/lib/cases/queries";
import { listStaffOptions } from "@/lib/cases/staff";
import { listSavedFilters } from "@/lib/cases/saved-filters";
import { caseListHref, savedViewQuery } from "@/lib/cases/list-url";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { countryOptions } from "@/lib/i18n/countries";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cases"))("title") };
}

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("case:list");
  const filter = CaseListFilterSchema.parse(await searchParams);
  const isCoordinator = can(actor.role, "case:assign");
  const [page, staff, views, t, locale] = await Promise.all([
    listCases(actor, filter),
    isCoordinator ? listStaffOptions(actor) : Promise.resolve([]),
    listSavedFilters(actor),
    getTranslations("cases"),
    getLocale(),
  ]);
  const { after, ...withoutCursor } = filter;
  // What "Save this view" keeps: the filters applied, never the searched code.
  const savedQuery = savedViewQuery(filter);

  return (
    <ClientMessages namespaces={["cases"]}>
      <>
        <PageHeader
          title={t("title")}
          description={isCoordinator ? t("descriptionAll") : t("descriptionMine")}
          actions={
            <>
              {can(actor.role, "case:import") ? (
                <ButtonLink href="/cases/import" variant="secondary">
                  {t("importCases")}
                </ButtonLink>
              ) : null}
              {can(actor.role, "case:create") ? <ButtonLink href="/cases/new">{t("newCase")}</ButtonLink> : null}
            </>
          }
        />
        <OutreachNotice actor={actor} />
        <CaseFilters
          filter={filter}
          countries={countryOptions(locale)}
          caseworkers={staff.filter((s) => s.role === "CASEWORKER")}
          owners={staff.filter((s) => s.active)}
          showAssignee={isCoordinator}
        />
        <SavedViews views={views} query={savedQuery} canSave={savedQuery !== "" && !filter.q} />
        <p className="mb-3 text-sm text-slate-600" role="status" data-testid="case-count">
          {page.totalCapped ? t("countOver", { count: page.total }) : t("count", { count: page.total })}
        </p>
        {page.items.length === 0 ? (
          <EmptyState
            title={t("emptyTitle")}
            action={
              <Link href="/cases" className={buttonClass("secondary", "sm")}>
                {t("clearFilters")}
              </Link>
            }
          >
            {t("emptyBody")}
          </EmptyState>
        ) : (
          <>
            {isCoordinator ? (
              <BulkReassign
                caseworkers={staff.filter((s) => s.role === "CASEWORKER" && s.active).map((s) => ({ id: s.id, email: s.email }))}
              />
            ) : null}
            <CaseList items={page.items} showAssignee={isCoordinator} selectable={isCoordinator} />
          </>
        )}
        <Pagination
          label={t("pagination")}
          className="mt-4"
          previous={after ? { href: caseListHref(withoutCursor), label: t("firstPage") } : null}
          next={page.nextAfter ? { href: caseListHref({ ...withoutCursor, after: page.nextAfter }), label: t("nextPage") } : null}
        />
      </>
    </ClientMessages>
  );
}
