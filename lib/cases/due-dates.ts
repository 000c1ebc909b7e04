import "server-only";
import type { Tx } from "@/lib/db/client";
import { startOfUtcDay } from "./derived";

/** The days a case's derived columns keep in the clear: its next appointment and its next due step. */

/** The day of the case's earliest appointment from today on (the minute is sealed). */
export async function nextAppointmentDay(tx: Tx, caseId: string, now: Date): Promise<Date | null> {
  const next = await tx.application.findFirst({
    where: { caseId, status: "APPOINTMENT_SCHEDULED", appointmentOn: { gte: startOfUtcDay(now) } },
    orderBy: { appointmentOn: "asc" },
    select: { appointmentOn: true },
  });
  return next?.appointmentOn ?? null;
}

/** The due day of the case's earliest open step. */
export async function earliestOpenStep(tx: Tx, caseId: string): Promise<Date | null> {
  const step = await tx.nextStep.findFirst({
    where: { caseId, doneAt: null, dueOn: { not: null } },
    orderBy: { dueOn: "asc" },
    select: { dueOn: true },
  });
  return step?.dueOn ?? null;
}
