import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { momentText } from "@/components/cases/date-text";
import type { ReadingAlertDTO } from "@/lib/alerts/queries";
import { ClearAlertButton } from "@/app/(app)/_components/alerts/clear-alert-button";

/**
 * Reading alerts for coordinators (who clear them) and admins (who see them beside the audit log).
 * Only the account, the kind, the count and the times: never which cases were read.
 */
export async function ReadingAlerts({ alerts, viewerId, mayClear }: { alerts: ReadingAlertDTO[]; viewerId: string; mayClear: boolean }) {
  const [t, format] = await Promise.all([getTranslations("alerts"), getFormatter()]);
  const open = alerts.filter((a) => !a.clearedAt).length;
  const when = (date: Date) => momentText(format, date);
  return (
    <Card aria-labelledby="reading-alerts-title" id="reading-alerts" className={open ? "border-amber-300" : undefined}>
      <CardHeader id="reading-alerts-title" title={t("title")} description={open ? t("openCount", { count: open }) : t("none")} />
      {alerts.length ? (
        <StackedList>
          {alerts.map((a) => (
            <StackedRow
              key={a.id}
              testId="reading-alert"
              className="space-y-1 text-sm"
              actions={
                !a.clearedAt && mayClear ? (
                  a.userId === viewerId ? (
                    <p className="text-xs text-slate-600">{t("aboutYou")}</p>
                  ) : (
                    <ClearAlertButton alertId={a.id} user={a.user} suspended={a.suspended} />
                  )
                ) : null
              }
            >
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-all text-slate-900">{a.user}</span>
                <Badge tone={a.clearedAt ? "neutral" : "danger"}>{a.clearedAt ? t("cleared") : t("open")}</Badge>
                {a.suspended && !a.clearedAt ? <Badge tone="warning">{t("suspended")}</Badge> : null}
              </p>
              <p className="text-slate-700">{t(`kind.${a.kind}`, { count: a.count, limit: a.limit })}</p>
              <p className="text-slate-600">
                {t("raised", { when: when(a.createdAt) })}
                {a.clearedBy && a.clearedAt ? ` · ${t("clearedBy", { who: a.clearedBy, when: when(a.clearedAt) })}` : ""}
              </p>
            </StackedRow>
          ))}
        </StackedList>
      ) : (
        <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">{t("emptyHint")}</p>
      )}
    </Card>
  );
}
