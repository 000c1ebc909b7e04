import { describe, expect, test } from "vitest";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { db } from "@/lib/db/client";
import type { ApplicationStatus } from "@/lib/db/generated/enums";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { at, buildCases, setCountryRisks, staff, type CaseSpec } from "@/lib/testing/dashboard-world";
import { createCase, createNote, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { KEY_RANGE } from "./disclosure";
import { buildAggregateReport } from "./export";
import { parseCsv, section, TITLES } from "./read-report";

const NOW = at("2025-06-18T12:00");
const PERIOD = { from: "2025-05-26", to: "2025-06-15" }; // ISO weeks 05-26, 06-02, 06-09

/**
 * Every record key is set to a tenth of the key range, so that each figure can be worked out by
 * hand: a cell of n cases (or stays) then has the cell key n/10 modulo 1 (a hair below), so a count
 * ending in 1 to 4 rounds up and one ending in 6 to 9 rounds down. Every count goes to the nearest
 * odd multiple of 5: 6–9 → 5, 11–14 and 16–19 → 15, 21–24 → 25; 1 to 4 are "<5", 0 is 0.
 */
const TENTH = Number(KEY_RANGE / 10n);

/** Applications started on 06-01, spread over the open cases by index: which cases hold which (destination, status). */
const APPLICATIONS: Array<{ to: string; status: ApplicationStatus; cases: number[] }> = [
  { to: "DE", status: "SUBMITTED", cases: [0, 1, 2, 3, 4, 5, 6] }, //   7
  { to: "DE", status: "APPROVED", cases: [7, 8, 9, 10, 11] }, //        5
  { to: "DE", status: "REJECTED", cases: [0, 1, 2, 3, 4, 5, 6, 7, 8] }, // 9  → DE 21
  { to: "FR", status: "SUBMITTED", cases: [12, 13, 14] }, //            3 (the only small cell)
  { to: "FR", status: "APPROVED", cases: [0, 1, 2, 3, 4, 5] }, //       6
  { to: "FR", status: "REJECTED", cases: [6, 7, 8, 9, 10, 11, 12, 13] }, // 8 → FR 17
  { to: "ES", status: "APPROVED", cases: [0, 1, 2, 3, 4] }, //          5
  { to: "ES", status: "REJECTED", cases: [5, 6, 7, 8, 9] }, //          5 → ES 10
];

const passport = { state: "HELD", expiresOn: "2030-01-01" } as const;
const march = (it: string, itc: string): Array<[CaseSpec["status"], string]> => [
  ["VERIFYING", "2025-03-02T10:00"],
  ["PLANNING_EXIT", "2025-03-03T10:00"],
  ["IN_TRANSIT", it],
  ["IN_THIRD_COUNTRY", itc],
];

/**
 * 15 open cases (NEW 7, VERIFYING 2, IN_THIRD_COUNTRY 6; GE 8, FR 5, AM 2) and 6 closed ones.
 * New per week: n1–n5 | v1 v2 | n6 n7. Closed per week: – | k1–k5 | k6.
 * NEW stays ending in the period: v1 1, v2 2, k1 10, k2 11, k3 13, k4 15, k5 17, k6 18 days (8: median 12, p90 17.3).
 * IN_TRANSIT stays: t1–t4 10 days, t5 20 (5: median 10, p90 16); PLANNING_EXIT: t1 only; t6 moved in March.
 */
const OPEN: Record<string, CaseSpec> = {
  n1: { status: "NEW", country: "GE", risk: "LOW", assignee: "A", created: "2025-05-27T10:00", passport },
  n2: { status: "NEW", country: "GE", risk: "LOW", assignee: "A", created: "2025-05-28T10:00", passport },
  n3: { status: "NEW", country: "GE", risk: "LOW", assignee: "A", created: "2025-05-29T10:00", passport, steps: [{ due: "2025-06-10" }] },
  n4: { status: "NEW", country: "GE", risk: "LOW", assignee: "A", created: "2025-05-30T10:00" },
  n5: { status: "NEW", country: "GE", risk: "LOW", assignee: "A", created: "2025-05-31T10:00" },
  n6: { status: "NEW", country: "GE", risk: "LOW", assignee: "B", created: "2025-06-09T10:00", passport },
  n7: { status: "NEW", country: "GE", risk: "LOW", assignee: "B", created: "2025-06-10T10:00", passport },
  v1: {
    status: "VERIFYING",
    country: "GE",
    risk: "HIGH",
    assignee: "B",
    created: "2025-06-03T10:00",
    updated: "2025-06-10T10:00",
    history: [["VERIFYING", "2025-06-04T10:00"]],
    passport,
  },
  v2: {
    status: "VERIFYING",
    country: "AM",
    risk: "HIGH",
    assignee: "B",
    created: "2025-06-05T10:00",
    history: [["VERIFYING", "2025-06-07T10:00"]],
  },
  t1: {
    status: "IN_THIRD_COUNTRY",
    country: "FR",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-06-10T10:00",
    history: march("2025-05-27T10:00", "2025-06-06T10:00"),
    passport,
  },
  t2: {
    status: "IN_THIRD_COUNTRY",
    country: "FR",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-06-10T10:00",
    history: march("2025-05-21T10:00", "2025-05-31T10:00"),
    passport,
  },
  t3: {
    status: "IN_THIRD_COUNTRY",
    country: "FR",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-06-10T10:00",
    history: march("2025-05-22T10:00", "2025-06-01T10:00"),
    passport,
  },
  t4: {
    status: "IN_THIRD_COUNTRY",
    country: "FR",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-06-10T10:00",
    history: march("2025-05-23T10:00", "2025-06-02T10:00"),
    passport,
  },
  t5: {
    status: "IN_THIRD_COUNTRY",
    country: "FR",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-06-10T10:00",
    history: march("2025-05-15T10:00", "2025-06-04T10:00"),
    passport,
  },
  t6: {
    status: "IN_THIRD_COUNTRY",
    country: "AM",
    risk: "ELEVATED",
    assignee: "B",
    created: "2025-03-01T10:00",
    updated: "2025-06-10T10:00",
    history: march("2025-03-04T10:00", "2025-03-05T10:00"),
    passport,
  },
};
const closed = (created: string, closedAt: string): CaseSpec => ({
  status: "CLOSED",
  before: "NEW",
  country: "KZ",
  risk: "HIGH",
  assignee: "A",
  created,
  closed: closedAt,
  history: [["CLOSED", closedAt]],
});
const CLOSED: Record<string, CaseSpec> = {
  k1: closed("2025-05-23T10:00", "2025-06-02T10:00"),
  k2: closed("2025-05-23T10:00", "2025-06-03T10:00"),
  k3: closed("2025-05-22T10:00", "2025-06-04T10:00"),
  k4: closed("2025-05-21T10:00", "2025-06-05T10:00"),
  k5: closed("2025-05-20T10:00", "2025-06-06T10:00"),
  k6: closed("2025-05-25T10:00", "2025-06-12T10:00"),
};

async function world() {
  await switchToFreshDatabase();
  await setCountryRisks({ RU: "ORIGIN", KZ: "EXTRADITION_RISK", GE: "TRANSIT", FR: "SAFE" });
  const { coordinator, a, b } = await staff();
  const openKeys = Object.keys(OPEN);
  const specs = Object.fromEntries(
    Object.entries({ ...OPEN, ...CLOSED }).map(([key, spec]) => {
      const index = openKeys.indexOf(key);
      const applications = APPLICATIONS.filter((app) => app.cases.includes(index)).map((app) => ({
        to: app.to,
        status: app.status,
        created: "2025-06-01T10:00",
      }));
      return [key, { ...spec, contactChannel: `@canary_contact_${key}`, applications }];
    }),
  );
  const cases = await buildCases(specs, { creatorId: coordinator.id, A: a.id, B: b.id });
  for (const [key, kase] of Object.entries(cases)) {
    await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: a.id, body: `canary note text ${key}` });
  }
  const actor = await actorFor(coordinator);
  const report = async (params: Record<string, string> = {}, recordKey = TENTH) => {
    await db().case.updateMany({ data: { recordKey } });
    const { csv, filename } = await buildAggregateReport(actor, DashboardFilterSchema.parse({ ...PERIOD, ...params }), NOW);
    return { csv, filename, rows: parseCsv(csv) };
  };
  return { cases, coordinator, a, b, report };
}

describe("buildAggregateReport", () => {
  test("states its period, generation time, filters and rounding, and publishes every count rounded to base 5, in label order", async () => {
    const w = await world();
    const { rows, filename } = await w.report();
    expect(filename).toBe("waypoint-report-2025-05-26-to-2025-06-15.csv");
    expect(rows.slice(0, 4)).toEqual([
      ["Waypoint aggregate report"],
      ["Period", "2025-05-26", "2025-06-15"],
      ["Generated at", "2025-06-18T12:00:00.000Z"],
      ["Filters", "country=any", "risk=any", "caseworker=any"],
    ]);
    expect(rows[4]![0]).toBe("Note");
    expect(rows[4]![1]).toContain("multiple of 5");
    expect(rows[4]![1]).toContain("need not add up");

    // Open: NEW 7 → 5, VERIFYING 2, IN_THIRD_COUNTRY 6 → 5; the total 15 is its own cell.
    expect(section(rows, TITLES.status)).toEqual([
      ["Status", "Cases"],
      ["NEW", "5"],
      ["VERIFYING", "<5"],
      ["PLANNING_EXIT", "0"],
      ["IN_TRANSIT", "0"],
      ["IN_THIRD_COUNTRY", "5"],
      ["APPLYING", "0"],
      ["RELOCATED", "0"],
      ["Total", "15"],
    ]);
    // By country code, not by count; the total is the same cases as above, so the same figure.
    expect(section(rows, TITLES.country)).toEqual([
      ["Country", "Jurisdiction risk", "Cases"],
      ["AM", "not recorded", "<5"], // 2
      ["FR", "SAFE", "5"], // 5
      ["GE", "TRANSIT", "5"], // 8
      ["", "Total", "15"],
    ]);
    expect(section(rows, TITLES.key)).toEqual([
      ["Figure", "Cases"],
      ["In an extradition-risk or origin country", "0"],
      ["Without a valid travel document", "<5"], // n4 n5 v2
      ["No update for 14+ days", "5"], // n1–n5
      ["With an overdue next step", "<5"], // n3
      ["With an appointment in the next 7 days", "0"],
    ]);
    // New: n1–n5 | v1 v2 | n6 n7, total 9 → 5. Closed: – | k1–k5 | k6, total 6 → 5.
    expect(section(rows, TITLES.created)).toEqual([
      ["Week starting", "Cases"],
      ["2025-05-26", "5"],
      ["2025-06-02", "<5"],
      ["2025-06-09", "<5"],
      ["Total", "5"],
    ]);
    expect(section(rows, TITLES.closed)).toEqual([
      ["Week starting", "Cases"],
      ["2025-05-26", "0"],
      ["2025-06-02", "5"],
      ["2025-06-09", "<5"],
      ["Total", "5"],
    ]);
    // Fewer than ten stays: no median or percentile (NEW has 8, IN_TRANSIT 5, PLANNING_EXIT 1).
    expect(section(rows, TITLES.stages)).toEqual([
      ["Stage", "Stays", "Median days", "90th percentile days"],
      ["NEW", "5", "", ""],
      ["VERIFYING", "0", "", ""],
      ["PLANNING_EXIT", "<5", "", ""],
      ["IN_TRANSIT", "5", "", ""],
      ["IN_THIRD_COUNTRY", "0", "", ""],
      ["APPLYING", "0", "", ""],
    ]);
    // People by destination (code order) and status. Totals count people once: DE holds cases 0–11
    // (12 → 15), FR 0–14 (15), ES 0–9 (10); SUBMITTED 0–6 and 12–14 (10), APPROVED 0–11 (12 → 15),
    // REJECTED 0–13 (14 → 15); everyone 0–14 (15). An approval rate only where both rounded counts
    // are 10 or more: the Total row, 15 and 15.
    expect(section(rows, TITLES.applications)).toEqual([
      [
        "Destination",
        "PLANNED",
        "SUBMITTED",
        "APPOINTMENT_SCHEDULED",
        "APPROVED",
        "REJECTED",
        "APPEALED",
        "WITHDRAWN",
        "Total",
        "Approval rate",
      ],
      ["DE", "0", "5", "0", "5", "5", "0", "0", "15", ""], // 7, 5, 9
      ["ES", "0", "0", "0", "5", "5", "0", "0", "10", ""], // 5, 5
      ["FR", "0", "<5", "0", "5", "5", "0", "0", "15", ""], // 3, 6, 8
      ["Total", "0", "10", "0", "15", "15", "0", "0", "15", "50%"],
    ]);
  });

  test("the rounding follows the record keys: the same cases always give the same figures, other keys may round the other way", async () => {
    const w = await world();
    const first = await w.report();
    expect((await w.report()).csv).toBe(first.csv);
    // All keys 0: every cell key is 0, below r/5 for any remainder r, so every count rounds up.
    const zero = await w.report({}, 0);
    expect(section(zero.rows, TITLES.status).filter((r) => r[1] !== "0")).toEqual([
      ["Status", "Cases"],
      ["NEW", "10"],
      ["VERIFYING", "<5"],
      ["IN_THIRD_COUNTRY", "10"],
      ["Total", "15"],
    ]);
    expect(section(zero.rows, TITLES.country).map((r) => r[2])).toEqual(["Cases", "<5", "5", "10", "15"]);
  });

  test("widens the period to whole ISO weeks and says so, in the file name and the audit entry too", async () => {
    const w = await world();
    const wednesdays = await w.report({ from: "2025-05-28", to: "2025-06-11" });
    expect(wednesdays.filename).toBe("waypoint-report-2025-05-26-to-2025-06-15.csv");
    expect(wednesdays.rows[1]).toEqual(["Period", "2025-05-26", "2025-06-15"]);
    expect(wednesdays.rows.slice(2)).toEqual((await w.report()).rows.slice(2));
    const entries = await db().auditLog.findMany({ where: { action: "report.exported" }, orderBy: { at: "asc" } });
    expect(entries[0]!.meta).toMatchObject({ from: "2025-05-26", to: "2025-06-15" });
  });

  test("a destination with a single application shows <5 for it and its total, and the totals around it are their own rounded cells", async () => {
    const w = await world();
    const kase = await createCase({ createdById: w.a.id, currentCountry: "GE", createdAt: at("2025-04-01T10:00") });
    await db().application.create({
      data: { caseId: kase.id, type: "VISA", destinationCountry: "IT", status: "SUBMITTED", createdAt: at("2025-06-01T10:00") },
    });
    const table = section((await w.report()).rows, TITLES.applications).slice(1);
    expect(table.map((r) => r[0])).toEqual(["DE", "ES", "FR", "IT", "Total"]);
    expect(table[3]).toEqual(["IT", "0", "<5", "0", "0", "0", "0", "0", "<5", ""]);
    // SUBMITTED is now 11 people (→ 15) and everyone 16 (→ 15): neither subtraction gives IT's 1.
    expect(table[4]!.slice(1, 9)).toEqual(["0", "15", "0", "15", "15", "0", "0", "15"]);
  });

  test("never names a case, its contact channel or notes, a staff member or a user id", async () => {
    const w = await world();
    const reports = [await w.report(), await w.report({ assignee: w.a.id }), await w.report({ country: "GE", risk: "LOW" })];
    const forbidden = [
      ...Object.values(w.cases).map((c) => c.code),
      ...Object.keys(w.cases).flatMap((key) => [`@canary_contact_${key}`, `canary note text ${key}`]),
      "canary",
      "WP-",
      ...[w.coordinator, w.a, w.b].flatMap((u) => [u.email, u.id]),
      "@",
    ];
    for (const { csv } of reports) for (const text of forbidden) expect(csv).not.toContain(text);
    expect(reports[1]!.rows[3]).toEqual(["Filters", "country=any", "risk=any", "caseworker=one caseworker"]);
  });

  test("applies the filters to every table", async () => {
    const w = await world();
    const { rows } = await w.report({ country: "GE" }); // open: n1–n7, v1; no closed case is in GE
    expect(rows[3]).toEqual(["Filters", "country=GE", "risk=any", "caseworker=any"]);
    expect(section(rows, TITLES.status).filter((r) => r[1] !== "0")).toEqual([
      ["Status", "Cases"],
      ["NEW", "5"],
      ["VERIFYING", "<5"],
      ["Total", "5"],
    ]); // 7, 1, 8
    expect(section(rows, TITLES.country)).toEqual([
      ["Country", "Jurisdiction risk", "Cases"],
      ["GE", "TRANSIT", "5"],
      ["", "Total", "5"],
    ]);
    expect(section(rows, TITLES.created)).toEqual([
      ["Week starting", "Cases"],
      ["2025-05-26", "5"],
      ["2025-06-02", "<5"],
      ["2025-06-09", "<5"],
      ["Total", "5"],
    ]); // 5, 1, 2: 8
    expect(section(rows, TITLES.closed)).toEqual([
      ["Week starting", "Cases"],
      ["2025-05-26", "0"],
      ["2025-06-02", "0"],
      ["2025-06-09", "0"],
      ["Total", "0"],
    ]);
    expect(section(rows, TITLES.stages).map((r) => r.slice(0, 2))).toEqual([
      ["Stage", "Stays"],
      ["NEW", "<5"],
      ["VERIFYING", "0"],
      ["PLANNING_EXIT", "0"],
      ["IN_TRANSIT", "0"],
      ["IN_THIRD_COUNTRY", "0"],
      ["APPLYING", "0"],
    ]);

    const caseworkerB = await w.report({ assignee: w.b.id }); // open: n6 n7 v1 v2 t1–t6; closed: none
    expect(section(caseworkerB.rows, TITLES.status).at(-1)).toEqual(["Total", "10"]);
    expect(section(caseworkerB.rows, TITLES.closed).at(-1)).toEqual(["Total", "0"]);
  });

  test("the in-danger figure is its own rounded cell: subtracting the country rows gives no hidden count back", async () => {
    await switchToFreshDatabase();
    await setCountryRisks({ RU: "ORIGIN", KZ: "EXTRADITION_RISK", GE: "TRANSIT", FR: "SAFE" });
    const coordinator = await createUser({ role: "COORDINATOR" });
    for (const [country, n] of Object.entries({ FR: 10, KZ: 6, RU: 3, GE: 2 })) {
      for (let i = 0; i < n; i += 1)
        await createCase({ createdById: coordinator.id, currentCountry: country, createdAt: at("2025-04-01T10:00") });
    }
    await db().case.updateMany({ data: { recordKey: TENTH } });
    const rows = parseCsv((await buildAggregateReport(await actorFor(coordinator), DashboardFilterSchema.parse(PERIOD), NOW)).csv);
    // The old report hid RU's 3 and published KZ 6 next to "in danger" 9: 9 - 6 = 3.
    expect(section(rows, TITLES.country).slice(1)).toEqual([
      ["FR", "SAFE", "10"],
      ["GE", "TRANSIT", "<5"],
      ["KZ", "EXTRADITION_RISK", "5"],
      ["RU", "ORIGIN", "<5"],
      ["", "Total", "25"],
    ]); // total 21
    expect(section(rows, TITLES.key)[1]).toEqual(["In an extradition-risk or origin country", "5"]); // KZ + RU = 9
  });

  test("each export is audited once as report.exported, with its filters", async () => {
    const w = await world();
    await w.report({ country: "GE", assignee: w.a.id, risk: "LOW" });
    const entries = await db().auditLog.findMany({ where: { action: "report.exported" } });
    expect(entries.map((e) => [e.actorId, e.targetType, e.targetId, e.meta])).toEqual([
      [w.coordinator.id, "system", null, { from: "2025-05-26", to: "2025-06-15", country: "GE", risk: "LOW", caseworker: w.a.id }],
    ]);
  });

  test.each(["CASEWORKER", "ADMIN"] as const)("a %s may not export, and nothing is audited", async (role) => {
    await switchToFreshDatabase();
    const actor = await actorFor(await createUser({ role }));
    await expect(buildAggregateReport(actor, DashboardFilterSchema.parse(PERIOD), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().auditLog.count({ where: { action: "report.exported" } })).toBe(0);
  });
});
