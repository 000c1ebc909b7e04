import Link from "next/link";
import { useTranslations } from "next-intl";
import { cx } from "@/components/ui/cx";
import { CountryFilter, RiskFilter } from "@/components/cases/filter-selects";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import type { StaffOptionDTO } from "@/lib/cases/dto";
import { caseListHref } from "@/lib/cases/list-url";
import { ATTENTION_VIEWS, type CaseListFilter } from "@/lib/cases/schemas";
import { CASE_STATUSES, JURISDICTION_RISKS } from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/**
 * Filters of the case list as a plain GET form: every view is a URL that can be bookmarked, and
 * filtering works without JavaScript.
 */
export function CaseFilters({
  filter,
  countries,
  caseworkers,
  owners = [],
  showAssignee,
}: {
  filter: CaseListFilter;
  countries: CountryOption[];
  caseworkers: StaffOptionDTO[];
  /** Whose open tasks to filter by (coordinators: the active team). */
  owners?: StaffOptionDTO[];
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
          <Link
            key={v}
            href={caseListHref({ ...rest, view: v })}
            aria-current={view === v ? "page" : undefined}
            className={chip(view === v)}
          >
            {t(`view.${v}`)}
          </Link>
        ))}
      </nav>
      <FilterForm
        label={t("filters")}
        action="/cases"
        clearHref="/cases"
        applyLabel={t("apply")}
        clearLabel={t("clear")}
        className="lg:grid-cols-4 xl:grid-cols-8 xl:items-end"
        buttonsClassName="sm:col-span-2 lg:col-span-1"
      >
        {view ? <input type="hidden" name="view" value={view} /> : null}
        <FilterInput
          label={t("searchCode")}
          className="xl:col-span-2"
          inputClassName="font-mono uppercase"
          name="q"
          defaultValue={filter.q}
          placeholder="WP-XXXX-XXXX"
          autoComplete="off"
          spellCheck={false}
        />
        <FilterSelect
          label={t("status")}
          name="status"
          value={filter.status ?? "open"}
          options={[
            { value: "open", label: t("statusOpen") },
            { value: "all", label: t("statusAll") },
            ...CASE_STATUSES.map((s) => ({ value: s, label: tc(`status.${s}`) })),
          ]}
        />
        <CountryFilter label={t("country")} any={t("any")} value={filter.country} countries={countries} />
        <FilterSelect
          label={t("jurisdiction")}
          name="jurisdiction"
          value={filter.jurisdiction}
          any={t("any")}
          options={JURISDICTION_RISKS.map((r) => ({ value: r, label: tc(`jurisdiction.${r}`) }))}
        />
        <RiskFilter label={t("risk")} any={t("any")} value={filter.risk} />
        {showAssignee ? (
          <FilterSelect
            label={t("assignee")}
            name="assignee"
            value={filter.assignee}
            any={t("anyone")}
            options={[
              { value: "none", label: t("unassigned") },
              ...caseworkers.map((c) => ({ value: c.id, label: c.active ? c.email : `${c.email} (${t("inactive")})` })),
            ]}
          />
        ) : null}
        {owners.length > 0 ? (
          <FilterSelect
            label={t("owner")}
            name="owner"
            value={filter.owner}
            any={t("anyone")}
            options={owners.map((o) => ({ value: o.id, label: o.email }))}
          />
        ) : null}
        <FilterSelect
          label={t("sort")}
          name="sort"
          value={filter.sort}
          options={[
            { value: "updated", label: t("sortUpdated") },
            { value: "risk", label: t("sortRisk") },
            { value: "stage", label: t("sortStage") },
            { value: "stay", label: t("sortStay") },
          ]}
        />
      </FilterForm>
    </div>
  );
}

function chip(active: boolean): string {
  return cx(
    "rounded-full border px-3 py-1.5 text-sm font-medium",
    active ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
  );
}
