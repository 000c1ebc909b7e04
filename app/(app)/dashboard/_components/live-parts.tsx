import { getFormatter, getTranslations } from "next-intl/server";
import { ReadingAlerts } from "@/app/(app)/_components/alerts/reading-alerts";
import type { LiveParts } from "@/app/(app)/dashboard/_components/auto-refresh";
import { DashboardView } from "@/app/(app)/dashboard/_components/dashboard-view";
import { listReadingAlerts } from "@/lib/alerts/queries";
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/policy";
import type { StaffOptionDTO } from "@/lib/cases/dto";
import { listStaffOptions } from "@/lib/cases/staff";
import { dashboardCacheSeconds, getDashboardFigures } from "@/lib/dashboard/cache";
import type { DashboardDTO } from "@/lib/dashboard/dto";
import type { DashboardFilter } from "@/lib/dashboard/schemas";

/**
 * What the dashboard refreshes every minute (its page renders it first, refreshDashboardAction again):
 * the reading alerts, and the figures with the time they were computed.
 */
export async function liveDashboard(
  actor: Actor,
  filter: DashboardFilter,
): Promise<LiveParts & { data: DashboardDTO; caseworkers: StaffOptionDTO[] }> {
  const [{ data, asOf }, staff, alerts, t, format] = await Promise.all([
    getDashboardFigures(actor, filter),
    listStaffOptions(actor),
    listReadingAlerts(actor),
    getTranslations("dashboard"),
    getFormatter(),
  ]);
  const cacheSeconds = dashboardCacheSeconds();
  const caseworkers = staff.filter((s) => s.role === "CASEWORKER");
  return {
    data,
    caseworkers,
    alerts: (
      <div className="mb-6">
        <ReadingAlerts alerts={alerts} viewerId={actor.userId} mayClear={can(actor.role, "alerts:clear")} />
      </div>
    ),
    figures: (
      <>
        {/* Figures are shared for a short while (lib/dashboard/cache.ts): say how old they are. */}
        <p className="mb-3 text-sm text-slate-600" data-testid="figures-as-of">
          <time dateTime={asOf.toISOString()}>{t("asOf", { time: format.dateTime(asOf, { timeStyle: "medium" }) })}</time>
          {cacheSeconds > 0 ? ` ${t("asOfRefresh", { seconds: cacheSeconds })}` : null}
        </p>
        <DashboardView data={data} caseworkers={caseworkers.filter((c) => c.active).map((c) => ({ id: c.id, email: c.email }))} />
      </>
    ),
  };
}
