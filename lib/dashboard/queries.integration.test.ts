import { describe, expect, test } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { at, buildCases, figureLinks, listFromLink, setCountryRisks, staff, type CaseSpec } from "@/lib/testing/dashboard-world";
import { createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { db } from "@/lib/db/client";
import type { DashboardDTO } from "./dto";
import { getDashboard, getDashboardWithKeys } from "./queries";
import { DashboardFilterSchema } from "./schemas";

/**
 * The dashboard on a crafted database. Every expected figure below is worked out by hand from the
 * table of cases (never recomputed from the rows), so a broken rule shows up as a wrong literal.
 *
 * Now is Wednesday 2025-06-18 12:00 UTC; the period is 2025-05-07 (a Wednesday) to 2025-06-15 (a
 * Sunday), so the first ISO week (Monday 05-05) is cut short and the last (06-09) ends with `to`.
 * Stale (14 days) means updated before 2025-06-04 12:00; appointments count by whole days, from today
 * (06-18) to 06-25 (the minute is sealed). A passport counts as valid until the day before the month
 * it expires in (the expiry day is sealed; its month is kept).
 */
const NOW = at("2025-06-18T12:00");
const PERIOD = { from: "2025-05-07", to: "2025-06-15" };
const WEEKS = ["2025-05-05", "2025-05-12", "2025-05-19", "2025-05-26", "2025-06-02", "2025-06-09"];

const CASES = {
  // Open, 12 ------------------------------------------------------------------------------------
  c1: { status: "NEW", country: "RU", risk: "LOW", assignee: "A", created: "2025-06-10T09:00", steps: [{ due: "2025-06-17" }] },
  c2: {
    status: "NEW",
    country: "KZ",
    risk: "HIGH",
    assignee: "B",
    created: "2025-06-15T23:30",
    updated: "2025-06-15T23:50",
    passport: { state: "HELD", expiresOn: "2026-01-01" },
    applications: [{ to: "FR", status: "SUBMITTED", created: "2025-06-15T23:45", appointment: "2025-06-19T10:00" }],
  },
  c3: {
    status: "VERIFYING",
    country: "RU",
    risk: "CRITICAL",
    assignee: null,
    created: "2025-05-20T10:00",
    updated: "2025-06-03T10:00",
    passport: { state: "EXPIRED" },
    history: [["VERIFYING", "2025-05-26T10:00"]],
    applications: [{ to: "ES", status: "PLANNED", type: "HUMANITARIAN_VISA", created: "2025-06-03T10:00" }],
  },
  c4: {
    status: "VERIFYING",
    country: "GE",
    risk: "ELEVATED",
    assignee: "A",
    created: "2025-05-08T10:00",
    updated: "2025-06-15T08:00",
    passport: { state: "HELD", expiresOn: "2025-06-17" },
    history: [
      ["VERIFYING", "2025-05-10T10:00"],
      ["CLOSED", "2025-05-12T10:00"],
      ["VERIFYING", "2025-05-13T10:00"],
    ],
    steps: [{ due: "2025-06-18" }],
    applications: [{ to: "DE", status: "APPOINTMENT_SCHEDULED", created: "2025-06-05T10:00", appointment: "2025-06-18T08:00" }],
  },
  c5: {
    status: "PLANNING_EXIT",
    country: "KZ",
    risk: "CRITICAL",
    assignee: "A",
    created: "2025-04-27T10:00",
    updated: "2025-05-30T10:00",
    passport: { state: "HELD" },
    history: [
      ["VERIFYING", "2025-05-07T10:00"],
      ["PLANNING_EXIT", "2025-05-08T10:00"],
    ],
    steps: [{ due: "2025-06-01" }, { due: "2025-05-01", done: "2025-05-02T10:00" }],
  },
  c6: {
    status: "IN_TRANSIT",
    country: "GE",
    risk: "HIGH",
    assignee: "B",
    created: "2025-05-14T10:00",
    updated: "2025-06-17T10:00",
    passport: { state: "HELD", expiresOn: "2025-06-18" },
    history: [
      ["VERIFYING", "2025-05-18T10:00"],
      ["PLANNING_EXIT", "2025-05-21T10:00"],
      ["IN_TRANSIT", "2025-05-26T10:00"],
    ],
    steps: [{ due: "2025-06-20" }],
    applications: [{ to: "FR", status: "APPOINTMENT_SCHEDULED", created: "2025-06-01T10:00", appointment: "2025-06-28T10:00" }],
  },
  c7: {
    status: "IN_THIRD_COUNTRY",
    country: "KZ",
    risk: "HIGH",
    assignee: "A",
    created: "2025-03-01T10:00",
    updated: "2025-06-16T10:00",
    history: [
      ["VERIFYING", "2025-03-05T10:00"],
      ["PLANNING_EXIT", "2025-03-20T00:00"],
      ["IN_TRANSIT", "2025-05-20T00:00"],
      ["IN_THIRD_COUNTRY", "2025-05-21T12:00"],
    ],
    steps: [{ due: "2025-05-01", done: "2025-05-01T12:00" }],
    applications: [
      { to: "DE", status: "APPOINTMENT_SCHEDULED", type: "ASYLUM", created: "2025-05-22T10:00", appointment: "2025-06-25T12:00" },
    ],
  },
  c8: {
    status: "IN_THIRD_COUNTRY",
    country: "GE",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-10T10:00",
    updated: "2025-05-09T10:00",
    passport: { state: "HELD", expiresOn: "2027-01-01" },
    steps: [{ due: "2025-06-10" }],
    applications: [{ to: "FR", status: "REJECTED", created: "2025-05-09T10:00" }],
  },
  c9: {
    status: "APPLYING",
    country: "GE",
    risk: "ELEVATED",
    assignee: "A",
    created: "2025-02-01T06:00",
    updated: "2025-06-17T10:00",
    passport: { state: "HELD", expiresOn: "2027-01-01" },
    history: [
      ["VERIFYING", "2025-02-03T06:00"],
      ["PLANNING_EXIT", "2025-02-10T06:00"],
      ["IN_TRANSIT", "2025-05-09T06:00"],
      ["IN_THIRD_COUNTRY", "2025-05-09T12:00"],
      ["APPLYING", "2025-06-16T00:00"],
    ],
    steps: [{ due: "2025-06-30" }],
    applications: [
      { to: "FR", status: "APPOINTMENT_SCHEDULED", created: "2025-05-20T10:00", appointment: "2025-06-20T09:00" },
      { to: "DE", status: "PLANNED", created: "2025-06-16T00:00" },
    ],
  },
  c10: {
    status: "APPLYING",
    country: "FR",
    risk: "LOW",
    assignee: null,
    created: "2025-02-15T10:00",
    updated: "2025-06-01T10:00",
    history: [
      ["VERIFYING", "2025-02-17T10:00"],
      ["PLANNING_EXIT", "2025-02-20T10:00"],
      ["IN_TRANSIT", "2025-03-01T00:00"],
      ["IN_THIRD_COUNTRY", "2025-03-02T00:00"],
      ["APPLYING", "2025-05-12T00:00"],
    ],
    applications: [
      { to: "FR", status: "APPROVED", type: "HUMANITARIAN_VISA", created: "2025-05-15T10:00" },
      { to: "FR", status: "REJECTED", created: "2025-04-01T10:00" },
    ],
  },
  c11: {
    status: "RELOCATED",
    country: "FR",
    risk: "LOW",
    assignee: "B",
    created: "2025-01-10T10:00",
    updated: "2025-06-04T12:00",
    passport: { state: "HELD", expiresOn: "2030-01-01" },
    history: [
      ["VERIFYING", "2025-01-12T10:00"],
      ["PLANNING_EXIT", "2025-01-20T10:00"],
      ["IN_TRANSIT", "2025-02-01T10:00"],
      ["IN_THIRD_COUNTRY", "2025-02-02T10:00"],
      ["APPLYING", "2025-04-01T00:00"],
      ["RELOCATED", "2025-06-01T00:00"],
    ],
    applications: [
      { to: "FR", status: "APPROVED", created: "2025-05-10T10:00" },
      { to: "FR", status: "APPROVED", type: "RESIDENCE_PERMIT", created: "2025-06-02T10:00" },
    ],
  },
  c12: {
    status: "IN_THIRD_COUNTRY",
    country: "AM",
    risk: "ELEVATED",
    assignee: "A",
    created: "2025-01-20T10:00",
    updated: "2025-06-18T08:00",
    history: [
      ["VERIFYING", "2025-01-22T10:00"],
      ["PLANNING_EXIT", "2025-02-01T10:00"],
      ["IN_TRANSIT", "2025-02-10T10:00"],
      ["IN_THIRD_COUNTRY", "2025-02-11T10:00"],
    ],
    applications: [{ to: "DE", status: "REJECTED", created: "2025-05-30T10:00" }],
  },
  // Closed, 5 -----------------------------------------------------------------------------------
  c13: {
    status: "CLOSED",
    before: "VERIFYING",
    country: "RU",
    risk: "HIGH",
    assignee: "A",
    created: "2025-04-01T10:00",
    closed: "2025-05-14T10:00",
    history: [
      ["VERIFYING", "2025-04-03T10:00"],
      ["CLOSED", "2025-05-14T10:00"],
    ],
    steps: [{ due: "2025-06-01" }],
    applications: [{ to: "DE", status: "REJECTED", created: "2025-05-07T00:00" }],
  },
  c14: {
    status: "CLOSED",
    before: "NEW",
    country: "KZ",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-05-10T10:00",
    closed: "2025-05-18T10:00",
    history: [["CLOSED", "2025-05-18T10:00"]],
  },
  c15: {
    status: "CLOSED",
    before: "RELOCATED",
    country: "FR",
    risk: "LOW",
    assignee: null,
    created: "2025-01-05T10:00",
    closed: "2025-06-15T22:00",
    history: [
      ["VERIFYING", "2025-01-07T10:00"],
      ["PLANNING_EXIT", "2025-01-15T10:00"],
      ["IN_TRANSIT", "2025-01-25T10:00"],
      ["IN_THIRD_COUNTRY", "2025-01-26T10:00"],
      ["APPLYING", "2025-05-01T00:00"],
      ["RELOCATED", "2025-06-10T00:00"],
      ["CLOSED", "2025-06-15T22:00"],
    ],
    applications: [{ to: "FR", status: "APPROVED", created: "2025-05-08T10:00" }],
  },
  c16: {
    status: "CLOSED",
    before: "NEW",
    country: "GE",
    risk: "CRITICAL",
    assignee: "A",
    created: "2025-05-06T20:00",
    closed: "2025-05-06T22:00",
    history: [["CLOSED", "2025-05-06T22:00"]],
  },
  c17: {
    status: "CLOSED",
    before: "NEW",
    country: "RU",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-06-16T09:00",
    closed: "2025-06-17T09:00",
    history: [["CLOSED", "2025-06-17T09:00"]],
    applications: [{ to: "FR", status: "APPOINTMENT_SCHEDULED", created: "2025-06-16T10:00", appointment: "2025-06-19T10:00" }],
  },
} satisfies Record<string, CaseSpec>;
type Key = keyof typeof CASES;

async function world() {
  await switchToFreshDatabase();
  await setCountryRisks({ RU: "ORIGIN", KZ: "EXTRADITION_RISK", GE: "TRANSIT", FR: "SAFE" }); // AM has no entry
  const { coordinator, a, b } = await staff();
  const cases = await buildCases(CASES, { creatorId: coordinator.id, A: a.id, B: b.id });
  const actor = await actorFor(coordinator);
  const codes = (...keys: Key[]) => keys.map((k) => cases[k].code).sort();
  const dashboard = (params: Record<string, string> = {}) =>
    getDashboard(actor, DashboardFilterSchema.parse({ ...PERIOD, ...params }), NOW);
  return { actor, a, b, cases, codes, dashboard };
}

// Compact views of the DTO, so each expectation reads as the table it checks.
const statuses = (d: DashboardDTO) => Object.fromEntries(d.byStatus.map((r) => [r.status, r.count]));
const countries = (d: DashboardDTO) => d.byCountry.map((r) => [r.country, r.risk, r.count]);
const keyFigures = (d: DashboardDTO) => ({
  open: d.openTotal,
  danger: [d.inDanger.count, d.inDanger.origin, d.inDanger.extradition],
  nodoc: d.noTravelDocument.count,
  stale: d.stale.count,
  overdue: d.overdueSteps.count,
  appointments: d.upcomingAppointments.count,
});
const weeks = (rows: DashboardDTO["newPerWeek"]) => rows.map((r) => [r.week, r.count]);
const stages = (d: DashboardDTO) => Object.fromEntries(d.stageDays.map((r) => [r.stage, [r.stays, r.cases, r.median, r.p90]]));
const applications = (d: DashboardDTO) =>
  d.applications.map((a) => ({
    destination: a.destination,
    byStatus: Object.fromEntries(Object.entries(a.byStatus).map(([s, r]) => [s, r.count])),
    total: a.total,
    approved: a.approved,
    rejected: a.rejected,
    rate: a.approvalRate,
  }));
const zeroStatuses = { NEW: 0, VERIFYING: 0, PLANNING_EXIT: 0, IN_TRANSIT: 0, IN_THIRD_COUNTRY: 0, APPLYING: 0, RELOCATED: 0 };
const noStays = [0, 0, 0, 0];

/** Every linked figure must list exactly as many cases as it shows. */
async function expectLinksAgree(actor: Awaited<ReturnType<typeof world>>["actor"], d: DashboardDTO) {
  const disagreements: string[] = [];
  for (const link of figureLinks(d)) {
    const { total } = await listFromLink(actor, link.filter, NOW);
    if (total !== link.count) disagreements.push(`${link.label}: figure ${link.count}, list ${total}`);
  }
  expect(disagreements).toEqual([]);
}

describe("getDashboard", () => {
  test("a coordinator sees every figure of the whole organisation, as worked out by hand", async () => {
    const w = await world();
    const d = await w.dashboard();

    expect(d.filter).toEqual({ from: "2025-05-07", to: "2025-06-15", staleDays: 14 });
    // c1–c12 are open; c13–c17 closed.
    expect(keyFigures(d)).toEqual({
      open: 12,
      danger: [5, 2, 3], // RU c1 c3 (origin) + KZ c2 c5 c7 (extradition)
      nodoc: 7, // none: c1 c7 c10 c12; passport expired as a state: c3; expiring in June: c4 (06-17) and c6 (today)
      stale: 4, // c3 c5 c8 c10; c11 updated exactly 14 days ago is not stale yet
      overdue: 3, // c1 c5 c8 (c4 due today is not overdue, c5's done step does not count, c13 is closed)
      appointments: 3, // c9 06-20, c7 06-25 and c4 (today, this morning); not c6 (06-28), c2 (submitted), c17 (closed)
    });
    expect(d.open.count).toBe(12);
    expect(statuses(d)).toEqual({ NEW: 2, VERIFYING: 2, PLANNING_EXIT: 1, IN_TRANSIT: 1, IN_THIRD_COUNTRY: 3, APPLYING: 2, RELOCATED: 1 });
    expect(d.byStatus.map((r) => r.status)).toEqual([
      "NEW",
      "VERIFYING",
      "PLANNING_EXIT",
      "IN_TRANSIT",
      "IN_THIRD_COUNTRY",
      "APPLYING",
      "RELOCATED",
    ]);
    expect(d.byCountry.map((r) => r.count)).toEqual([4, 3, 2, 2, 1]);
    expect(countries(d)).toEqual(
      expect.arrayContaining([
        ["GE", "TRANSIT", 4],
        ["KZ", "EXTRADITION_RISK", 3],
        ["RU", "ORIGIN", 2],
        ["FR", "SAFE", 2],
        ["AM", null, 1],
      ]),
    );
    expect(d.caseload.map((r) => [r.assigneeId, r.email, r.active, r.count])).toEqual([
      [w.a.id, w.a.email, true, 6], // c1 c4 c5 c7 c9 c12
      [w.b.id, w.b.email, true, 4], // c2 c6 c8 c11
      [null, null, false, 2], // c3 c10
    ]);
    expect(d.caseload[2]!.key).toBe("none");

    // Created from 05-07 to the end of 06-15: c4 c14 | c6 | c3 | – | – | c1 c2 (c16 on 05-06 and c17 on 06-16 are outside).
    expect(weeks(d.newPerWeek)).toEqual([
      [WEEKS[0], 2],
      [WEEKS[1], 1],
      [WEEKS[2], 1],
      [WEEKS[3], 0],
      [WEEKS[4], 0],
      [WEEKS[5], 2],
    ]);
    // Closed: c13 05-14 and c14 05-18 | c15 06-15 22:00 (c16 on 05-06, c17 on 06-17 and c4, reopened, are not).
    expect(weeks(d.closedPerWeek)).toEqual([
      [WEEKS[0], 0],
      [WEEKS[1], 2],
      [WEEKS[2], 0],
      [WEEKS[3], 0],
      [WEEKS[4], 0],
      [WEEKS[5], 1],
    ]);
    // The first week's link starts at `from`, the last ends at `to`.
    expect(d.newPerWeek[0]!.filter).toMatchObject({ status: "all", createdFrom: at("2025-05-07"), createdTo: at("2025-05-11") });
    expect(d.closedPerWeek[5]!.filter).toMatchObject({ status: "CLOSED", closedFrom: at("2025-06-09"), closedTo: at("2025-06-15") });

    // Stays that ended in the period, in days (percentile_cont interpolates):
    //   NEW        c5 10 (entered before the period), c4 2, c6 4, c3 6, c14 8 → median 6, p90 8 + 0.6·2 = 9.2
    //   VERIFYING  c5 1, c4 2 (then closed; its CLOSED stay is not a stage), c6 3, c13 41 → 2.5, 3 + 0.7·38 = 29.6
    //   PLANNING   c6 5, c7 61, c9 88 → 61, 61 + 0.8·27 = 82.6
    //   IN_TRANSIT c9 0.25, c7 1.5 → 0.875 ≈ 0.9, 0.25 + 0.9·1.25 = 1.375 ≈ 1.4
    //   THIRD      c10 71 (c9 left at 06-16 00:00, after the period)
    //   APPLYING   c15 40, c11 61 → 50.5, 40 + 0.9·21 = 58.9
    expect(stages(d)).toEqual({
      NEW: [5, 5, 6, 9.2],
      VERIFYING: [4, 4, 2.5, 29.6],
      PLANNING_EXIT: [3, 3, 61, 82.6],
      IN_TRANSIT: [2, 2, 0.9, 1.4],
      IN_THIRD_COUNTRY: [1, 1, 71, 71],
      APPLYING: [2, 2, 50.5, 58.9],
    });

    // Applications created in the period, counted once per case and status (c11's two approvals are one person).
    expect(applications(d)).toEqual([
      {
        destination: "FR",
        byStatus: { SUBMITTED: 1, APPOINTMENT_SCHEDULED: 2, APPROVED: 3, REJECTED: 1 },
        total: 7,
        approved: 3,
        rejected: 1,
        rate: 0.75,
      },
      { destination: "DE", byStatus: { APPOINTMENT_SCHEDULED: 2, REJECTED: 2 }, total: 4, approved: 0, rejected: 2, rate: 0 },
      { destination: "ES", byStatus: { PLANNED: 1 }, total: 1, approved: 0, rejected: 0, rate: null },
    ]);
  });

  test("each figure links to a case list that shows exactly the cases it counts", async () => {
    const w = await world();
    const d = await w.dashboard();
    await expectLinksAgree(w.actor, d);

    const listed = async (filter: DashboardDTO["open"]["filter"]) => (await listFromLink(w.actor, filter, NOW)).codes;
    expect(await listed(d.inDanger.filter)).toEqual(w.codes("c1", "c2", "c3", "c5", "c7"));
    expect(await listed(d.noTravelDocument.filter)).toEqual(w.codes("c1", "c3", "c4", "c6", "c7", "c10", "c12"));
    expect(await listed(d.stale.filter)).toEqual(w.codes("c3", "c5", "c8", "c10"));
    expect(await listed(d.overdueSteps.filter)).toEqual(w.codes("c1", "c5", "c8"));
    expect(await listed(d.upcomingAppointments.filter)).toEqual(w.codes("c4", "c7", "c9"));
    expect(await listed(d.caseload.find((r) => r.assigneeId === null)!.filter)).toEqual(w.codes("c3", "c10"));
    expect(await listed(d.newPerWeek[0]!.filter)).toEqual(w.codes("c4", "c14"));
    expect(await listed(d.newPerWeek[5]!.filter)).toEqual(w.codes("c1", "c2"));
    expect(await listed(d.closedPerWeek[1]!.filter)).toEqual(w.codes("c13", "c14"));
    expect(await listed(d.closedPerWeek[5]!.filter)).toEqual(w.codes("c15"));
    const stage = (s: string) => d.stageDays.find((r) => r.stage === s)!.filter;
    expect(await listed(stage("NEW"))).toEqual(w.codes("c3", "c4", "c5", "c6", "c14"));
    expect(await listed(stage("VERIFYING"))).toEqual(w.codes("c4", "c5", "c6", "c13"));
    expect(await listed(stage("IN_THIRD_COUNTRY"))).toEqual(w.codes("c10"));
    const fr = d.applications.find((a) => a.destination === "FR")!.byStatus;
    expect(await listed(fr.APPROVED!.filter)).toEqual(w.codes("c10", "c11", "c15"));
    expect(await listed(fr.REJECTED!.filter)).toEqual(w.codes("c8")); // c10's rejection predates the period
  });

  test("a country filter narrows every figure to the cases now in that country", async () => {
    const w = await world();
    const d = await w.dashboard({ country: "GE" }); // open: c4 c6 c8 c9; closed c16 is outside the period
    expect(d.filter).toMatchObject({ country: "GE" });
    expect(keyFigures(d)).toEqual({ open: 4, danger: [0, 0, 0], nodoc: 2, stale: 1, overdue: 1, appointments: 2 });
    expect(statuses(d)).toEqual({ ...zeroStatuses, VERIFYING: 1, IN_TRANSIT: 1, IN_THIRD_COUNTRY: 1, APPLYING: 1 });
    expect(countries(d)).toEqual([["GE", "TRANSIT", 4]]);
    expect(d.caseload.map((r) => [r.assigneeId, r.count]).sort()).toEqual(
      [
        [w.a.id, 2],
        [w.b.id, 2],
      ].sort(),
    );
    expect(weeks(d.newPerWeek).map(([, n]) => n)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(weeks(d.closedPerWeek).map(([, n]) => n)).toEqual([0, 0, 0, 0, 0, 0]);
    // c4 NEW 2, VERIFYING 2; c6 NEW 4, VERIFYING 3, PLANNING 5; c9 PLANNING 88, IN_TRANSIT 0.25 (rounds half up to 0.3).
    expect(stages(d)).toEqual({
      NEW: [2, 2, 3, 3.8],
      VERIFYING: [2, 2, 2.5, 2.9],
      PLANNING_EXIT: [2, 2, 46.5, 79.7],
      IN_TRANSIT: [1, 1, 0.3, 0.3],
      IN_THIRD_COUNTRY: noStays,
      APPLYING: noStays,
    });
    expect(applications(d)).toEqual([
      { destination: "FR", byStatus: { APPOINTMENT_SCHEDULED: 2, REJECTED: 1 }, total: 3, approved: 0, rejected: 1, rate: 0 },
      { destination: "DE", byStatus: { APPOINTMENT_SCHEDULED: 1 }, total: 1, approved: 0, rejected: 0, rate: null },
    ]);
    for (const link of figureLinks(d)) expect(link.filter.country, link.label).toBe("GE");
    await expectLinksAgree(w.actor, d);
  });

  test("a caseworker filter narrows every figure to that caseworker's cases, and 'none' to unassigned ones", async () => {
    const w = await world();
    const d = await w.dashboard({ assignee: w.b.id }); // open: c2 c6 c8 c11; closed: c14 (in period), c17 (after)
    expect(keyFigures(d)).toEqual({ open: 4, danger: [1, 0, 1], nodoc: 1, stale: 1, overdue: 1, appointments: 0 });
    expect(statuses(d)).toEqual({ ...zeroStatuses, NEW: 1, IN_TRANSIT: 1, IN_THIRD_COUNTRY: 1, RELOCATED: 1 });
    expect(d.caseload.map((r) => [r.assigneeId, r.count])).toEqual([[w.b.id, 4]]);
    expect(weeks(d.newPerWeek).map(([, n]) => n)).toEqual([1, 1, 0, 0, 0, 1]);
    expect(weeks(d.closedPerWeek).map(([, n]) => n)).toEqual([0, 1, 0, 0, 0, 0]);
    expect(stages(d)).toEqual({
      NEW: [2, 2, 6, 7.6],
      VERIFYING: [1, 1, 3, 3],
      PLANNING_EXIT: [1, 1, 5, 5],
      IN_TRANSIT: noStays,
      IN_THIRD_COUNTRY: noStays,
      APPLYING: [1, 1, 61, 61],
    });
    expect(applications(d)).toEqual([
      {
        destination: "FR",
        byStatus: { SUBMITTED: 1, APPOINTMENT_SCHEDULED: 1, APPROVED: 1, REJECTED: 1 },
        total: 4,
        approved: 1,
        rejected: 1,
        rate: 0.5,
      },
    ]);
    await expectLinksAgree(w.actor, d);

    const none = await w.dashboard({ assignee: "none" }); // open: c3 c10; closed: c15
    expect(keyFigures(none)).toEqual({ open: 2, danger: [1, 1, 0], nodoc: 2, stale: 2, overdue: 0, appointments: 0 });
    expect(none.caseload.map((r) => [r.key, r.count])).toEqual([["none", 2]]);
    expect(weeks(none.newPerWeek).map(([, n]) => n)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(weeks(none.closedPerWeek).map(([, n]) => n)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(stages(none)).toEqual({
      NEW: [1, 1, 6, 6],
      VERIFYING: noStays,
      PLANNING_EXIT: noStays,
      IN_TRANSIT: noStays,
      IN_THIRD_COUNTRY: [1, 1, 71, 71],
      APPLYING: [1, 1, 40, 40],
    });
    expect(applications(none)).toEqual([
      { destination: "FR", byStatus: { APPROVED: 2 }, total: 2, approved: 2, rejected: 0, rate: 1 },
      { destination: "ES", byStatus: { PLANNED: 1 }, total: 1, approved: 0, rejected: 0, rate: null },
    ]);
    await expectLinksAgree(w.actor, none);
  });

  test("a risk filter narrows every figure to cases of that risk level", async () => {
    const w = await world();
    const d = await w.dashboard({ risk: "CRITICAL" }); // open: c3 c5; closed c16 is outside the period
    expect(keyFigures(d)).toEqual({ open: 2, danger: [2, 1, 1], nodoc: 1, stale: 2, overdue: 1, appointments: 0 });
    expect(statuses(d)).toEqual({ ...zeroStatuses, VERIFYING: 1, PLANNING_EXIT: 1 });
    expect(d.caseload.map((r) => [r.assigneeId, r.count]).sort()).toEqual(
      [
        [w.a.id, 1],
        [null, 1],
      ].sort(),
    );
    expect(weeks(d.newPerWeek).map(([, n]) => n)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(stages(d)).toEqual({
      NEW: [2, 2, 8, 9.6],
      VERIFYING: [1, 1, 1, 1],
      PLANNING_EXIT: noStays,
      IN_TRANSIT: noStays,
      IN_THIRD_COUNTRY: noStays,
      APPLYING: noStays,
    });
    expect(applications(d)).toEqual([{ destination: "ES", byStatus: { PLANNED: 1 }, total: 1, approved: 0, rejected: 0, rate: null }]);
    await expectLinksAgree(w.actor, d);
  });

  test("the period moves the weekly, stage and application figures, not the open-case ones", async () => {
    const w = await world();
    const d = await w.dashboard({ from: "2025-05-19", to: "2025-05-31" });
    expect(d.filter).toMatchObject({ from: "2025-05-19", to: "2025-05-31" });
    expect(keyFigures(d)).toEqual({ open: 12, danger: [5, 2, 3], nodoc: 7, stale: 4, overdue: 3, appointments: 3 });
    expect(weeks(d.newPerWeek)).toEqual([
      ["2025-05-19", 1],
      ["2025-05-26", 0],
    ]);
    expect(weeks(d.closedPerWeek)).toEqual([
      ["2025-05-19", 0],
      ["2025-05-26", 0],
    ]);
    // c3 NEW 6; c6 VERIFYING 3, PLANNING 5; c7 PLANNING 61, IN_TRANSIT 1.5. c11 left APPLYING at 06-01 00:00: outside.
    expect(stages(d)).toEqual({
      NEW: [1, 1, 6, 6],
      VERIFYING: [1, 1, 3, 3],
      PLANNING_EXIT: [2, 2, 33, 55.4],
      IN_TRANSIT: [1, 1, 1.5, 1.5],
      IN_THIRD_COUNTRY: noStays,
      APPLYING: noStays,
    });
    expect(applications(d)).toEqual([
      { destination: "DE", byStatus: { APPOINTMENT_SCHEDULED: 1, REJECTED: 1 }, total: 2, approved: 0, rejected: 1, rate: 0 },
      { destination: "FR", byStatus: { APPOINTMENT_SCHEDULED: 1 }, total: 1, approved: 0, rejected: 0, rate: null },
    ]);
    await expectLinksAgree(w.actor, d);
  });

  test("the stale threshold follows staleDays, and its link carries it", async () => {
    const w = await world();
    const d = await w.dashboard({ staleDays: "30" }); // updated before 05-19 12:00: only c8
    expect(d.stale.count).toBe(1);
    expect(d.stale.filter).toMatchObject({ view: "stale", staleDays: 30 });
    expect((await listFromLink(w.actor, d.stale.filter, NOW)).codes).toEqual(w.codes("c8"));
    const defaults = await w.dashboard();
    expect(defaults.stale.filter.staleDays).toBeUndefined(); // the list's own default, 14
  });

  test("with the record-key sums of the report, the figures are the same, and each sum is over the cases (or stays) its figure counts", async () => {
    const w = await world();
    // Record key of cN = N, so each sum is the sum of the case numbers.
    for (const [key, kase] of Object.entries(w.cases))
      await db().case.update({ where: { id: kase.id }, data: { recordKey: Number(key.slice(1)) } });
    const filter = DashboardFilterSchema.parse(PERIOD);
    const { data, keys } = await getDashboardWithKeys(w.actor, filter, NOW);
    expect(data).toEqual(await getDashboard(w.actor, filter, NOW));
    expect(JSON.stringify(data)).not.toMatch(/keySum|key_sum|recordKey/);

    const sums = (m: Map<string, bigint>) => Object.fromEntries([...m].map(([k, v]) => [k, Number(v)]));
    expect(sums(keys.byStatus)).toEqual({
      NEW: 1 + 2,
      VERIFYING: 3 + 4,
      PLANNING_EXIT: 5,
      IN_TRANSIT: 6,
      IN_THIRD_COUNTRY: 7 + 8 + 12,
      APPLYING: 9 + 10,
      RELOCATED: 11,
    });
    expect(sums(keys.byCountry)).toEqual({ RU: 1 + 3, KZ: 2 + 5 + 7, GE: 4 + 6 + 8 + 9, FR: 10 + 11, AM: 12 });
    expect(sums(keys.newPerWeek)).toEqual({ [WEEKS[0]!]: 4 + 14, [WEEKS[1]!]: 6, [WEEKS[2]!]: 3, [WEEKS[5]!]: 1 + 2 });
    expect(sums(keys.closedPerWeek)).toEqual({ [WEEKS[1]!]: 13 + 14, [WEEKS[5]!]: 15 });
    // Over stays: a case counts once per stay (c4 left VERIFYING once in a stage, once from CLOSED, which is not a stage).
    expect(sums(keys.stageStays)).toEqual({
      NEW: 5 + 4 + 6 + 3 + 14,
      VERIFYING: 5 + 4 + 6 + 13,
      PLANNING_EXIT: 6 + 7 + 9,
      IN_TRANSIT: 9 + 7,
      IN_THIRD_COUNTRY: 10,
      APPLYING: 15 + 11,
    });
    // Applications: people, once per cell (c11's two FR approvals are one person); totals count people, not cells.
    const people = (m: Map<string, { count: number; keySum: bigint }>) =>
      Object.fromEntries([...m].map(([k, v]) => [k, [v.count, Number(v.keySum)]]));
    expect(people(keys.applications.cells)).toEqual({
      "FR SUBMITTED": [1, 2],
      "FR APPOINTMENT_SCHEDULED": [2, 6 + 9],
      "FR APPROVED": [3, 10 + 11 + 15],
      "FR REJECTED": [1, 8],
      "DE APPOINTMENT_SCHEDULED": [2, 4 + 7],
      "DE REJECTED": [2, 12 + 13],
      "ES PLANNED": [1, 3],
    });
    expect(people(keys.applications.byDestination)).toEqual({
      FR: [7, 2 + 6 + 8 + 9 + 10 + 11 + 15],
      DE: [4, 4 + 7 + 12 + 13],
      ES: [1, 3],
    });
    expect(people(keys.applications.byStatus)).toEqual({
      PLANNED: [1, 3],
      SUBMITTED: [1, 2],
      APPOINTMENT_SCHEDULED: [4, 4 + 6 + 7 + 9],
      APPROVED: [3, 10 + 11 + 15],
      REJECTED: [3, 8 + 12 + 13],
    });
    expect(keys.applications.all).toEqual({ count: 12, keySum: BigInt(2 + 3 + 4 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 15) });

    // Each key figure's sum is over exactly the cases its link lists.
    const numberOf = new Map(Object.entries(w.cases).map(([key, kase]) => [kase.code, Number(key.slice(1))]));
    const listedSum = async (figure: DashboardDTO["open"]) =>
      (await listFromLink(w.actor, figure.filter, NOW)).codes.reduce((a, code) => a + numberOf.get(code)!, 0);
    for (const name of ["inDanger", "noTravelDocument", "stale", "overdueSteps", "upcomingAppointments"] as const) {
      expect(Number(keys[name]), name).toBe(await listedSum(data[name]));
    }
    expect(Number(keys.inDanger)).toBe(1 + 2 + 3 + 5 + 7);
  });

  test.each(["CASEWORKER", "ADMIN"] as const)("a %s may not see the dashboard", async (role) => {
    const actor = await actorFor(await createUser({ role }));
    await expect(getDashboard(actor, DashboardFilterSchema.parse(PERIOD), NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
