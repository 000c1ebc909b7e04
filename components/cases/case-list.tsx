import Link from "next/link";
import { useTranslations } from "next-intl";
import { CountryWithRisk, RiskBadge, StatusBadge } from "@/components/cases/badges";
import { DateOnly, DaysSince, RelativeTime } from "@/components/cases/time";
import { Badge } from "@/components/ui/badge";
import type { CaseListItemDTO } from "@/lib/cases/dto";

/**
 * The case list: a table on wide screens, cards on phones. Shows only list fields: never the
 * contact channel or note text (they are not in the DTO).
 */
export const BULK_FORM_ID = "bulk-reassign";

export function CaseList({ items, showAssignee, selectable = false }: { items: CaseListItemDTO[]; showAssignee: boolean; selectable?: boolean }) {
  const t = useTranslations("cases");
  return (
    <>
      <div className="hidden overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {selectable ? (
                <th scope="col" className="w-10 px-4 py-3">
                  <span className="sr-only">{t("select")}</span>
                </th>
              ) : null}
              <th scope="col" className="px-4 py-3">{t("colCode")}</th>
              <th scope="col" className="px-4 py-3">{t("colStatus")}</th>
              <th scope="col" className="px-4 py-3">{t("colCountry")}</th>
              <th scope="col" className="px-4 py-3">{t("colRisk")}</th>
              {showAssignee ? <th scope="col" className="px-4 py-3">{t("colAssignee")}</th> : null}
              <th scope="col" className="px-4 py-3">{t("colNextStep")}</th>
              <th scope="col" className="px-4 py-3">{t("colUpdated")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {items.map((item) => (
              <tr key={item.code} className="align-top hover:bg-slate-50" data-testid="case-row">
                {selectable ? (
                  <td className="px-4 py-3">
                    <input type="checkbox" name="cases" value={`${item.code}:${item.version}`} form={BULK_FORM_ID} aria-label={t("selectCase", { code: item.code })} className="size-4 accent-brand-700" />
                  </td>
                ) : null}
                <td className="px-4 py-3 font-mono font-medium whitespace-nowrap">
                  <Link href={`/cases/${item.code}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {item.code}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={item.status} />
                  <p className="mt-1 text-xs text-slate-600">
                    <DaysSince date={item.statusSince} messageKey="daysInStage" />
                  </p>
                </td>
                <td className="px-4 py-3">
                  <CountryWithRisk code={item.country} risk={item.countryRisk} />
                  {item.noValidTravelDocument ? (
                    <p className="mt-1">
                      <Badge tone="warning">{t("noTravelDocument")}</Badge>
                    </p>
                  ) : null}
                </td>
                <td className="px-4 py-3">
                  <RiskBadge level={item.riskLevel} />
                </td>
                {showAssignee ? <td className="px-4 py-3 break-all text-slate-700">{item.assignee ?? <Badge tone="warning">{t("unassigned")}</Badge>}</td> : null}
                <td className="px-4 py-3">
                  <NextStep step={item.nextStep} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                  <RelativeTime date={item.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 md:hidden" aria-label={t("tableCaption")}>
        {items.map((item) => (
          <li key={item.code} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="case-card">
            <div className="flex flex-wrap items-center justify-between gap-2">
              {selectable ? (
                <input type="checkbox" name="cases" value={`${item.code}:${item.version}`} form={BULK_FORM_ID} aria-label={t("selectCase", { code: item.code })} className="size-5 accent-brand-700" />
              ) : null}
              <Link href={`/cases/${item.code}`} className="font-mono font-semibold text-brand-700 underline-offset-2 hover:underline">
                {item.code}
              </Link>
              <RiskBadge level={item.riskLevel} />
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
              <StatusBadge status={item.status} />
              <span className="text-xs text-slate-600">
                <DaysSince date={item.statusSince} messageKey="daysInStage" />
              </span>
            </div>
            <div className="mt-2 text-sm">
              <CountryWithRisk code={item.country} risk={item.countryRisk} />
            </div>
            {item.noValidTravelDocument ? (
              <p className="mt-2">
                <Badge tone="warning">{t("noTravelDocument")}</Badge>
              </p>
            ) : null}
            <div className="mt-2 text-sm">
              <NextStep step={item.nextStep} />
            </div>
            <p className="mt-2 text-xs text-slate-600">
              {showAssignee ? <>{item.assignee ?? t("unassigned")} · </> : null}
              {t("updated")} <RelativeTime date={item.updatedAt} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function NextStep({ step }: { step: CaseListItemDTO["nextStep"] }) {
  const t = useTranslations("cases");
  if (!step) return <span className="text-slate-500">{t("noNextStep")}</span>;
  return (
    <span className="block">
      <span className="line-clamp-2 text-slate-800">{step.text}</span>
      {step.dueOn ? (
        <span className={step.overdue ? "text-xs font-semibold text-red-700" : "text-xs text-slate-600"}>
          {step.overdue ? t("overdueSince") : t("due")} <DateOnly date={step.dueOn} />
        </span>
      ) : null}
    </span>
  );
}
