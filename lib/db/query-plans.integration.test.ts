import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listCaseAssistance } from "@/lib/budget/assistance";
import { CASE_COUNT_LIMIT, listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { getCaseworkerHome } from "@/lib/dashboard/home";
import { getDashboard } from "@/lib/dashboard/queries";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { countUnreadNotifications, listNotifications } from "@/lib/inbox/queries";
import { actorFor } from "@/lib/testing/factories";
import { generateLoad, LOAD_PASSWORD } from "@/prisma/seed/load-generator";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { db, disconnectDb, listenToQueries, type QueryEvent } from "./client";

/**
 * The list and dashboard queries must be index-backed. On a database with enough cases that the
 * planner would choose a sequential scan of `cases` were an index missing, every statement the
 * data-access layer runs for them is EXPLAINed, and no plan may scan `cases` sequentially: neither
 * the plan for the parameters given nor the generic plan a prepared statement may settle on.
 */

const captured: QueryEvent[] = [];
listenToQueries((event) => captured.push(event));

const CASES = 12_000;
/**
 * PostgreSQL takes a prepared statement's generic plan only when it costs less than the custom plans
 * so far; a quarter more leaves room for the custom plans of other parameter values.
 */
const GENERIC_PLAN_MARGIN = 1.25;
let client: pg.Client;

beforeAll(async () => {
  await switchToFreshDatabase();
  await generateLoad(process.env.DATABASE_URL!, { cases: CASES, caseworkers: 40, password: LOAD_PASSWORD, seed: 7 });
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("VACUUM ANALYZE");
}, 240_000);

afterAll(async () => {
  await client?.end();
  await disconnectDb();
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Total Cost": number;
  Plans?: PlanNode[];
}

/** Rows the plan's nodes on `cases` returned, over all their loops (EXPLAIN ANALYZE). */
function casesRowsRead(node: PlanNode): number {
  const here = node["Relation Name"] === "cases" ? (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1) : 0;
  return here + (node.Plans ?? []).reduce((sum, child) => sum + casesRowsRead(child), 0);
}

/** Rows of `cases` the plan looked at: returned, or read and dropped by a filter (EXPLAIN ANALYZE). */
function casesRowsExamined(node: PlanNode): number {
  const here =
    node["Relation Name"] === "cases"
      ? ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1)
      : 0;
  return here + (node.Plans ?? []).reduce((sum, child) => sum + casesRowsExamined(child), 0);
}

function seqScansOfCases(node: PlanNode): string[] {
  const here = node["Node Type"] === "Seq Scan" && node["Relation Name"] === "cases" ? ["Seq Scan on cases"] : [];
  return [...here, ...(node.Plans ?? []).flatMap(seqScansOfCases)];
}

async function plansOf(work: () => Promise<unknown>): Promise<Array<{ sql: string; scans: string[] }>> {
  captured.length = 0;
  await work();
  const statements = captured.filter((q) => /\bcases\b/.test(q.query) && /^\s*(SELECT|WITH)/i.test(q.query));
  expect(statements.length).toBeGreaterThan(0);
  const results = [];
  for (const statement of statements) {
    const params = JSON.parse(statement.params) as unknown[];
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${statement.query}`, params);
    results.push({ sql: statement.query.slice(0, 200), scans: seqScansOfCases(rows[0]!["QUERY PLAN"][0]!.Plan) });
    // A prepared statement (ADR 034) may settle on a generic plan, made once for any parameter value.
    // PostgreSQL takes it only when it costs less than the custom plans (plan_cache_mode = auto), so
    // a generic plan that scans `cases` must cost clearly more than the custom one.
    if (params.length > 0) {
      const custom = rows[0]!["QUERY PLAN"][0]!.Plan;
      const generic = (
        await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${statement.query}`)
      ).rows[0]!["QUERY PLAN"][0]!.Plan;
      const affordable = generic["Total Cost"] < GENERIC_PLAN_MARGIN * custom["Total Cost"];
      results.push({ sql: `generic plan: ${statement.query.slice(0, 200)}`, scans: affordable ? seqScansOfCases(generic) : [] });
    }
  }
  return results;
}

async function someone(role: "CASEWORKER" | "COORDINATOR") {
  const user = await db().user.findFirstOrThrow({ where: { role, email: { endsWith: "@load.example" } }, orderBy: { email: "asc" } });
  return actorFor(user);
}

const LIST_VIEWS: Array<Record<string, string>> = [
  {},
  { sort: "risk" },
  { sort: "stage" },
  { status: "IN_THIRD_COUNTRY" },
  { country: "KZ" },
  { risk: "CRITICAL" },
  { jurisdiction: "EXTRADITION_RISK" },
  { view: "stale" },
  { view: "overdue" },
  { view: "danger" },
  { view: "nodoc" },
  { view: "appointments" },
  { view: "entry" },
  { q: "WP-2" },
];

describe("query plans at scale", () => {
  test.each(LIST_VIEWS)("the coordinator's case list %j never scans cases sequentially", async (view) => {
    const actor = await someone("COORDINATOR");
    for (const plan of await plansOf(() => listCases(actor, CaseListFilterSchema.parse(view)))) expect(plan.scans, plan.sql).toEqual([]);
  });

  test.each(LIST_VIEWS)("a caseworker's case list %j never scans cases sequentially", async (view) => {
    const actor = await someone("CASEWORKER");
    for (const plan of await plansOf(() => listCases(actor, CaseListFilterSchema.parse(view)))) expect(plan.scans, plan.sql).toEqual([]);
  });

  test.each([{}, { country: "KZ" }, { risk: "HIGH" }, { country: "GE", risk: "ELEVATED" }])(
    "the dashboard %j never scans cases sequentially",
    async (filter) => {
      const actor = await someone("COORDINATOR");
      for (const plan of await plansOf(() => getDashboard(actor, DashboardFilterSchema.parse(filter))))
        expect(plan.scans, plan.sql).toEqual([]);
    },
  );

  test("the dashboard filtered by a caseworker never scans cases sequentially", async () => {
    const actor = await someone("COORDINATOR");
    const worker = await someone("CASEWORKER");
    for (const plan of await plansOf(() => getDashboard(actor, DashboardFilterSchema.parse({ assignee: worker.userId }))))
      expect(plan.scans, plan.sql).toEqual([]);
  });

  test("a caseworker's home never scans cases sequentially", async () => {
    const actor = await someone("CASEWORKER");
    for (const plan of await plansOf(() => getCaseworkerHome(actor))) expect(plan.scans, plan.sql).toEqual([]);
  });

  test.each(["CASEWORKER", "COORDINATOR"] as const)(
    "a %s's unread count (every page) and notification list look up only their own notifications' cases, not every case",
    async (role) => {
      const actor = await someone(role);
      const cases = await db().case.findMany({
        where: role === "CASEWORKER" ? { assignedToId: actor.userId } : {},
        select: { id: true },
        take: 300,
      });
      const NOTIFICATIONS = 1_500;
      await db().notification.createMany({
        data: Array.from({ length: NOTIFICATIONS }, (_, i) => ({
          userId: actor.userId,
          kind: "CASE_CHANGED" as const,
          caseId: cases[i % cases.length]!.id,
          dedupeId: crypto.randomUUID(),
        })),
      });
      await client.query("ANALYZE notifications");
      for (const [work, bound] of [
        [() => countUnreadNotifications(actor), 200],
        [() => listNotifications(actor), NOTIFICATIONS + 200],
      ] as const) {
        captured.length = 0;
        await work();
        const statements = captured.filter((q) => /\bnotifications\b/.test(q.query) && /^\s*(SELECT|WITH)/i.test(q.query));
        expect(statements).toHaveLength(1);
        const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${statements[0]!.query}`,
          JSON.parse(statements[0]!.params) as unknown[],
        );
        expect(casesRowsRead(rows[0]!["QUERY PLAN"][0]!.Plan)).toBeLessThanOrEqual(bound);
      }
      expect(await countUnreadNotifications(actor)).toBe(100);
    },
  );

  test.each([
    ["COORDINATOR", {}],
    ["COORDINATOR", { status: "all" }],
    ["COORDINATOR", { risk: "HIGH" }],
    ["COORDINATOR", { country: "KZ" }],
    ["CASEWORKER", {}],
  ] as const)("the %s's list %j counts its cases no further than the count's limit", async (role, view) => {
    const actor = await someone(role);
    captured.length = 0;
    await listCases(actor, CaseListFilterSchema.parse(view));
    const counts = captured.filter((q) => /^\s*SELECT COUNT\(\*\)/i.test(q.query) && /\bcases\b/.test(q.query));
    expect(counts).toHaveLength(1);
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${counts[0]!.query}`,
      JSON.parse(counts[0]!.params) as unknown[],
    );
    expect(casesRowsExamined(rows[0]!["QUERY PLAN"][0]!.Plan)).toBeLessThanOrEqual(CASE_COUNT_LIMIT + 1);
  });

  test("the case page's help (assistance) is read with the case's key in one statement, by index", async () => {
    const actor = await someone("CASEWORKER");
    const kase = await db().case.findFirstOrThrow({ where: { assignedToId: actor.userId }, select: { code: true } });
    captured.length = 0;
    await listCaseAssistance(actor, kase.code);
    const statements = captured.filter((q) => /^\s*(SELECT|WITH)/i.test(q.query));
    expect(statements).toHaveLength(1);
    expect((await plansOf(() => listCaseAssistance(actor, kase.code))).flatMap((p) => p.scans)).toEqual([]);
  });

  test("the database really is large enough: without its indexes the planner would scan cases", async () => {
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) SELECT id FROM cases WHERE language = 'uk' ORDER BY created_by_id LIMIT 50`,
    );
    expect(seqScansOfCases(rows[0]!["QUERY PLAN"][0]!.Plan)).toEqual(["Seq Scan on cases"]);
  });
});
