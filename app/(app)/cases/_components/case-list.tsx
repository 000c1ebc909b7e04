import Link from "next/link";
import { useTranslations } from "next-intl";
import { CountryWithRisk, RiskBadge, StatusBadge } from "@/components/cases/badges";
import { DateOnly, DaysSince, RelativeTime } from "@/components/cases/time";
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

export function CaseList({
  items,
  showAssignee,
  selectable = false,
}: {
  items: CaseListItemDTO[];
  showAssignee: boolean;
  selectable?: boolean;
}) {
  const t = useTranslations("cases");
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
                <StatusBadge status={item.status} />
                <p className="case-note max-md:mt-0">
                  <DaysSince date={item.statusSince} messageKey="daysInStage" />
                </p>
              </td>
              <td role="cell" className="case-country">
                <CountryWithRisk code={item.country} risk={item.countryRisk} />
                {item.noValidTravelDocument ? (
                  <p className="mt-1">
                    <Badge tone="warning">{t("noTravelDocument")}</Badge>
                  </p>
                ) : null}
              </td>
              <td role="cell" className="case-risk">
                <RiskBadge level={item.riskLevel} />
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
                <NextStepDue due={item.nextStepDue} />
              </td>
              <td role="cell" className="case-updated">
                <span className="md:hidden">{t("updated")} </span>
                <RelativeTime date={item.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** When the earliest open next step is due; its text is sealed and shown on the case page only. */
function NextStepDue({ due }: { due: CaseListItemDTO["nextStepDue"] }) {
  const t = useTranslations("cases");
  if (!due) return <span className="text-slate-500">{t("noNextStep")}</span>;
  return (
    <span className={due.overdue ? "block font-semibold text-red-700" : "block text-slate-700"}>
      {due.overdue ? t("overdueSince") : t("due")} <DateOnly date={due.dueOn} />
    </span>
  );
}
