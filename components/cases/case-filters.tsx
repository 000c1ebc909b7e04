import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { controlClass } from "@/components/ui/field";
import type { StaffOptionDTO } from "@/lib/cases/dto";
import { caseListHref } from "@/lib/cases/list-url";
import { ATTENTION_VIEWS, type CaseListFilter } from "@/lib/cases/schemas";
import { CASE_STATUSES, JURISDICTION_RISKS, RISK_LEVELS } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/**
 * Filters of the case list as a plain GET form: every view is a URL that can be bookmarked, and
 * filtering works without JavaScript.
 */
export function CaseFilters({
  filter,
  countries,
  caseworkers,
  showAssignee,
}: {
  filter: CaseListFilter;
  countries: CountryOption[];
  caseworkers: StaffOptionDTO[];
  showAssignee: boolean;
}) {
  const t = useTranslations("cases");
  const tc = useTranslations("case");
  const { after: _after, view, ...rest } = filter;
  return (
    <div className="mb-4 space-y-3">
      <nav aria-label={t("views")} className="flex flex-wrap gap-2">
        <Link href={caseListHref({ ...rest, view: undefined })} aria-current={!view ? "page" : undefined} className={chip(!view)}>
          {t("viewAll")}
        </Link>
        {ATTENTION_VIEWS.map((v) => (
          <Link key={v} href={caseListHref({ ...rest, view: v })} aria-current={view === v ? "page" : undefined} className={chip(view === v)}>
            {t(`view.${v}`)}
          </Link>
        ))}
      </nav>
      <form method="get" action="/cases" role="search" aria-label={t("filters")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-8 xl:items-end">
        {view ? <input type="hidden" name="view" value={view} /> : null}
        <label className="text-sm font-medium text-slate-800 xl:col-span-2">
          {t("searchCode")}
          <input name="q" defaultValue={filter.q} placeholder="WP-XXXX-XXXX" autoComplete="off" spellCheck={false} className={controlClass("mt-1 font-mono uppercase")} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t("status")}
          <select name="status" defaultValue={filter.status ?? "open"} className={controlClass("mt-1")}>
            <option value="open">{t("statusOpen")}</option>
            <option value="all">{t("statusAll")}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tc(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t("country")}
          <select name="country" defaultValue={filter.country ?? ""} className={controlClass("mt-1")}>
            <option value="">{t("any")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t("jurisdiction")}
          <select name="jurisdiction" defaultValue={filter.jurisdiction ?? ""} className={controlClass("mt-1")}>
            <option value="">{t("any")}</option>
            {JURISDICTION_RISKS.map((r) => (
              <option key={r} value={r}>
                {tc(`jurisdiction.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-800">
          {t("risk")}
          <select name="risk" defaultValue={filter.risk ?? ""} className={controlClass("mt-1")}>
            <option value="">{t("any")}</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {tc(`riskLevel.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {showAssignee ? (
          <label className="text-sm font-medium text-slate-800">
            {t("assignee")}
            <select name="assignee" defaultValue={filter.assignee ?? ""} className={controlClass("mt-1")}>
              <option value="">{t("anyone")}</option>
              <option value="none">{t("unassigned")}</option>
              {caseworkers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.email}
                  {c.active ? "" : ` (${t("inactive")})`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="text-sm font-medium text-slate-800">
          {t("sort")}
          <select name="sort" defaultValue={filter.sort} className={controlClass("mt-1")}>
            <option value="updated">{t("sortUpdated")}</option>
            <option value="risk">{t("sortRisk")}</option>
            <option value="stage">{t("sortStage")}</option>
          </select>
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-1">
          <button type="submit" className={buttonClass("primary", "md", "flex-1")}>
            {t("apply")}
          </button>
          <Link href="/cases" className={buttonClass("ghost", "md")}>
            {t("clear")}
          </Link>
        </div>
      </form>
    </div>
  );
}

function chip(active: boolean): string {
  return cx(
    "rounded-full border px-3 py-1.5 text-sm font-medium",
    active ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
  );
}
