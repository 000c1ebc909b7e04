import { listedCityNamed } from "@/lib/cases/places";
import { OPEN_STATUSES } from "@/lib/cases/vocabulary";
import type { CaseStatus, DocumentState, DocumentType } from "@/lib/db/generated/enums";
import type { Prng } from "./prng";

/**
 * What the demo seed and the load generator tell alike about a synthetic case: how it moved through
 * the workflow and which documents the person holds. The draws are in a fixed order, so one seed
 * gives the same data on every machine.
 */

export const DAY = 86_400_000;

/** The open stages in workflow order: a case reaches one by passing all before it. */
export const WORKFLOW: readonly CaseStatus[] = OPEN_STATUSES;

/** Where a closed case stopped before it was closed. */
export const STOPPED_AT = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_THIRD_COUNTRY", "APPLYING"] as const;

export interface StatusChange {
  from: CaseStatus | null;
  to: CaseStatus;
  at: Date;
}

/**
 * The status history from creation up to `reached` (then CLOSED, when `closed`), spread between
 * `createdAt` and `end` with some jitter; no change comes later than `end`.
 */
export function statusHistory(random: Prng, story: { reached: CaseStatus; closed: boolean; createdAt: Date; end: number }): StatusChange[] {
  const { reached, closed, createdAt, end } = story;
  const path = WORKFLOW.slice(0, WORKFLOW.indexOf(reached) + 1);
  const changes: StatusChange[] = [];
  let cursor = createdAt.getTime();
  path.forEach((status, index) => {
    if (index > 0) cursor += Math.max(DAY / 2, ((end - cursor) / (path.length - index + 1)) * (0.6 + random.next() * 0.8));
    changes.push({ from: index === 0 ? null : path[index - 1]!, to: status, at: new Date(Math.min(cursor, end)) });
  });
  if (closed) {
    cursor += Math.max(DAY, (end - cursor) / 2);
    changes.push({ from: reached, to: "CLOSED", at: new Date(Math.min(cursor, end)) });
  }
  return changes;
}

export interface HeldDocument {
  type: DocumentType;
  state: DocumentState;
  expiresOn: Date | null;
}

/** The documents everyone has a state for: internal passport, foreign passport, military ID. Never numbers, never scans. */
export function documentsHeld(random: Prng, now: Date): HeldDocument[] {
  const foreign = random.weighted<DocumentState | "VALID">([
    ["VALID", 35],
    ["EXPIRED", 10],
    ["NEVER_HAD", 35],
    ["CONFISCATED", 10],
    ["HELD_BY_AUTHORITIES", 10],
  ]);
  return [
    { type: "INTERNAL_PASSPORT", state: random.next() < 0.9 ? "HELD" : "CONFISCATED", expiresOn: null },
    {
      type: "FOREIGN_PASSPORT",
      state: foreign === "VALID" ? "HELD" : foreign,
      expiresOn:
        foreign === "VALID" ? daysFrom(now, random.int(60, 2500)) : foreign === "EXPIRED" ? daysFrom(now, -random.int(30, 900)) : null,
    },
    {
      type: "MILITARY_ID",
      state: random.weighted<DocumentState>([
        ["HELD", 5],
        ["CONFISCATED", 2],
        ["LOST", 1],
        ["NEVER_HAD", 2],
      ]),
      expiresOn: null,
    },
  ];
}

/** The UTC day `days` days from `from` (stored dates are days). */
export function daysFrom(from: Date, days: number): Date {
  return dateOnly(new Date(from.getTime() + days * DAY));
}

export function dateOnly(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A place named in the seed's tables: the listed city of the first of `countries` that has it, else typed as "other". */
export function listedOrOther(countries: readonly string[], name: string | null): { city: string | null; other: string | null } {
  if (!name) return { city: null, other: null };
  const city = countries.map((c) => listedCityNamed(c, name)).find((key) => key !== null) ?? null;
  return city ? { city, other: null } : { city: null, other: name };
}
