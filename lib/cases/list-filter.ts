import "server-only";
import { todayOf, zoneOf, type Actor } from "@/lib/access/actor";
import { utcDaysCovering } from "@/lib/time/zones";
import { can } from "@/lib/access/policy";
import type { Prisma } from "@/lib/db/client";
import { countriesWithRisk } from "./country-risks";
import { isoWeekStart } from "./derived";
import type { CaseListFilter } from "./schemas";
import { caseScope } from "./scope";

/** The case list's filters as a Prisma `where`, always inside the actor's scope. */

const STALE_DAYS = 14;
/** How far ahead a stay that runs out counts as running out soon (the caseworker's home, the dashboard). */
export const STAY_SOON_DAYS = 14;
const DAY = 86_400_000;

/**
 * An appointment's clear day is its moment's UTC day (ADR 030): the UTC days the reader's next
 * `days` days overlap, so that an appointment early on a reader's day east of UTC is not missed.
 */
export function appointmentDays(actor: Actor, today: Date, days: number): { gte: Date; lte: Date } {
  const { from, to } = utcDaysCovering(today, new Date(today.getTime() + days * DAY), zoneOf(actor));
  return { gte: from, lte: to };
}

/** The `where` of a case list: the actor's scope plus the filters. Shared with the dashboard's links. */
export async function caseListWhere(
  actor: Actor,
  filter: Omit<CaseListFilter, "sort" | "after">,
  now = new Date(),
): Promise<Prisma.CaseWhereInput> {
  const today = todayOf(actor, now);
  const and: Prisma.CaseWhereInput[] = [caseScope(actor)];
  if (!filter.status || filter.status === "open") and.push({ status: { not: "CLOSED" } });
  else if (filter.status !== "all") and.push({ status: filter.status });
  if (filter.country) and.push({ currentCountry: filter.country });
  if (filter.jurisdiction) and.push({ currentCountry: { in: await countriesWithRisk([filter.jurisdiction]) } });
  if (filter.risk) and.push({ riskLevel: filter.risk });
  // Only those who assign cases filter by assignee; anyone else's scope is one assignee already.
  if (filter.assignee && can(actor.role, "case:assign")) and.push({ assignedToId: filter.assignee === "none" ? null : filter.assignee });
  if (filter.owner) and.push({ nextSteps: { some: { ownerId: filter.owner, doneAt: null } } });
  // Search by code: the whole code, or its beginning ("7KQ2", "WP-7KQ2-X"), which the code index serves.
  if (filter.q) {
    const typed = filter.q.replace(/^WP-?/, "");
    const prefix = `WP-${typed.length > 4 && typed[4] !== "-" ? `${typed.slice(0, 4)}-${typed.slice(4)}` : typed}`;
    and.push(prefix.length === 12 ? { code: prefix } : { code: { startsWith: prefix } });
  }
  // Date bounds are whole days: from the start of `from` to the end of `to`.
  const range = (from?: Date, to?: Date) => ({ ...(from ? { gte: from } : {}), ...(to ? { lt: new Date(to.getTime() + DAY) } : {}) });
  if (filter.createdFrom || filter.createdTo) and.push({ createdAt: range(filter.createdFrom, filter.createdTo) });
  if (filter.closedFrom || filter.closedTo) and.push({ closedAt: range(filter.closedFrom, filter.closedTo) });
  if (filter.leftStage) and.push({ statusChanges: { some: { fromStatus: filter.leftStage, at: range(filter.leftFrom, filter.leftTo) } } });
  if (filter.appDestination || filter.appStatus || filter.appType || filter.appFrom || filter.appTo) {
    and.push({
      applications: {
        some: {
          ...(filter.appDestination ? { destinationCountry: filter.appDestination } : {}),
          ...(filter.appStatus ? { status: filter.appStatus } : {}),
          ...(filter.appType ? { type: filter.appType } : {}),
          ...(filter.appFrom || filter.appTo ? { createdAt: range(filter.appFrom, filter.appTo) } : {}),
        },
      },
    });
  }
  // Sorting by the stay lists the stays that run out: a null week would break the keyset pagination.
  if ("sort" in filter && filter.sort === "stay") and.push({ stayEndsWeek: { not: null } });
  switch (filter.view) {
    case "stale":
      and.push({ updatedAt: { lt: new Date(now.getTime() - (filter.staleDays ?? STALE_DAYS) * DAY) } });
      break;
    case "overdue":
      and.push({ nextStepDueOn: { lt: today } });
      break;
    case "extradition":
      and.push({ currentCountry: { in: await countriesWithRisk(["EXTRADITION_RISK"]) } });
      break;
    case "danger":
      and.push({ currentCountry: { in: await countriesWithRisk(["EXTRADITION_RISK", "ORIGIN"]) } });
      break;
    case "nodoc":
      and.push({ OR: [{ travelDocValidUntil: null }, { travelDocValidUntil: { lt: today } }] });
      break;
    case "stay":
      // Week grain (ADR 020): stays whose week starts on or before the day 14 days ahead, overstays included.
      and.push({ stayEndsWeek: { lte: isoWeekStart(new Date(today.getTime() + STAY_SOON_DAYS * DAY)) } });
      break;
    case "entry":
      // Week grain (ADR 021): granted visas whose entry deadline's week runs from this week to the one 14 days ahead.
      and.push({ status: { notIn: ["CLOSED", "RELOCATED"] } });
      and.push({
        applications: {
          some: {
            status: "APPROVED",
            entryByWeek: { gte: isoWeekStart(today), lte: isoWeekStart(new Date(today.getTime() + STAY_SOON_DAYS * DAY)) },
          },
        },
      });
      break;
    case "awaiting_second":
      and.push({ status: "VERIFYING", vettingState: "ONE_SIGN_OFF" });
      break;
    case "appointments":
      // Whole days: the appointment's minute is sealed.
      and.push({
        applications: {
          some: { status: "APPOINTMENT_SCHEDULED", appointmentOn: appointmentDays(actor, today, 7) },
        },
      });
      break;
    case undefined:
      break;
  }
  return { AND: and };
}
