import { describe, expect, test } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { at, buildCases, listFromLink, setCountryRisks, type CaseSpec } from "@/lib/testing/dashboard-world";
import { createUser } from "@/lib/testing/factories";
import { getCaseworkerHome } from "./home";

// Wednesday 2025-06-18 12:00 UTC: steps due up to 06-25 are "this week"; appointments count to 07-02 12:00.
const NOW = at("2025-06-18T12:00");

const CASES = {
  // Mine, open, in an extradition-risk country, updated yesterday.
  h1: {
    status: "IN_THIRD_COUNTRY",
    country: "KZ",
    risk: "HIGH",
    assignee: "A",
    created: "2025-03-01T10:00",
    updated: "2025-06-17T10:00",
    steps: [
      { due: "2025-06-10" },
      { due: "2025-06-18" },
      { due: "2025-06-25" },
      { due: "2025-06-26" },
      { due: "2025-06-01", done: "2025-06-02T10:00" },
    ],
    applications: [
      { to: "FR", status: "APPOINTMENT_SCHEDULED", created: "2025-05-01T10:00", appointment: "2025-06-21T09:00" },
      { to: "DE", status: "APPOINTMENT_SCHEDULED", created: "2025-05-01T10:00", appointment: "2025-07-01T12:00" },
      { to: "ES", status: "APPOINTMENT_SCHEDULED", created: "2025-05-01T10:00", appointment: "2025-07-03T09:00" }, // beyond 14 days
      { to: "IT", status: "APPOINTMENT_SCHEDULED", created: "2025-05-01T10:00", appointment: "2025-06-18T08:00" }, // this morning
      { to: "NL", status: "SUBMITTED", created: "2025-05-01T10:00", appointment: "2025-06-20T09:00" }, // not scheduled
    ],
  },
  // Mine, open, in a transit country, no update since 05-20.
  h2: {
    status: "IN_TRANSIT",
    country: "GE",
    risk: "HIGH",
    assignee: "A",
    created: "2025-03-01T10:00",
    updated: "2025-05-20T10:00",
    steps: [{ due: "2025-06-15" }],
  },
  // Mine but closed: nothing of it shows.
  h3: {
    status: "CLOSED",
    before: "IN_THIRD_COUNTRY",
    country: "KZ",
    risk: "HIGH",
    assignee: "A",
    created: "2025-03-01T10:00",
    closed: "2025-05-01T10:00",
    steps: [{ due: "2025-06-01" }],
    applications: [{ to: "FR", status: "APPOINTMENT_SCHEDULED", created: "2025-04-01T10:00", appointment: "2025-06-20T09:00" }],
  },
  // Someone else's, and nobody's: stale, overdue, in KZ, with appointments. None of it is mine.
  t1: {
    status: "IN_THIRD_COUNTRY",
    country: "KZ",
    risk: "HIGH",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-05-01T10:00",
    steps: [{ due: "2025-06-12" }, { due: "2025-06-20" }],
    applications: [{ to: "FR", status: "APPOINTMENT_SCHEDULED", created: "2025-04-01T10:00", appointment: "2025-06-19T09:00" }],
  },
  u1: {
    status: "VERIFYING",
    country: "KZ",
    risk: "HIGH",
    assignee: null,
    created: "2025-03-01T10:00",
    updated: "2025-05-01T10:00",
    steps: [{ due: "2025-06-11" }],
  },
} satisfies Record<string, CaseSpec>;

describe("getCaseworkerHome", () => {
  test("a caseworker sees only their own open cases' overdue and coming steps, appointments within 14 days, stale and extradition counts", async () => {
    await setCountryRisks({ KZ: "EXTRADITION_RISK", GE: "TRANSIT" });
    const coordinator = await createUser({ role: "COORDINATOR" });
    const me = await createUser({ role: "CASEWORKER" });
    const other = await createUser({ role: "CASEWORKER" });
    const cases = await buildCases(CASES, { creatorId: coordinator.id, A: me.id, B: other.id });
    const actor = await actorFor(me);
    const { h1, h2 } = cases;

    const home = await getCaseworkerHome(actor, NOW);
    const steps = (list: typeof home.overdue) => list.map((s) => [s.code, s.dueOn.toISOString().slice(0, 10), s.overdue]);
    expect(steps(home.overdue)).toEqual([
      [h1.code, "2025-06-10", true],
      [h2.code, "2025-06-15", true],
    ]);
    // Due today is not overdue; due a week from today still counts; the step after that and done steps do not.
    expect(steps(home.upcoming)).toEqual([
      [h1.code, "2025-06-18", false],
      [h1.code, "2025-06-25", false],
    ]);
    expect(home.appointments).toEqual([
      { code: h1.code, destination: "FR", appointmentAt: at("2025-06-21T09:00") },
      { code: h1.code, destination: "DE", appointmentAt: at("2025-07-01T12:00") },
    ]);
    expect([home.open.count, home.stale.count, home.extradition.count]).toEqual([2, 1, 1]);

    // The tiles link to the caseworker's own list, which shows the same cases.
    expect((await listFromLink(actor, home.stale.filter, NOW)).codes).toEqual([h2.code]);
    expect((await listFromLink(actor, home.extradition.filter, NOW)).codes).toEqual([h1.code]);
    expect((await listFromLink(actor, home.open.filter, NOW)).codes).toEqual([h1.code, h2.code].sort());
  });

  test("a caseworker with no cases gets an empty home", async () => {
    const actor = await actorFor(await createUser({ role: "CASEWORKER" }));
    const home = await getCaseworkerHome(actor, NOW);
    expect(home).toMatchObject({
      overdue: [],
      upcoming: [],
      appointments: [],
      open: { count: 0 },
      stale: { count: 0 },
      extradition: { count: 0 },
    });
  });

  test.each(["COORDINATOR", "ADMIN"] as const)("a %s has no caseworker home", async (role) => {
    const actor = await actorFor(await createUser({ role }));
    await expect(getCaseworkerHome(actor, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
