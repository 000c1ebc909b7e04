import { useTranslations } from "next-intl";
import { MoneyText } from "@/components/budget/money-text";
import type { BudgetRow } from "@/lib/budget/view";

/** One grouping of the budget: its labels, then spent and committed, per currency. */
export function BudgetTable({
  caption,
  headers,
  rows,
  label,
}: {
  caption: string;
  headers: string[];
  rows: BudgetRow[];
  label?: (labels: string[]) => string[];
}) {
  const t = useTranslations("budget");
  return (
    // Focusable, so a keyboard can scroll it where it is wider than a phone (WCAG 2.1.1).
    <div
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-700"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left font-semibold text-slate-900">{caption}</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="py-1 pr-3 font-medium">
                {h}
              </th>
            ))}
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              {t("spent")}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t("committed")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length ? (
            rows.map((r) => (
              <tr key={JSON.stringify([...r.labels, r.currency])} className="border-t border-slate-100">
                {(label ? label(r.labels) : r.labels).map((l, i) => (
                  <td key={i} className="py-1 pr-3 break-words">
                    {l}
                  </td>
                ))}
                <td className="py-1 pr-3 text-right whitespace-nowrap tabular-nums">
                  <MoneyText amountMinor={r.spentMinor} currency={r.currency} />
                </td>
                <td className="py-1 text-right whitespace-nowrap tabular-nums">
                  <MoneyText amountMinor={r.committedMinor} currency={r.currency} />
                </td>
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={headers.length + 2} className="py-2 text-slate-600">
                {t("nothing")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
