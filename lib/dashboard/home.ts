import "server-only";
import { assertCan, todayOf, type Actor } from "@/lib/access/actor";
import { appointmentDays, caseListWhere } from "@/lib/cases/list-filter";
import { recordListRead } from "@/lib/cases/read-audit";
import { CaseKey } from "@/lib/cases/sealed";
import { caseScope } from "@/lib/cases/scope";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { DecryptionError, UnknownKeyError } from "@/lib/crypto/fields";
import { db } from "@/lib/db/client";
import type { CountRow } from "./dto";
import { entriesSoon, type HomeEntryDTO } from "./home-entries";
import { stayingSoon, type HomeStayDTO } from "./home-stays";

/**
 * A caseworker's own work: their next steps (overdue, then the coming week), appointments of their
 * cases, their cases without an update for 14+ days and their cases in extradition-risk countries.
 * The steps and appointments it lists are a read of those cases: audited and watched like a list page.
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
  /** Stays that run out within 14 days, soonest (or overstayed) first. */
  stays: HomeStayDTO[];
  /** Granted visas whose entry deadline falls within 14 days, soonest first (ADR 021). */
  entries: HomeEntryDTO[];
  staysEnding: CountRow;
  stale: CountRow;
  extradition: CountRow;
  open: CountRow;
}

export async function getCaseworkerHome(actor: Actor, now = new Date()): Promise<HomeDTO> {
  assertCan(actor, "home:caseworker");
  const today = todayOf(actor, now);
  const weekAhead = new Date(today.getTime() + 7 * DAY);
  const scope = caseScope(actor);
  const base = { status: "open" as const, sort: "updated" as const };
  const sealedReads = () =>
    Promise.all([
      db().nextStep.findMany({
        where: { doneAt: null, dueOn: { lte: weekAhead }, case: { ...scope, status: { not: "CLOSED" } } },
        orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
        take: 50,
        select: { id: true, textEnc: true, dueOn: true, case: { select: { id: true, code: true, dataKeyWrapped: true } } },
      }),
      db().application.findMany({
        where: {
          status: "APPOINTMENT_SCHEDULED",
          // By the UTC days the reader's next 14 days overlap; the minute, opened below, decides.
          appointmentOn: appointmentDays(actor, today, 14),
          case: { ...scope, status: { not: "CLOSED" } },
        },
        orderBy: { appointmentOn: "asc" },
        take: 20,
        select: {
          id: true,
          destinationCountry: true,
          appointmentEnc: true,
          case: { select: { id: true, code: true, dataKeyWrapped: true } },
        },
      }),
    ]);
  const [[steps, appointments], soon, entering, staleWhere, extraditionWhere, openWhere, stayWhere] = await Promise.all([
    sealedReads(),
    stayingSoon(actor, today),
    entriesSoon(actor, today),
    caseListWhere(actor, { ...base, view: "stale" }, now),
    caseListWhere(actor, { ...base, view: "extradition" }, now),
    caseListWhere(actor, base, now),
    caseListWhere(actor, { ...base, view: "stay" }, now),
  ]);
  const [stale, extradition, open, staysEnding] = await Promise.all([
    db().case.count({ where: staleWhere }),
    db().case.count({ where: extraditionWhere }),
    db().case.count({ where: openWhere }),
    db().case.count({ where: stayWhere }),
  ]);
  const shown = [...steps.map((s) => s.case.id), ...appointments.map((a) => a.case.id), ...soon.caseIds, ...entering.caseIds];
  await recordListRead(actor, { filters: { home: true }, count: new Set(shown).size, caseIds: shown }, now);
  const unseal = ([stepRows, appointmentRows]: Awaited<ReturnType<typeof sealedReads>>) => {
    const keys = new Map([...stepRows.map((s) => s.case), ...appointmentRows.map((a) => a.case)].map((c) => [c.id, new CaseKey(c)]));
    const key = (kase: { id: string }) => keys.get(kase.id)!;
    return {
      steps: stepRows.map((s) => ({
        code: s.case.code,
        text: key(s.case).open(caseFieldContext.nextStepText(s.id), s.textEnc),
        dueOn: s.dueOn!,
        overdue: s.dueOn! < today,
      })),
      appointments: appointmentRows
        .map((a) => ({
          code: a.case.code,
          destination: a.destinationCountry,
          appointmentAt: key(a.case).openMoment(caseFieldContext.appointment(a.id), a.appointmentEnc)!,
        }))
        // Today's appointments that have passed are no longer upcoming; within a day, by the minute.
        .filter((a) => a.appointmentAt >= now)
        .sort((a, b) => a.appointmentAt.getTime() - b.appointmentAt.getTime()),
    };
  };
  let unsealed: ReturnType<typeof unseal>;
  try {
    unsealed = unseal([steps, appointments]);
  } catch (error) {
    // A re-key (lib/crypto/rekey.ts) committed between Prisma's queries pairs an old key with new
    // values; reading again gets one or the other.
    if (!(error instanceof DecryptionError || error instanceof UnknownKeyError)) throw error;
    unsealed = unseal(await sealedReads());
  }
  const mapped = unsealed.steps;
  const upcomingAppointments = unsealed.appointments;
  return {
    overdue: mapped.filter((s) => s.overdue),
    upcoming: mapped.filter((s) => !s.overdue),
    appointments: upcomingAppointments,
    stays: soon.stays,
    entries: entering.entries,
    staysEnding: { key: "stay", count: staysEnding, filter: { view: "stay" } },
    stale: { key: "stale", count: stale, filter: { view: "stale" } },
    extradition: { key: "extradition", count: extradition, filter: { view: "extradition" } },
    open: { key: "open", count: open, filter: {} },
  };
}
