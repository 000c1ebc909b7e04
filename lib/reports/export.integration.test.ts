import { describe, expect, test } from "vitest";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { db } from "@/lib/db/client";
import type { ApplicationStatus } from "@/lib/db/generated/enums";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { at, buildCases, setCountryRisks, staff, type CaseSpec } from "@/lib/testing/dashboard-world";
import { createCase, createNote, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { buildAggregateReport } from "./export";

const NOW = at("2025-06-18T12:00");
const PERIOD = { from: "2025-05-26", to: "2025-06-15" }; // ISO weeks 05-26, 06-02, 06-09

/** RFC 4180, as csv-stringify writes it: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The rows of one section: from its title to the next blank line. */
function section(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((r) => r.length === 1 && r[0] === title);
  expect(start, `section "${title}"`).toBeGreaterThan(-1);
  const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === "");
  return rows.slice(start + 1, end === -1 ? undefined : end);
}

const TITLES = {
  status: "Open cases by status",
  country: "Open cases by current country",
  key: "Key figures (open cases)",
  created: "New cases per week",
  closed: "Closed cases per week",
  stages: "Days in each stage (stays that ended in the period)",
  applications: "People with an application started in the period, by destination and current status",
};

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
  v1: { status: "VERIFYING", country: "GE", risk: "HIGH", assignee: "B", created: "2025-06-03T10:00", updated: "2025-06-10T10:00", history: [["VERIFYING", "2025-06-04T10:00"]], passport },
  v2: { status: "VERIFYING", country: "AM", risk: "HIGH", assignee: "B", created: "2025-06-05T10:00", history: [["VERIFYING", "2025-06-07T10:00"]] },
  t1: { status: "IN_THIRD_COUNTRY", country: "FR", risk: "ELEVATED", assignee: "B", created: "2025-03-01T10:00", updated: "2025-06-10T10:00", history: march("2025-05-27T10:00", "2025-06-06T10:00"), passport },
  t2: { status: "IN_THIRD_COUNTRY", country: "FR", risk: "ELEVATED", assignee: "B", created: "2025-03-01T10:00", updated: "2025-06-10T10:00", history: march("2025-05-21T10:00", "2025-05-31T10:00"), passport },
  t3: { status: "IN_THIRD_COUNTRY", country: "FR", risk: "ELEVATED", assignee: "B", created: "2025-03-01T10:00", updated: "2025-06-10T10:00", history: march("2025-05-22T10:00", "2025-06-01T10:00"), passport },
  t4: { status: "IN_THIRD_COUNTRY", country: "FR", risk: "ELEVATED", assignee: "B", created: "2025-03-01T10:00", updated: "2025-06-10T10:00", history: march("2025-05-23T10:00", "2025-06-02T10:00"), passport },
  t5: { status: "IN_THIRD_COUNTRY", country: "FR", risk: "ELEVATED", assignee: "B", created: "2025-03-01T10:00", updated: "2025-06-10T10:00", history: march("2025-05-15T10:00", "2025-06-04T10:00"), passport },
  t6: { status: "IN_THIRD_COUNTRY", country: "AM", risk: "ELEVATED", assignee: "B", created: "2025-03-01T10:00", updated: "2025-06-10T10:00", history: march("2025-03-04T10:00", "2025-03-05T10:00"), passport },
};
const closed = (created: string, closedAt: string): CaseSpec => ({ status: "CLOSED", before: "NEW", country: "KZ", risk: "HIGH", assignee: "A", created, closed: closedAt, history: [["CLOSED", closedAt]] });
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
      const applications = APPLICATIONS.filter((app) => app.cases.includes(index)).map((app) => ({ to: app.to, status: app.status, created: "2025-06-01T10:00" }));
      return [key, { ...spec, contactChannel: `@canary_contact_${key}`, applications }];
    }),
  );
  const cases = await buildCases(specs, { creatorId: coordinator.id, A: a.id, B: b.id });
  for (const [key, kase] of Object.entries(cases)) {
    await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: a.id, body: `canary note text ${key}` });
  }
  const actor = await actorFor(coordinator);
  const report = async (params: Record<string, string> = {}) => {
    const { csv, filename } = await buildAggregateReport(actor, DashboardFilterSchema.parse({ ...PERIOD, ...params }), NOW);
    return { csv, filename, rows: parseCsv(csv) };
  };
  return { cases, coordinator, a, b, report };
}

describe("buildAggregateReport", () => {
  test("states its period, generation time and filters, and hides every count from 1 to 4, with the cells that would give one away", async () => {
    const w = await world();
    const { rows, filename } = await w.report();
    expect(filename).toBe("waypoint-report-2025-05-26-to-2025-06-15.csv");
    expect(rows.slice(0, 4)).toEqual([["Waypoint aggregate report"], ["Period", "2025-05-26", "2025-06-15"], ["Generated at", "2025-06-18T12:00:00.000Z"], ["Filters", "country=any", "risk=any", "caseworker=any"]]);

    // VERIFYING 2 is small; alone in a column with a published total it could be recovered, so the
    // next smallest count (IN_THIRD_COUNTRY 6) is hidden too.
    expect(section(rows, TITLES.status)).toEqual([
      ["Status", "Cases"],
      ["NEW", "7"],
      ["VERIFYING", "<5"],
      ["PLANNING_EXIT", "0"],
      ["IN_TRANSIT", "0"],
      ["IN_THIRD_COUNTRY", "<5"],
      ["APPLYING", "0"],
      ["RELOCATED", "0"],
      ["Total", "15"],
    ]);
    expect(section(rows, TITLES.country)).toEqual([
      ["Country", "Jurisdiction risk", "Cases"],
      ["GE", "TRANSIT", "8"],
      ["FR", "SAFE", "<5"], // 5, hidden so that AM's 2 cannot be worked out from the total
      ["AM", "not recorded", "<5"],
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
    expect(section(rows, TITLES.created)).toEqual([["Week starting", "Cases"], ["2025-05-26", "5"], ["2025-06-02", "<5"], ["2025-06-09", "<5"], ["Total", "9"]]);
    // 1 closed in the last week: the 5 of the week before is hidden with it.
    expect(section(rows, TITLES.closed)).toEqual([["Week starting", "Cases"], ["2025-05-26", "0"], ["2025-06-02", "<5"], ["2025-06-09", "<5"], ["Total", "6"]]);
    // Fewer than five stays: no median or percentile (it would describe one person's journey).
    expect(section(rows, TITLES.stages)).toEqual([
      ["Stage", "Stays", "Median days", "90th percentile days"],
      ["NEW", "8", "12", "17.3"],
      ["VERIFYING", "0", "", ""],
      ["PLANNING_EXIT", "<5", "", ""],
      ["IN_TRANSIT", "5", "10", "16"],
      ["IN_THIRD_COUNTRY", "0", "", ""],
      ["APPLYING", "0", "", ""],
    ]);
    // FR SUBMITTED 3 is the only small cell. Its row would give it away (17 - 8 - 6), so FR APPROVED (6) goes;
    // its column too (10 - 7), so DE SUBMITTED (7) goes; then the APPROVED column has one hidden cell
    // left, so DE APPROVED (5) goes, which leaves DE's row with two. No approval rate next to a hidden cell.
    expect(section(rows, TITLES.applications)).toEqual([
      ["Destination", "PLANNED", "SUBMITTED", "APPOINTMENT_SCHEDULED", "APPROVED", "REJECTED", "APPEALED", "WITHDRAWN", "Total", "Approval rate"],
      ["DE", "0", "<5", "0", "<5", "9", "0", "0", "21", ""],
      ["FR", "0", "<5", "0", "<5", "8", "0", "0", "17", ""],
      ["ES", "0", "0", "0", "5", "5", "0", "0", "10", "50%"],
      ["Total", "0", "10", "0", "16", "22", "0", "0", "48", ""],
    ]);
    // And generally: no line of the cross table is left with exactly one hidden cell.
    const table = section(rows, TITLES.applications).slice(1, -1).map((r) => r.slice(1, 8));
    for (const line of table) expect(line.filter((c) => c === "<5")).not.toHaveLength(1);
    for (let j = 0; j < 7; j += 1) expect(table.map((r) => r[j]).filter((c) => c === "<5")).not.toHaveLength(1);
  });

  test("a destination with a single application cannot be worked out from the totals either", async () => {
    const w = await world();
    const kase = await createCase({ createdById: w.a.id, currentCountry: "GE", createdAt: at("2025-04-01T10:00") });
    await db().application.create({ data: { caseId: kase.id, type: "VISA", destinationCountry: "IT", status: "SUBMITTED", createdAt: at("2025-06-01T10:00") } });
    const table = section((await w.report()).rows, TITLES.applications).slice(1);
    expect(table.map((r) => r[0])).toEqual(["DE", "FR", "ES", "IT", "Total"]);
    expect(table[3]!.slice(8, 9)).toEqual(["<5"]); // IT's total, 1
    // The Total column (row totals and the grand total) and the Total row (column totals and the
    // grand total) are sums too: neither may hold exactly one hidden entry.
    expect(table.map((r) => r[8]).filter((c) => c === "<5").length).not.toBe(1);
    expect(table[4]!.slice(1, 9).filter((c) => c === "<5").length).not.toBe(1);
    for (const line of table.slice(0, 4)) expect(line.slice(1, 9).filter((c) => c === "<5").length).not.toBe(1);
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
    expect(section(rows, TITLES.status).filter((r) => r[1] !== "0")).toEqual([["Status", "Cases"], ["NEW", "<5"], ["VERIFYING", "<5"], ["Total", "8"]]);
    expect(section(rows, TITLES.country)).toEqual([["Country", "Jurisdiction risk", "Cases"], ["GE", "TRANSIT", "8"], ["", "Total", "8"]]);
    expect(section(rows, TITLES.created)).toEqual([["Week starting", "Cases"], ["2025-05-26", "5"], ["2025-06-02", "<5"], ["2025-06-09", "<5"], ["Total", "8"]]);
    expect(section(rows, TITLES.closed)).toEqual([["Week starting", "Cases"], ["2025-05-26", "0"], ["2025-06-02", "0"], ["2025-06-09", "0"], ["Total", "0"]]);
    expect(section(rows, TITLES.stages).map((r) => r.slice(0, 2))).toEqual([["Stage", "Stays"], ["NEW", "<5"], ["VERIFYING", "0"], ["PLANNING_EXIT", "0"], ["IN_TRANSIT", "0"], ["IN_THIRD_COUNTRY", "0"], ["APPLYING", "0"]]);

    const caseworkerB = await w.report({ assignee: w.b.id }); // open: n6 n7 v1 v2 t1–t6; closed: none
    expect(section(caseworkerB.rows, TITLES.status).at(-1)).toEqual(["Total", "10"]);
    expect(section(caseworkerB.rows, TITLES.closed).at(-1)).toEqual(["Total", "0"]);
  });

  test("the in-danger figure never lets a hidden country count be worked out from the country table", async () => {
    const keyFigure = (rows: string[][]) => section(rows, TITLES.key)[1];
    // Open cases per country; RU is ORIGIN and KZ EXTRADITION_RISK, so "in danger" is RU + KZ.
    const exportWith = async (counts: Record<string, number>) => {
      await switchToFreshDatabase();
      await setCountryRisks({ RU: "ORIGIN", KZ: "EXTRADITION_RISK", GE: "TRANSIT", FR: "SAFE" });
      const coordinator = await createUser({ role: "COORDINATOR" });
      for (const [country, n] of Object.entries(counts)) {
        for (let i = 0; i < n; i += 1) await createCase({ createdById: coordinator.id, currentCountry: country, createdAt: at("2025-04-01T10:00") });
      }
      const { csv } = await buildAggregateReport(await actorFor(coordinator), DashboardFilterSchema.parse(PERIOD), NOW);
      const rows = parseCsv(csv);
      return { countries: section(rows, TITLES.country).slice(1), danger: keyFigure(rows) };
    };

    // RU 3 is hidden, KZ 6 shown: publishing 9 would tell RU = 9 - 6.
    const oneHiddenInside = await exportWith({ FR: 10, KZ: 6, RU: 3, GE: 2 });
    expect(oneHiddenInside.countries).toEqual([["FR", "SAFE", "10"], ["KZ", "EXTRADITION_RISK", "6"], ["RU", "ORIGIN", "<5"], ["GE", "TRANSIT", "<5"], ["", "Total", "21"]]);
    expect(oneHiddenInside.danger).toEqual(["In an extradition-risk or origin country", "<5"]);

    // RU and KZ both hidden, but so is GE: 19 - 10 - 5 would tell GE = 4.
    const oneHiddenOutside = await exportWith({ FR: 10, GE: 4, RU: 3, KZ: 2 });
    expect(oneHiddenOutside.countries.map((r) => r[2])).toEqual(["10", "<5", "<5", "<5", "19"]);
    expect(oneHiddenOutside.danger).toEqual(["In an extradition-risk or origin country", "<5"]);

    // Two hidden counts outside (GE 2, FR 3), none inside: 13 tells only their sum, which the total tells anyway.
    const safe = await exportWith({ RU: 6, KZ: 7, GE: 2, FR: 3 });
    expect(safe.countries.map((r) => r[2])).toEqual(["7", "6", "<5", "<5", "18"]);
    expect(safe.danger).toEqual(["In an extradition-risk or origin country", "13"]);
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
