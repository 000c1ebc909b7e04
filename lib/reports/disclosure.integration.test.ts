import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { RISK_LEVELS, type ApplicationStatus, type CaseStatus } from "@/lib/cases/vocabulary";
import { getDashboardWithKeys } from "@/lib/dashboard/queries";
import { DashboardFilterSchema, type DashboardFilter } from "@/lib/dashboard/schemas";
import { db, Prisma } from "@/lib/db/client";
import { at, setCountryRisks } from "@/lib/testing/dashboard-world";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { buildAggregateReport } from "./export";
import { wholeIsoWeeks } from "./period";
import { exactCells, parseCsv, publishedCells, section, TITLES } from "./read-report";

/**
 * Property: whatever the cases and whichever two reports an outsider downloads (periods a day or a
 * week apart, with or without a country or risk filter), no small integer combination of their
 * published numbers is a true count from 1 to 4, of a cell or of the difference between the two
 * reports' cells. Each published count is also checked against the exact figure behind it.
 *
 * Worlds are random but fast to make: a pool of cases is created once, and each run rewrites their
 * attributes, history and applications in a few statements (cases not drawn are parked, closed long
 * before any period), with fresh random record keys.
 */

const NOW = at("2025-06-18T12:00");
const DAY = 86_400_000;
const FIRST_DAY = at("2025-05-12"); // a Monday; cases are created over the four weeks from here
const POOL = 36;
const RUNS = 30;

const COUNTRIES = ["GE", "KZ", "AM"] as const;
const PATHS = ["NEW", "VERIFYING", "IN_TRANSIT", "CLOSED"] as const;
const caseArb = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  risk: fc.constantFrom(...RISK_LEVELS),
  createdHour: fc.integer({ min: 0, max: 28 * 24 - 1 }),
  path: fc.constantFrom(...PATHS),
  stayHours: fc.array(fc.integer({ min: 1, max: 72 }), { minLength: 3, maxLength: 3 }),
  stale: fc.boolean(),
  noDocument: fc.boolean(),
  overdue: fc.boolean(),
  applications: fc.array(
    fc.record({
      to: fc.constantFrom("DE", "FR"),
      status: fc.constantFrom<ApplicationStatus>("SUBMITTED", "APPOINTMENT_SCHEDULED", "APPROVED", "REJECTED"),
      day: fc.integer({ min: 0, max: 34 }),
    }),
    { maxLength: 2 },
  ),
});
type CaseDraw = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const filterArb = fc.record({
  country: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
  risk: fc.option(fc.constantFrom(...RISK_LEVELS), { nil: undefined }),
});
const pairArb = fc.record({
  fromDay: fc.integer({ min: 0, max: 20 }),
  days: fc.integer({ min: 6, max: 28 }),
  shift: fc.constantFrom(-7, -1, 1, 7),
  moves: fc.constantFrom("from", "to", "both"),
  a: filterArb,
  b: fc.option(filterArb, { nil: undefined }), // undefined: the same filter as the first report
});
type PairDraw = typeof pairArb extends fc.Arbitrary<infer T> ? T : never;

let pool: string[] = [];
let actorId = "";
let actor: Awaited<ReturnType<typeof actorFor>>;

beforeAll(async () => {
  await switchToFreshDatabase();
  await setCountryRisks({ KZ: "EXTRADITION_RISK", GE: "TRANSIT" }); // AM not recorded
  const coordinator = await createUser({ role: "COORDINATOR", totpSecret: null });
  actorId = coordinator.id;
  actor = await actorFor(coordinator);
  pool = (await Promise.all(Array.from({ length: POOL }, () => createCase({ createdById: actorId, createdAt: at("2024-01-01") })))).map(
    (c) => c.id,
  );
}, 60_000);

const hours = (from: Date, h: number) => new Date(from.getTime() + h * 3_600_000);

/** Rewrites the pool into the drawn world: one UPDATE for the cases, then their history and applications. */
async function makeWorld(draws: CaseDraw[]): Promise<void> {
  const changes: Prisma.CaseStatusChangeCreateManyInput[] = [];
  const applications: Prisma.ApplicationCreateManyInput[] = [];
  const rows = pool.map((id, i) => {
    const d = draws[i];
    if (!d) {
      // Parked: closed long before any period, with nothing in any period.
      changes.push({ caseId: id, fromStatus: null, toStatus: "NEW", at: at("2024-01-01"), actorId });
      return Prisma.sql`(${id}::uuid, 'CLOSED'::"CaseStatus", 'NEW'::"CaseStatus", ${at("2024-01-02")}::timestamptz, ${at("2024-01-01")}::timestamptz, ${at("2024-01-02")}::timestamptz, ${at("2024-01-02")}::timestamptz, 'AM', 'LOW'::"RiskLevel", NULL::date, NULL::date)`;
    }
    const created = hours(FIRST_DAY, d.createdHour);
    changes.push({ caseId: id, fromStatus: null, toStatus: "NEW", at: created, actorId });
    const path: CaseStatus[] = {
      NEW: [],
      VERIFYING: ["VERIFYING"],
      IN_TRANSIT: ["VERIFYING", "PLANNING_EXIT", "IN_TRANSIT"],
      CLOSED: ["CLOSED"],
    }[d.path] as CaseStatus[];
    let from: CaseStatus = "NEW";
    let entered = created;
    path.forEach((to, k) => {
      const when = hours(entered, d.stayHours[k]!);
      changes.push({ caseId: id, fromStatus: from, toStatus: to, at: when, stageEnteredAt: entered, actorId });
      from = to;
      entered = when;
    });
    for (const app of d.applications) {
      applications.push({
        caseId: id,
        type: "VISA",
        destinationCountry: app.to,
        status: app.status,
        createdAt: new Date(FIRST_DAY.getTime() + app.day * DAY + 10 * 3_600_000),
        appointmentOn: app.status === "APPOINTMENT_SCHEDULED" ? at("2025-06-20") : null,
      });
    }
    const closed = d.path === "CLOSED" ? entered : null;
    return Prisma.sql`(${id}::uuid, ${d.path}::"CaseStatus", ${closed ? "NEW" : null}::"CaseStatus", ${closed}::timestamptz, ${created}::timestamptz, ${d.stale ? at("2025-05-01") : NOW}::timestamptz, ${entered}::timestamptz, ${d.country}, ${d.risk}::"RiskLevel", ${d.noDocument ? null : at("2030-01-01")}::date, ${d.overdue ? at("2025-06-01") : null}::date)`;
  });
  await db().$transaction([
    db().application.deleteMany({ where: { caseId: { in: pool } } }),
    db().caseStatusChange.deleteMany({ where: { caseId: { in: pool } } }),
    db().$executeRaw`
      UPDATE cases c SET status = v.status, status_before_close = v.before, closed_at = v.closed_at, created_at = v.created_at, updated_at = v.updated_at,
        status_changed_at = v.changed_at, current_country = v.country, risk_level = v.risk, travel_doc_valid_until = v.doc_until, next_step_due_on = v.step_due,
        record_key = floor(random() * 2147483647)::integer
      FROM (VALUES ${Prisma.join(rows)}) AS v(id, status, before, closed_at, created_at, updated_at, changed_at, country, risk, doc_until, step_due)
      WHERE c.id = v.id`,
    db().caseStatusChange.createMany({ data: changes }),
    db().application.createMany({ data: applications }),
  ]);
}

function filtersOf(p: PairDraw): [DashboardFilter, DashboardFilter] {
  const day = (n: number) => new Date(FIRST_DAY.getTime() + n * DAY).toISOString().slice(0, 10);
  const to = p.fromDay + p.days;
  const a = { from: day(p.fromDay), to: day(to), ...p.a };
  const b = {
    from: day(p.moves === "to" ? p.fromDay : p.fromDay + p.shift),
    to: day(p.moves === "from" ? to : to + p.shift),
    ...(p.b ?? p.a),
  };
  return [DashboardFilterSchema.parse(a), DashboardFilterSchema.parse(b)];
}

/** The published numbers of a report (not "<5"), and what its total equations leave for its hidden cells. */
function numbersAndEquations(rows: string[][]): { numbers: number[]; equations: number[] } {
  const num = (s: string | undefined) => (s === undefined || s === "<5" ? null : Number(s));
  const numbers = [...publishedCells(rows).values()].map(num).filter((n): n is number => n !== null);
  const equations: number[] = [];
  const leftOver = (total: string | undefined, parts: Array<string | undefined>) => {
    const t = num(total);
    if (t !== null) equations.push(t - parts.reduce((a, p) => a + (num(p) ?? 0), 0));
  };
  for (const title of [TITLES.status, TITLES.country, TITLES.created, TITLES.closed]) {
    const body = section(rows, title).slice(1);
    leftOver(
      body.at(-1)!.at(-1),
      body.slice(0, -1).map((r) => r.at(-1)),
    );
  }
  const [header, ...body] = section(rows, TITLES.applications);
  const totalAt = header!.indexOf("Total");
  const cellRows = body.filter((r) => r[0] !== "Total");
  const totalRow = body.find((r) => r[0] === "Total")!;
  for (const r of cellRows) leftOver(r[totalAt], r.slice(1, totalAt)); // each row with its total
  for (let j = 1; j <= totalAt; j += 1)
    leftOver(
      totalRow[j],
      cellRows.map((r) => r[j]),
    ); // each column (and the Total column) with its total
  leftOver(totalRow[totalAt], totalRow.slice(1, totalAt)); // the grand total from the column totals
  return { numbers, equations };
}

describe("the published numbers of any two reports", () => {
  test("no combination with small integer coefficients is a true count from 1 to 4", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 8, maxLength: POOL }), pairArb, async (draws, pair) => {
        await makeWorld(draws);
        const reports = [];
        for (const filter of filtersOf(pair)) {
          const { csv } = await buildAggregateReport(actor, filter, NOW);
          const rows = parseCsv(csv);
          const { data, keys } = await getDashboardWithKeys(actor, { ...filter, ...wholeIsoWeeks(filter) }, NOW);
          reports.push({ rows, published: publishedCells(rows), exact: exactCells(data, keys, filter.staleDays) });
        }
        const [a, b] = reports as [(typeof reports)[0], (typeof reports)[0]];

        // Each published count is its exact count, rounded: 0 as 0, 1–4 as "<5", n as 5⌊n/5⌋ or 5⌊n/5⌋ + 5.
        for (const { published, exact } of reports) {
          for (const name of exact.keys()) expect(published.has(name), `${name} is published`).toBe(true);
          for (const [name, shown] of published) {
            const n = exact.get(name) ?? 0;
            const allowed = n === 0 ? ["0"] : n < 5 ? ["<5"] : [String(5 * Math.floor(n / 5)), String(5 * Math.floor(n / 5) + 5)];
            expect(allowed, `${name}: true ${n}, published ${shown}`).toContain(shown);
          }
        }

        // The true counts from 1 to 4 an attacker would want: any cell of either report, and the
        // difference between the two reports' cells of the same name (cases in one period or filter, not the other).
        const targets = new Set<number>();
        for (const { exact } of reports) for (const n of exact.values()) if (n >= 1 && n <= 4) targets.add(n);
        for (const [name, n] of a.exact) {
          const d = Math.abs(n - (b.exact.get(name) ?? 0));
          if (d >= 1 && d <= 4) targets.add(d);
        }

        const fromA = numbersAndEquations(a.rows);
        const fromB = numbersAndEquations(b.rows);
        const values = [...new Set([...fromA.numbers, ...fromB.numbers])];
        const combinations = [...fromA.equations, ...fromB.equations];
        for (const x of values) for (const y of values) combinations.push(x - y, x + y);
        // Every combination of up to three distinct published values with coefficients from -2 to 2.
        const coefficients = [-2, -1, 0, 1, 2];
        for (let i = 0; i < values.length; i += 1)
          for (let j = i + 1; j < values.length; j += 1)
            for (let k = j + 1; k < values.length; k += 1)
              for (const p of coefficients)
                for (const q of coefficients)
                  for (const r of coefficients) combinations.push(p * values[i]! + q * values[j]! + r * values[k]!);
        const hits = combinations.filter((c) => targets.has(Math.abs(c)));
        expect(hits, `combinations equal to a true count in ${[...targets].join(", ")}`).toEqual([]);
        // Stronger: none lies between 1 and 4 at all.
        expect(combinations.filter((c) => Math.abs(c) >= 1 && Math.abs(c) <= 4)).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20250618, endOnFailure: true },
    );
  }, 90_000);
});
