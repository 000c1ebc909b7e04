import { describe, expect, test } from "vitest";
import type { ApplicationStatus } from "@/lib/cases/vocabulary";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { at, buildCases, setCountryRisks, staff, type CaseSpec } from "@/lib/testing/dashboard-world";
import { actorFor } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { buildAggregateReport } from "./export";
import { parseCsv, section, TITLES } from "./read-report";

/**
 * The attacks that undid the old small-cell suppression, each run on a world where it recovered an
 * exact count from 1 to 4 (or one person's stay) from the old report. Each `attack…` function is
 * what an outsider holding the CSV files would compute; against the report as it is now it must
 * recover nothing. (Run against the suppression-only report, every test in this file fails.)
 */

const NOW = at("2025-06-18T12:00");
const PERIOD = { from: "2025-05-26", to: "2025-06-15" };

const num = (published: string | undefined): number | null =>
  published === undefined || published === "<5" || published === "" ? null : Number(published);

async function world(specs: Record<string, CaseSpec>) {
  await switchToFreshDatabase();
  await setCountryRisks({ RU: "ORIGIN", KZ: "EXTRADITION_RISK", GE: "TRANSIT", FR: "SAFE" });
  const { coordinator, a, b } = await staff();
  await buildCases(specs, { creatorId: coordinator.id, A: a.id, B: b.id });
  const actor = await actorFor(coordinator);
  return async (params: Record<string, string> = {}) => {
    const { csv } = await buildAggregateReport(actor, DashboardFilterSchema.parse({ ...PERIOD, ...params }), NOW);
    return parseCsv(csv);
  };
}

/** Published counts are 0, "<5" or a multiple of 5: nothing else. */
function expectRounded(cells: string[]) {
  for (const cell of cells) expect(cell === "<5" || (/^\d+$/.test(cell) && Number(cell) % 5 === 0), `published "${cell}"`).toBe(true);
}

const openCase = (country: string, risk: CaseSpec["risk"], extra: Partial<CaseSpec> = {}): CaseSpec => ({
  status: "NEW",
  country,
  risk,
  assignee: "A",
  created: "2025-04-01T10:00",
  ...extra,
});
function many(prefix: string, n: number, spec: (i: number) => CaseSpec): Record<string, CaseSpec> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, spec(i)]));
}

describe("attack 1: solving the cross table's row and column equations", () => {
  // Small cells (people), each person with one application started on 06-01:
  //        PLANNED SUBMITTED APPOINTMENT APPROVED REJECTED
  //   DE   1       2         0           0        5
  //   ES   2       1         1 ← target  0        5
  //   FR   0       0         2           1        5
  //   IT   0       0         1           3        5
  //   NL   5       5         5           5        0      (the same five people as in REJECTED)
  // Every line holds 0 or at least 2 hidden cells, so secondary suppression hid nothing more; but
  // ES × APPOINTMENT is a bridge between two cycles of hidden cells and the totals fix it:
  // hidden(DE) + hidden(ES) − hidden(PLANNED) − hidden(SUBMITTED) = 3 + 4 − 3 − 3 = 1.
  const small: Array<[string, ApplicationStatus, number]> = [
    ["DE", "PLANNED", 1],
    ["DE", "SUBMITTED", 2],
    ["ES", "PLANNED", 2],
    ["ES", "SUBMITTED", 1],
    ["ES", "APPOINTMENT_SCHEDULED", 1],
    ["FR", "APPOINTMENT_SCHEDULED", 2],
    ["FR", "APPROVED", 1],
    ["IT", "APPOINTMENT_SCHEDULED", 1],
    ["IT", "APPROVED", 3],
  ];
  const app = (to: string, status: ApplicationStatus) => ({ to, status, created: "2025-06-01T10:00" });
  const specs: Record<string, CaseSpec> = {
    ...Object.fromEntries(
      small.flatMap(([to, status, n]) =>
        Array.from({ length: n }, (_, i) => [`${to}-${status}-${i}`, openCase("GE", "LOW", { applications: [app(to, status)] })]),
      ),
    ),
    ...many("filler", 5, () =>
      openCase("GE", "LOW", {
        applications: [
          ...["DE", "ES", "FR", "IT"].map((to) => app(to, "REJECTED")),
          ...(["PLANNED", "SUBMITTED", "APPOINTMENT_SCHEDULED", "APPROVED"] as const).map((s) => app("NL", s)),
        ],
      }),
    ),
  };

  /** What the totals say about the hidden cells of a line: its total minus its published cells. */
  function attackBridge(rows: string[][]): number | null {
    const [header, ...body] = section(rows, TITLES.applications);
    const col = (name: string) => header!.indexOf(name);
    const statuses = header!.slice(1, col("Total"));
    const row = (label: string) => body.find((r) => r[0] === label)!;
    const hiddenInRow = (label: string) => {
      const r = row(label);
      const total = num(r[col("Total")]);
      return total === null ? null : total - statuses.reduce((a, s) => a + (num(r[col(s)]) ?? 0), 0);
    };
    const hiddenInColumn = (status: string) => {
      const total = num(row("Total")[col(status)]);
      return total === null ? null : total - body.filter((r) => r[0] !== "Total").reduce((a, r) => a + (num(r[col(status)]) ?? 0), 0);
    };
    const [de, es, planned, submitted] = [hiddenInRow("DE"), hiddenInRow("ES"), hiddenInColumn("PLANNED"), hiddenInColumn("SUBMITTED")];
    if (de === null || es === null || planned === null || submitted === null) return null;
    return de + es - planned - submitted;
  }

  test("the equations give no exact value: every published count is a multiple of 5 or <5", async () => {
    const report = await world(specs);
    const rows = await report();
    const solved = attackBridge(rows);
    expect(solved).not.toBe(1);
    if (solved !== null) expect(Math.abs(solved) % 5).toBe(0);
    const table = section(rows, TITLES.applications);
    expectRounded(table.slice(1).flatMap((r) => r.slice(1, -1)));
    // Destinations in code order, not by their totals.
    expect(table.slice(1).map((r) => r[0])).toEqual(["DE", "ES", "FR", "IT", "NL", "Total"]);
  });
});

describe("attack 2: two exports whose periods differ by one day", () => {
  // One case created on Wednesday 05-28, three in the week of 06-02, four in the week of 06-09.
  const specs: Record<string, CaseSpec> = {
    target: openCase("GE", "LOW", { created: "2025-05-28T10:00" }),
    ...many("w2-", 3, (i) => openCase("GE", "LOW", { created: `2025-06-0${3 + i}T10:00` })),
    ...many("w3-", 4, (i) => openCase("GE", "LOW", { created: `2025-06-1${i}T10:00` })),
  };
  const newTotal = (rows: string[][]) => num(section(rows, TITLES.created).at(-1)![1]);

  test("both cover the same whole weeks, so their difference is nothing", async () => {
    const report = await world(specs);
    const [wednesday, thursday] = [await report({ from: "2025-05-28" }), await report({ from: "2025-05-29" })];
    const a = newTotal(wednesday);
    const b = newTotal(thursday);
    if (a !== null && b !== null) expect(a - b).not.toBe(1);
    expect(wednesday[1]).toEqual(["Period", "2025-05-26", "2025-06-15"]);
    expect(thursday).toEqual(wednesday);
    expectRounded(
      section(wednesday, TITLES.created)
        .slice(1)
        .map((r) => r[1]!),
    );
  });
});

describe("attack 3: country totals minus the risk-filtered reports", () => {
  // GE: 7 LOW and 1 HIGH; FR: 6 ELEVATED. GE(any) − GE(LOW) − GE(ELEVATED) − GE(CRITICAL) = GE(HIGH).
  const specs: Record<string, CaseSpec> = {
    ...many("low", 7, () => openCase("GE", "LOW")),
    high: openCase("GE", "HIGH"),
    ...many("fr", 6, () => openCase("FR", "ELEVATED")),
  };
  const ge = (rows: string[][]) => section(rows, TITLES.country).find((r) => r[0] === "GE")?.[2] ?? "0";

  test("the difference is a multiple of 5, and the same cases give the same figure in every report", async () => {
    const report = await world(specs);
    const all = ge(await report());
    const others = await Promise.all((["LOW", "ELEVATED", "CRITICAL"] as const).map(async (risk) => ge(await report({ risk }))));
    const difference = (num(all) ?? 0) - others.reduce((a, c) => a + (num(c) ?? 0), 0);
    expect(difference).not.toBe(1);
    expect(Math.abs(difference) % 5).toBe(0);
    expectRounded([all, ...others]);
    // GE's open cases are the same set with or without the country filter: the same published figure.
    expect(ge(await report({ country: "GE" }))).toBe(all);
  });
});

describe("attack 4: rows sorted by their true count", () => {
  // GE 8, KZ 2, AM 1: two hidden rows summing to 3, the larger listed first, are 2 and 1.
  const specs: Record<string, CaseSpec> = {
    ...many("ge", 8, () => openCase("GE", "LOW")),
    ...many("kz", 2, () => openCase("KZ", "LOW")),
    am: openCase("AM", "LOW"),
  };

  function attackOrder(rows: string[][]): Record<string, number> | null {
    const body = section(rows, TITLES.country).slice(1);
    const total = num(body.at(-1)![2]);
    const countries = body.slice(0, -1);
    const hidden = countries.filter((r) => r[2] === "<5");
    if (total === null || hidden.length !== 2) return null;
    const sum = total - countries.reduce((a, r) => a + (num(r[2]) ?? 0), 0);
    return sum === 3 ? { [hidden[0]![0]!]: 2, [hidden[1]![0]!]: 1 } : null;
  }

  test("rows are in country-code order, and the order tells nothing about the hidden counts", async () => {
    const report = await world(specs);
    const rows = await report();
    expect(attackOrder(rows)).toBeNull();
    const countries = section(rows, TITLES.country)
      .slice(1, -1)
      .map((r) => r[0]);
    expect(countries).toEqual(["AM", "GE", "KZ"]);
    expectRounded(
      section(rows, TITLES.country)
        .slice(1)
        .map((r) => r[2]!),
    );
  });
});

describe("attack 5: a median over a handful of stays", () => {
  // Five IN_TRANSIT stays (10, 10, 10, 10, 20 days): their median, 10, is one person's stay.
  // Eleven NEW stays of 1 to 11 days: median 6, 90th percentile 10.
  const march = (inTransit: string, left: string): Array<[CaseSpec["status"], string]> => [
    ["VERIFYING", "2025-03-02T10:00"],
    ["PLANNING_EXIT", "2025-03-03T10:00"],
    ["IN_TRANSIT", inTransit],
    ["IN_THIRD_COUNTRY", left],
  ];
  const specs: Record<string, CaseSpec> = {
    ...Object.fromEntries(
      [
        ["2025-05-27T10:00", "2025-06-06T10:00"],
        ["2025-05-21T10:00", "2025-05-31T10:00"],
        ["2025-05-22T10:00", "2025-06-01T10:00"],
        ["2025-05-23T10:00", "2025-06-02T10:00"],
        ["2025-05-15T10:00", "2025-06-04T10:00"],
      ].map(([entered, left], i) => [
        `t${i}`,
        {
          ...openCase("FR", "ELEVATED"),
          status: "IN_THIRD_COUNTRY",
          created: "2025-03-01T10:00",
          history: march(entered!, left!),
        } satisfies CaseSpec,
      ]),
    ),
    ...many("v", 11, (i) => ({
      ...openCase("GE", "LOW"),
      status: "VERIFYING",
      created: "2025-05-26T00:00",
      history: [["VERIFYING", new Date(at("2025-05-26T00:00").getTime() + (i + 1) * 86_400_000).toISOString().slice(0, 16)]],
    })),
  };

  test("medians and percentiles are shown only over 10 or more stays, in whole days", async () => {
    const report = await world(specs);
    const stages = section(await report(), TITLES.stages);
    for (const [stage, stays, median, p90] of stages.slice(1)) {
      if (median !== "" || p90 !== "") expect(num(stays), `${stage}: a median over ${stays} stays`).toBeGreaterThanOrEqual(10);
      for (const days of [median, p90]) if (days) expect(days).toMatch(/^\d+$/);
    }
    const row = (stage: string) => stages.find((r) => r[0] === stage)!;
    expect(row("IN_TRANSIT")).toEqual(["IN_TRANSIT", "5", "", ""]);
    expect(row("NEW").slice(2)).toEqual(["6", "10"]);
    expectRounded(stages.slice(1).map((r) => r[1]!));
  });
});
