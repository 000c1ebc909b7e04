import "server-only";
import type { Actor } from "@/lib/access/actor";
import { caseListHref } from "@/lib/cases/list-url";
import { CaseKey } from "@/lib/cases/sealed";
import { applicationRow } from "@/lib/cases/sealed-rows";
import { listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema, type CaseListFilter } from "@/lib/cases/schemas";
import { db } from "@/lib/db/client";
import type { ApplicationStatus, ApplicationType, CaseStatus, JurisdictionRisk, RiskLevel } from "@/lib/db/generated/enums";
import { createCase, createNextStep, createUser, type CreatedUser } from "./factories";
import type { DashboardDTO } from "@/lib/dashboard/dto";

/**
 * A crafted world for dashboard and report tests: every case written out with its dates, so the
 * tests can state each figure as a literal computed by hand (see the comments in the tests).
 */

export const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00.000Z` : `${iso}:00.000Z`);

export interface CaseSpec {
  status: CaseStatus;
  country: string;
  risk: RiskLevel;
  assignee: "A" | "B" | null;
  created: string;
  /** Defaults to `closed`, else `created`. */
  updated?: string;
  closed?: string;
  before?: CaseStatus;
  /** Foreign passport: `HELD` with expiry (or none), `EXPIRED` state, or nothing recorded. */
  passport?: { state: "HELD" | "EXPIRED"; expiresOn?: string };
  /** Status changes after the factory's NEW at `created`, in order. */
  history?: Array<[CaseStatus, string]>;
  steps?: Array<{ due: string; done?: string }>;
  applications?: Array<{ to: string; status: ApplicationStatus; created: string; type?: ApplicationType; appointment?: string }>;
  contactChannel?: string;
}

export async function setCountryRisks(risks: Record<string, JurisdictionRisk>): Promise<void> {
  for (const [countryCode, risk] of Object.entries(risks)) {
    await db().countryRisk.upsert({ where: { countryCode }, create: { countryCode, risk }, update: { risk } });
  }
}

export async function buildCases<K extends string>(
  specs: Record<K, CaseSpec>,
  people: { creatorId: string; A: string; B: string },
): Promise<Record<K, { id: string; code: string; dataKeyWrapped: string }>> {
  const made = {} as Record<K, { id: string; code: string; dataKeyWrapped: string }>;
  for (const key of Object.keys(specs) as K[]) {
    const s = specs[key];
    const history = s.history ?? [];
    const kase = await createCase({
      createdById: people.creatorId,
      assignedToId: s.assignee ? people[s.assignee] : null,
      status: s.status,
      statusChangedAt: at(history.at(-1)?.[1] ?? s.created),
      createdAt: at(s.created),
      updatedAt: at(s.updated ?? s.closed ?? s.created),
      closedAt: s.closed ? at(s.closed) : null,
      statusBeforeClose: s.before ?? null,
      currentCountry: s.country,
      riskLevel: s.risk,
      contactChannel: s.contactChannel,
      documents: s.passport
        ? [{ type: "FOREIGN_PASSPORT", state: s.passport.state, expiresOn: s.passport.expiresOn ? at(s.passport.expiresOn) : null }]
        : [],
    });
    const sealer = new CaseKey(kase);
    let from: CaseStatus = "NEW";
    for (const [to, when] of history) {
      await db().caseStatusChange.create({
        data: { caseId: kase.id, fromStatus: from, toStatus: to, at: at(when), actorId: people.creatorId },
      });
      from = to;
    }
    for (const step of s.steps ?? []) {
      await createNextStep({
        caseId: kase.id,
        dataKeyWrapped: kase.dataKeyWrapped,
        text: "Book the consulate appointment",
        dueOn: at(step.due),
        doneAt: step.done ? at(step.done) : null,
        createdById: people.creatorId,
      });
    }
    const open = (s.steps ?? []).filter((step) => !step.done).map((step) => at(step.due));
    if (open.length)
      await db().case.update({ where: { id: kase.id }, data: { nextStepDueOn: new Date(Math.min(...open.map((d) => d.getTime()))) } });
    for (const app of s.applications ?? []) {
      await db().application.create({
        data: {
          ...applicationRow(sealer, {
            type: app.type ?? "VISA",
            destinationCountry: app.to,
            status: app.status,
            appointmentAt: app.appointment ? at(app.appointment) : null,
          }),
          caseId: kase.id,
          createdAt: at(app.created),
        },
      });
    }
    made[key] = kase;
  }
  return made;
}

export async function staff(): Promise<{ coordinator: CreatedUser; a: CreatedUser; b: CreatedUser }> {
  const [coordinator, a, b] = await Promise.all([
    createUser({ role: "COORDINATOR" }),
    createUser({ role: "CASEWORKER" }),
    createUser({ role: "CASEWORKER" }),
  ]);
  return { coordinator, a, b };
}

/** Every figure of the dashboard that links to the case list, with the count the list must show. */
export function figureLinks(d: DashboardDTO): Array<{ label: string; count: number; filter: Partial<CaseListFilter> }> {
  return [
    { label: "open", ...d.open },
    ...d.byStatus.map((r) => ({ label: `status ${r.status}`, ...r })),
    ...d.byCountry.map((r) => ({ label: `country ${r.country}`, ...r })),
    { label: "inDanger", ...d.inDanger },
    { label: "noTravelDocument", ...d.noTravelDocument },
    { label: "stale", ...d.stale },
    { label: "overdueSteps", ...d.overdueSteps },
    { label: "upcomingAppointments", ...d.upcomingAppointments },
    { label: "staysEnding", ...d.staysEnding },
    ...d.caseload.map((r) => ({ label: `caseload ${r.key}`, ...r })),
    ...d.newPerWeek.map((r) => ({ label: `new ${r.week}`, ...r })),
    ...d.closedPerWeek.map((r) => ({ label: `closed ${r.week}`, ...r })),
    ...d.stageDays.map((r) => ({ label: `stage ${r.stage}`, count: r.cases, filter: r.filter })),
    ...d.applications.flatMap((a) => Object.values(a.byStatus).map((r) => ({ label: `application ${a.destination} ${r.key}`, ...r }))),
    ...d.outcomes.flatMap((o) => [o.approved, o.rejected].map((r) => ({ label: `outcome ${o.key} ${r.key}`, ...r }))),
  ].map(({ label, count, filter }) => ({ label, count, filter }));
}

/** The case list a figure links to, read as the browser would: through its URL. */
export async function listFromLink(actor: Actor, filter: Partial<CaseListFilter>, now: Date): Promise<{ total: number; codes: string[] }> {
  const params = Object.fromEntries(new URL(caseListHref(filter), "http://waypoint.test").searchParams);
  const page = await listCases(actor, CaseListFilterSchema.parse(params), now);
  return { total: page.total, codes: page.items.map((i) => i.code).sort() };
}
