import { describe, expect, test } from "vitest";
import { createCase, createUser } from "@/lib/testing/factories";
import { db } from "./client";

// ADR 034: the app's statements are prepared once per connection, so PostgreSQL parses each once and
// keeps its plan. A transaction runs on one connection, so it can see what that connection prepared.
describe("prepared statements", () => {
  test("a statement run twice on a connection is prepared once, under a name, with its values outside its text", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const prepared = await db().$transaction(async (tx) => {
      for (let i = 0; i < 2; i++) {
        // A model query and a raw one: both go through the adapter's one path.
        expect(await tx.case.findFirst({ where: { code: kase.code, assignedToId: worker.id }, select: { id: true } })).toEqual({
          id: kase.id,
        });
        expect(
          await tx.$queryRaw`SELECT id FROM cases WHERE code = ${kase.code} AND assigned_to_id = ${worker.id}::uuid /* prepared twice */`,
        ).toEqual([{ id: kase.id }]);
      }
      return tx.$queryRaw<{ name: string; statement: string; runs: bigint }[]>`
        SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE name <> ''`;
    });
    const raw = prepared.filter((p) => p.statement.includes("/* prepared twice */"));
    expect(raw).toHaveLength(1);
    expect(raw[0]!.name).toMatch(/^wp_/);
    expect(raw[0]!.runs).toBe(2n);
    const model = prepared.filter((p) => p.statement.startsWith('SELECT "t0"."id" FROM "public"."cases"'));
    expect(model.length).toBeGreaterThanOrEqual(1);
    expect(model.some((p) => p.name.startsWith("wp_") && p.runs >= 2n)).toBe(true);
    for (const p of prepared) {
      expect(p.statement).not.toContain(kase.code);
      expect(p.statement).not.toContain(worker.id);
    }
  });
});
