import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { startOfUtcDay } from "@/lib/cases/derived";
import { caseListWhere } from "@/lib/cases/queries";
import { caseScope } from "@/lib/cases/scope";
import { db } from "@/lib/db/client";
import type { CountRow } from "./queries";

/**
 * A caseworker's own work: their next steps (overdue, then the coming week), appointments of their
 * cases, their cases without an update for 14+ days and their cases in extradition-risk countries.
 */

const DAY = 86_400_000;

export interface HomeStepDTO {
  code: string;
  text: string;
  dueOn: Date;
  overdue: boolean;
}

export interface HomeDTO {
  overdue: HomeStepDTO[];
  upcoming: HomeStepDTO[];
  appointments: Array<{ code: string; destination: string; appointmentAt: Date }>;
  stale: CountRow;
  extradition: CountRow;
  open: CountRow;
}

export async function getCaseworkerHome(actor: Actor, now = new Date()): Promise<HomeDTO> {
  assertCan(actor, "home:caseworker");
  const today = startOfUtcDay(now);
  const weekAhead = new Date(today.getTime() + 7 * DAY);
  const scope = caseScope(actor);
  const base = { status: "open" as const, sort: "updated" as const };
  const [steps, appointments, staleWhere, extraditionWhere, openWhere] = await Promise.all([
    db().nextStep.findMany({
      where: { doneAt: null, dueOn: { lte: weekAhead }, case: { ...scope, status: { not: "CLOSED" } } },
      orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
      take: 50,
      select: { text: true, dueOn: true, case: { select: { code: true } } },
    }),
    db().application.findMany({
      where: { status: "APPOINTMENT_SCHEDULED", appointmentAt: { gte: now, lte: new Date(now.getTime() + 14 * DAY) }, case: { ...scope, status: { not: "CLOSED" } } },
      orderBy: { appointmentAt: "asc" },
      take: 20,
      select: { destinationCountry: true, appointmentAt: true, case: { select: { code: true } } },
    }),
    caseListWhere(actor, { ...base, view: "stale" }, now),
    caseListWhere(actor, { ...base, view: "extradition" }, now),
    caseListWhere(actor, base, now),
  ]);
  const [stale, extradition, open] = await Promise.all([
    db().case.count({ where: staleWhere }),
    db().case.count({ where: extraditionWhere }),
    db().case.count({ where: openWhere }),
  ]);
  const mapped = steps.map((s) => ({ code: s.case.code, text: s.text, dueOn: s.dueOn!, overdue: s.dueOn! < today }));
  return {
    overdue: mapped.filter((s) => s.overdue),
    upcoming: mapped.filter((s) => !s.overdue),
    appointments: appointments.map((a) => ({ code: a.case.code, destination: a.destinationCountry, appointmentAt: a.appointmentAt! })),
    stale: { key: "stale", count: stale, filter: { view: "stale" } },
    extradition: { key: "extradition", count: extradition, filter: { view: "extradition" } },
    open: { key: "open", count: open, filter: {} },
  };
}
