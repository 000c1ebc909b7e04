import { describe, expect, test } from "vitest";
import type { ApplicationStatus, CaseStatus } from "@/lib/db/generated/enums";
import { canMoveApplication, checkTransition, nextStatuses, type TransitionRole } from "./transitions";

/**
 * The workflow of PRODUCT.md, written out by hand (not computed from transitions.ts): a change to
 * the workflow has to change this list too, in review.
 */
const STATUSES: CaseStatus[] = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED", "CLOSED"];
const OPEN: CaseStatus[] = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED"];
const ROLES: TransitionRole[] = ["CASEWORKER", "COORDINATOR", "ADMIN"];

const FORWARD_EDGES: Array<[CaseStatus, CaseStatus]> = [
  ["NEW", "VERIFYING"],
  ["VERIFYING", "PLANNING_EXIT"],
  ["PLANNING_EXIT", "IN_TRANSIT"],
  ["IN_TRANSIT", "IN_THIRD_COUNTRY"],
  ["IN_THIRD_COUNTRY", "APPLYING"],
  ["APPLYING", "RELOCATED"],
  ["IN_THIRD_COUNTRY", "IN_TRANSIT"],
  ["APPLYING", "IN_TRANSIT"],
  ["APPLYING", "IN_THIRD_COUNTRY"],
  ["RELOCATED", "APPLYING"],
];
const CLOSE_EDGES: Array<[CaseStatus, CaseStatus]> = [
  ["NEW", "CLOSED"],
  ["VERIFYING", "CLOSED"],
  ["PLANNING_EXIT", "CLOSED"],
  ["IN_TRANSIT", "CLOSED"],
  ["IN_THIRD_COUNTRY", "CLOSED"],
  ["APPLYING", "CLOSED"],
  ["RELOCATED", "CLOSED"],
];

type Expected = { allowed: true; kind: "forward" | "close" | "reopen" } | { allowed: false };

/** What checkTransition must answer for an open `from` (statusBeforeClose plays no part). */
function expectedFromOpen(from: CaseStatus, to: CaseStatus, role: TransitionRole): Expected {
  if (role === "ADMIN") return { allowed: false };
  if (FORWARD_EDGES.some(([f, t]) => f === from && t === to)) return { allowed: true, kind: "forward" };
  if (CLOSE_EDGES.some(([f, t]) => f === from && t === to)) return { allowed: true, kind: "close" };
  return { allowed: false };
}

const openPairs = OPEN.flatMap((from) => STATUSES.flatMap((to) => ROLES.map((role) => ({ from, to, role }))));

describe("case workflow (checkTransition)", () => {
  test("the literal table has the ten forward edges (eight of PRODUCT.md, two returns of ADR 021) and seven closing edges", () => {
    expect(new Set(FORWARD_EDGES.map((e) => e.join(">"))).size).toBe(10);
    expect(CLOSE_EDGES.map(([from]) => from)).toEqual(OPEN);
  });

  test.each(openPairs)("$role moving an open case $from → $to", ({ from, to, role }) => {
    const expected = expectedFromOpen(from, to, role);
    const actual = checkTransition(from, to, role, null);
    expect(actual.allowed).toBe(expected.allowed);
    if (expected.allowed && actual.allowed) expect(actual.kind).toBe(expected.kind);
  });

  test.each(openPairs)("$role moving an open case $from → $to ignores a stray statusBeforeClose", ({ from, to, role }) => {
    for (const before of OPEN) {
      expect(checkTransition(from, to, role, before).allowed).toBe(expectedFromOpen(from, to, role).allowed);
    }
  });

  // A closed case: only back to the status it was closed from, only for a coordinator.
  const closedPairs = [...OPEN, null].flatMap((before) => STATUSES.flatMap((to) => ROLES.map((role) => ({ before, to, role }))));
  test.each(closedPairs)("$role reopening a case closed from $before to $to", ({ before, to, role }) => {
    const actual = checkTransition("CLOSED", to, role, before);
    const allowed = role === "COORDINATOR" && before !== null && to === before;
    expect(actual.allowed).toBe(allowed);
    if (actual.allowed) expect(actual.kind).toBe("reopen");
  });

  test("a caseworker asking to reopen is told it is for coordinators", () => {
    expect(checkTransition("CLOSED", "APPLYING", "CASEWORKER", "APPLYING")).toEqual({ allowed: false, reason: "reopen_is_coordinators" });
  });

  test("a coordinator cannot reopen a case to a status other than the one it was closed from", () => {
    expect(checkTransition("CLOSED", "NEW", "COORDINATOR", "APPLYING")).toEqual({ allowed: false, reason: "reopen_to_other_status" });
    expect(checkTransition("CLOSED", "CLOSED", "COORDINATOR", "APPLYING")).toEqual({ allowed: false, reason: "reopen_to_other_status" });
  });

  test("an admin can change no case at all, whatever the pair", () => {
    for (const from of STATUSES)
      for (const to of STATUSES) {
        expect(checkTransition(from, to, "ADMIN", "NEW")).toEqual({ allowed: false, reason: "admins_cannot_change_cases" });
      }
  });

  test("a skipped stage or a step back outside the drawing is not in the workflow", () => {
    expect(checkTransition("NEW", "PLANNING_EXIT", "COORDINATOR")).toEqual({ allowed: false, reason: "not_in_workflow" });
    expect(checkTransition("RELOCATED", "IN_THIRD_COUNTRY", "COORDINATOR")).toEqual({ allowed: false, reason: "not_in_workflow" });
    expect(checkTransition("APPLYING", "PLANNING_EXIT", "CASEWORKER")).toEqual({ allowed: false, reason: "not_in_workflow" });
    expect(checkTransition("IN_TRANSIT", "PLANNING_EXIT", "CASEWORKER")).toEqual({ allowed: false, reason: "not_in_workflow" });
  });
});

describe("status changes offered on the case page (nextStatuses)", () => {
  const NEXT: Record<Exclude<CaseStatus, "CLOSED">, CaseStatus[]> = {
    NEW: ["VERIFYING"],
    VERIFYING: ["PLANNING_EXIT"],
    PLANNING_EXIT: ["IN_TRANSIT"],
    IN_TRANSIT: ["IN_THIRD_COUNTRY"],
    IN_THIRD_COUNTRY: ["APPLYING", "IN_TRANSIT"],
    APPLYING: ["RELOCATED", "IN_TRANSIT", "IN_THIRD_COUNTRY"],
    RELOCATED: ["APPLYING"],
  };

  test.each(OPEN)("caseworkers and coordinators are offered the forward moves from %s, never CLOSED", (from) => {
    const expected = NEXT[from as Exclude<CaseStatus, "CLOSED">];
    expect([...nextStatuses(from, "CASEWORKER")].sort()).toEqual([...expected].sort());
    expect([...nextStatuses(from, "COORDINATOR")].sort()).toEqual([...expected].sort());
    expect(nextStatuses(from, "ADMIN")).toEqual([]);
  });

  test("every offered move is one checkTransition allows as forward", () => {
    for (const from of OPEN)
      for (const role of ROLES)
        for (const to of nextStatuses(from, role)) {
          expect(checkTransition(from, to, role)).toEqual({ allowed: true, kind: "forward" });
        }
  });

  test("a closed case offers its previous status to a coordinator only", () => {
    expect(nextStatuses("CLOSED", "COORDINATOR", "IN_THIRD_COUNTRY")).toEqual(["IN_THIRD_COUNTRY"]);
    expect(nextStatuses("CLOSED", "CASEWORKER", "IN_THIRD_COUNTRY")).toEqual([]);
    expect(nextStatuses("CLOSED", "ADMIN", "IN_THIRD_COUNTRY")).toEqual([]);
    expect(nextStatuses("CLOSED", "COORDINATOR", null)).toEqual([]);
  });

  test("the list returned is a copy: changing it does not change the workflow", () => {
    const offered = nextStatuses("APPLYING", "CASEWORKER");
    offered.push("NEW");
    expect(nextStatuses("APPLYING", "CASEWORKER")).not.toContain("NEW");
    expect(checkTransition("APPLYING", "NEW", "CASEWORKER").allowed).toBe(false);
  });
});

describe("application flow (canMoveApplication)", () => {
  const APP_STATUSES: ApplicationStatus[] = [
    "PLANNED",
    "SUBMITTED",
    "APPOINTMENT_SCHEDULED",
    "APPROVED",
    "REJECTED",
    "APPEALED",
    "WITHDRAWN",
  ];
  const APP_EDGES: Array<[ApplicationStatus, ApplicationStatus]> = [
    ["PLANNED", "SUBMITTED"],
    ["PLANNED", "WITHDRAWN"],
    ["SUBMITTED", "APPOINTMENT_SCHEDULED"],
    ["SUBMITTED", "APPROVED"],
    ["SUBMITTED", "REJECTED"],
    ["SUBMITTED", "WITHDRAWN"],
    ["APPOINTMENT_SCHEDULED", "APPROVED"],
    ["APPOINTMENT_SCHEDULED", "REJECTED"],
    ["APPOINTMENT_SCHEDULED", "WITHDRAWN"],
    ["REJECTED", "APPEALED"],
    ["APPEALED", "APPROVED"],
    ["APPEALED", "REJECTED"],
    ["APPEALED", "WITHDRAWN"],
  ];
  const pairs = APP_STATUSES.flatMap((from) => APP_STATUSES.map((to) => ({ from, to })));

  test.each(pairs)("an application may move $from → $to only along the drawing (or stay)", ({ from, to }) => {
    const allowed = from === to || APP_EDGES.some(([f, t]) => f === from && t === to);
    expect(canMoveApplication(from, to)).toBe(allowed);
  });

  test("approved and withdrawn applications are final", () => {
    for (const to of APP_STATUSES) {
      if (to !== "APPROVED") expect(canMoveApplication("APPROVED", to)).toBe(false);
      if (to !== "WITHDRAWN") expect(canMoveApplication("WITHDRAWN", to)).toBe(false);
    }
  });
});
