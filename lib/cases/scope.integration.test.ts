import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db, Prisma } from "@/lib/db/client";
import { createCase, createUser } from "@/lib/testing/factories";
import { caseScope, caseScopeSql } from "./scope";

/**
 * The visibility rule has two spellings (ADR 015): caseScope for Prisma, caseScopeSql for the
 * dashboard's raw queries. On one world (a caseworker's own cases, unassigned cases, a colleague's
 * cases, open and closed), both must pick exactly the same case ids for every role.
 */
describe("caseScope and caseScopeSql", () => {
  test("select the same cases for every role", async () => {
    const coordinator = await createUser({ role: "COORDINATOR" });
    const admin = await createUser({ role: "ADMIN" });
    const worker = await createUser({ role: "CASEWORKER" });
    const colleague = await createUser({ role: "CASEWORKER" });
    const idle = await createUser({ role: "CASEWORKER" });
    const made = {
      own: await createCase({ createdById: worker.id, assignedToId: worker.id }),
      ownClosed: await createCase({ createdById: worker.id, assignedToId: worker.id, status: "CLOSED", statusBeforeClose: "NEW" }),
      unassigned: await createCase({ createdById: coordinator.id, assignedToId: null }),
      colleagues: await createCase({ createdById: colleague.id, assignedToId: colleague.id }),
      byWorkerForColleague: await createCase({ createdById: worker.id, assignedToId: colleague.id }),
    };
    const all = Object.values(made).map((c) => c.id);

    const withPrisma = async (actor: Pick<Actor, "role" | "userId">) =>
      (await db().case.findMany({ where: caseScope(actor), select: { id: true } })).map((r) => r.id).sort();
    const withSql = async (actor: Pick<Actor, "role" | "userId">) =>
      (await db().$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT c.id FROM cases c WHERE ${caseScopeSql(actor)}`))
        .map((r) => r.id)
        .sort();

    const expected: Array<[string, Pick<Actor, "role" | "userId">, string[]]> = [
      ["coordinator", { role: "COORDINATOR", userId: coordinator.id }, all],
      ["admin", { role: "ADMIN", userId: admin.id }, []],
      ["caseworker", { role: "CASEWORKER", userId: worker.id }, [made.own.id, made.ownClosed.id]],
      ["colleague", { role: "CASEWORKER", userId: colleague.id }, [made.colleagues.id, made.byWorkerForColleague.id]],
      ["caseworker without cases", { role: "CASEWORKER", userId: idle.id }, []],
    ];
    for (const [who, actor, ids] of expected) {
      const prisma = await withPrisma(actor);
      expect(prisma, who).toEqual([...ids].sort());
      expect(await withSql(actor), who).toEqual(prisma);
    }
  });
});
