"use server";

import { requireActor, requireBackgroundActor } from "@/lib/auth/session";
import { reassignAllOpenCases } from "@/lib/cases/reassignment";
import { ReassignAllSchema } from "@/lib/cases/schemas";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { formAction } from "@/lib/errors/action";
import { liveDashboard } from "./_components/live-parts";

export const reassignAllAction = formAction({
  actor: () => requireActor("case:bulkReassign"),
  schema: ReassignAllSchema,
  run: (input, actor) =>
    reassignAllOpenCases(actor, { fromId: input.fromId === "none" ? null : input.fromId, assigneeId: input.assigneeId }),
  revalidate: () => ["/dashboard", "/cases"],
});

/**
 * The dashboard's refresh every minute (app/(app)/dashboard/_components/auto-refresh.tsx): its live parts,
 * rendered again. A background request: it is refused once the session has ended, and it never
 * renews the session (requireBackgroundActor), so an unattended dashboard reaches the idle timeout.
 */
export const refreshDashboardAction = formAction({
  actor: () => requireBackgroundActor("dashboard:view"),
  schema: DashboardFilterSchema,
  run: async (filter, actor) => {
    const { alerts, figures } = await liveDashboard(actor, filter);
    return { alerts, figures };
  },
});
