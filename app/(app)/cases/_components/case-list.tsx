import Link from "next/link";
import { getFormatter, getLocale, getNow, getTranslations } from "next-intl/server";
import { countryWithRisk, riskBadge, statusBadge } from "@/components/cases/badges";
import { dateOnly, daysSince, relativeTime } from "@/components/cases/time";
import { Badge } from "@/components/ui/badge";
import type { CaseListItemDTO } from "@/lib/cases/dto";
import { BULK_FORM_ID } from "@/app/(app)/cases/_components/bulk-form";

/**
 * The case list: one table, laid out as a table on wide screens and as a stack of cards on phones
 * (CSS only: the rows are rendered once, which halves the page's weight). Shows only list fields:
 * never the contact channel or note text (they are not in the DTO).
 */
// Phones: each row is a card; cells flow in a wrap, ordered for reading (code and risk first). The
// row and cell classes are defined once in app/globals.css (`.case-row`): this markup repeats 50 times.
// The translators, formatter and clock are made once, before the rows: each row is host elements
// only (no component per cell, none of the hooks' suspensions). Measured: about 10% of the caseworker
// list's server CPU (docs/performance.md); the rest is the framework's rendering of the elements.

export async function CaseList({
  items,
  showAssignee,
  selectable = false,
}: {
  items: CaseListItemDTO[];
  showAssignee: boolean;
  selectable?: boolean;
}) {
  const [t, tCase, tTime, format, now, locale] = await Promise.all([
    getTranslations("cases"),
    getTranslations("case"),
    getTranslations("time"),
    getFormatter(),
    getNow(),
    getLocale(),
  ]);
  const columns = [
    t("colCode"),
    t("colStatus"),
    t("colCountry"),
    t("colRisk"),
    ...(showAssignee ? [t("colAssignee")] : []),
    t("colNextStep"),
    t("colUpdated"),
  ];
  return (
    <div className="md:overflow-hidden md:rounded-lg md:border md:border-slate-200 md:bg-white md:shadow-sm">
      {/* Explicit roles keep the table's semantics for screen readers when phones lay it out as cards. */}
      <table role="table" className="w-full text-left text-sm max-md:block">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead role="rowgroup" className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 max-md:sr-only">
          <tr role="row">
            {selectable ? (
              <th role="columnheader" scope="col" className="w-10 px-4 py-3">
                <span className="sr-only">{t("select")}</span>
              </th>
            ) : null}
            {columns.map((column) => (
              <th key={column} role="columnheader" scope="col" className="px-4 py-3">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-slate-200 max-md:block max-md:space-y-3 max-md:divide-y-0">
          {items.map((item) => (
            <tr key={item.code} role="row" className="case-row" data-testid="case-row">
              {selectable ? (
                <td role="cell" className="case-select">
                  <input
                    type="checkbox"
                    name="cases"
                    value={`${item.code}:${item.version}`}
                    form={BULK_FORM_ID}
                    aria-label={t("selectCase", { code: item.code })}
                    className="size-4 accent-brand-700 max-md:size-5"
                  />
                </td>
              ) : null}
              <td role="cell" className="case-code">
                <Link href={`/cases/${item.code}`}>{item.code}</Link>
              </td>
              <td role="cell" className="case-status">
                {statusBadge(tCase, item.status)}
                <p className="case-note max-md:mt-0">{daysSince(format, now, tTime, item.statusSince, "daysInStage")}</p>
              </td>
              <td role="cell" className="case-country">
                {countryWithRisk(tCase, locale, { code: item.country, risk: item.countryRisk })}
                {item.noValidTravelDocument ? (
                  <p className="mt-1">
                    <Badge tone="warning">{t("noTravelDocument")}</Badge>
                  </p>
                ) : null}
              </td>
              <td role="cell" className="case-risk">
                {riskBadge(tCase, item.riskLevel)}
              </td>
              {showAssignee ? (
                <td role="cell" className="case-assignee">
                  {item.assignee ?? <Badge tone="warning">{t("unassigned")}</Badge>}
                  <span aria-hidden="true" className="md:hidden">
                    {" "}
                    ·
                  </span>
                </td>
              ) : null}
              <td role="cell" className="case-step">
                {/* When the earliest open next step is due; its text is sealed and shown on the case page only. */}
                {item.nextStepDue ? (
                  <span className={item.nextStepDue.overdue ? "block font-semibold text-red-700" : "block text-slate-700"}>
                    {item.nextStepDue.overdue ? t("overdueSince") : t("due")} {dateOnly(format, item.nextStepDue.dueOn)}
                  </span>
                ) : (
                  <span className="text-slate-500">{t("noNextStep")}</span>
                )}
              </td>
              <td role="cell" className="case-updated">
                <span className="md:hidden">{t("updated")} </span>
                {relativeTime(format, now, item.updatedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
