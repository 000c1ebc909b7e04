"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor, requireBackgroundActor } from "@/lib/auth/session";
import { reassignAllOpenCases } from "@/lib/cases/reassignment";
import { formObject, runAction, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import type { LiveParts } from "@/app/(app)/dashboard/_components/auto-refresh";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { liveDashboard } from "./_components/live-parts";
import { UuidSchema } from "@/lib/validation/atoms";

const ReassignAllSchema = z.object({ fromId: z.union([UuidSchema, z.literal("none")]), assigneeId: UuidSchema });

export async function reassignAllAction(_: ActionState<{ moved: number }>, form: FormData): Promise<ActionResult<{ moved: number }>> {
  return runFormAction(form, async () => {
    const actor = await requireActor("case:bulkReassign");
    const input = ReassignAllSchema.parse(formObject(form));
    const result = await reassignAllOpenCases(actor, {
      fromId: input.fromId === "none" ? null : input.fromId,
      assigneeId: input.assigneeId,
    });
    revalidatePath("/dashboard");
    revalidatePath("/cases");
    return { ok: true, data: result };
  });
}

/**
 * The dashboard's refresh every minute (app/(app)/dashboard/_components/auto-refresh.tsx): its live parts,
 * rendered again. A background request: it is refused once the session has ended, and it never
 * renews the session (requireBackgroundActor), so an unattended dashboard reaches the idle timeout.
 */
export async function refreshDashboardAction(_: unknown, form: FormData): Promise<ActionResult<LiveParts>> {
  return runAction(async () => {
    const actor = await requireBackgroundActor("dashboard:view");
    const { alerts, figures } = await liveDashboard(actor, DashboardFilterSchema.parse(formObject(form)));
    return { ok: true, data: { alerts, figures } };
  });
}
