import { getFormatter, getLocale, getNow, getTranslations } from "next-intl/server";
import { jurisdictionLabel, riskLabel, statusLabel } from "@/components/cases/badges";
import { dateOnlyView, daysSinceView, relativeTimeView } from "@/components/cases/time";
import type { CaseListItemDTO } from "@/lib/cases/dto";
import { countryName } from "@/lib/i18n/countries";
import { CaseTable, type CaseRowView } from "@/app/(app)/cases/_components/case-table";

/**
 * The case list: one table, laid out as a table on wide screens and as a stack of cards on phones
 * (CSS only: the rows are rendered once, which halves the page's weight). Shows only list fields:
 * never the contact channel or note text (they are not in the DTO).
 *
 * The rows' words are made here, once per request with one translator and formatter, and handed to
 * the table as plain data (case-table.tsx): the browser gets the text it shows, not an element tree
 * per row. Row and cell classes are defined once in app/globals.css (`.case-row`).
 */
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
  const rows = items.map((item): CaseRowView => ({
    code: item.code,
    select: selectable ? { value: `${item.code}:${item.version}`, label: t("selectCase", { code: item.code }) } : null,
    status: statusLabel(tCase, item.status),
    inStage: daysSinceView(format, now, tTime, item.statusSince, "daysInStage"),
    country: countryName(item.country, locale),
    jurisdiction: jurisdictionLabel(tCase, item.countryRisk),
    noTravelDocument: item.noValidTravelDocument,
    risk: riskLabel(tCase, item.riskLevel),
    ...(showAssignee ? { assignee: item.assignee ?? null } : {}),
    step: item.nextStepDue ? { overdue: item.nextStepDue.overdue, due: dateOnlyView(format, item.nextStepDue.dueOn) } : null,
    stay: item.stayEndsWeek ? dateOnlyView(format, item.stayEndsWeek) : null,
    updated: relativeTimeView(format, now, item.updatedAt),
  }));
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
    <CaseTable
      rows={rows}
      selectable={selectable}
      text={{
        caption: t("tableCaption"),
        columns,
        select: t("select"),
        riskTitle: tCase("riskTitle"),
        noTravelDocument: t("noTravelDocument"),
        unassigned: t("unassigned"),
        overdueSince: t("overdueSince"),
        due: t("due"),
        noNextStep: t("noNextStep"),
        stayEnds: t("stayEndsWeek"),
        updated: t("updated"),
      }}
    />
  );
}
