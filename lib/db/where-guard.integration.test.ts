import { describe, expect, test } from "vitest";
import { createCase, createUser } from "@/lib/testing/factories";
import { db, UndefinedWhereError } from "./client";

// ADR 001 relies on this guard: Prisma reads `{ assignedToId: undefined }` as "no condition", so a
// scope filter built from a missing value would match every case. The client refuses it instead.
describe("the where-guard", () => {
  test("refuses undefined anywhere in a where clause, at the top, nested in OR/AND or in a relation filter", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    await createCase({ createdById: worker.id, assignedToId: worker.id });
    const missing: string | undefined = undefined;

    await expect(db().case.findMany({ where: { assignedToId: missing } })).rejects.toBeInstanceOf(UndefinedWhereError);
    await expect(db().case.count({ where: { OR: [{ assignedToId: missing }, { createdById: worker.id }] } })).rejects.toThrow(
      /where\.OR\[0\]\.assignedToId/,
    );
    await expect(db().case.findFirst({ where: { AND: [{ assignedTo: { is: { id: missing } } }] } })).rejects.toBeInstanceOf(
      UndefinedWhereError,
    );
    await expect(db().$transaction((tx) => tx.case.findMany({ where: { assignedToId: missing } }))).rejects.toBeInstanceOf(
      UndefinedWhereError,
    );
  });

  test("a refused write changes nothing", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const missing: string | undefined = undefined;
    await expect(db().case.updateMany({ where: { assignedToId: missing }, data: { assignedToId: null } })).rejects.toBeInstanceOf(
      UndefinedWhereError,
    );
    expect(await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { assignedToId: true } })).toEqual({
      assignedToId: worker.id,
    });
  });

  test("null, dates and ordinary values pass", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    expect(await db().case.count({ where: { id: kase.id, closedAt: null, createdAt: { lte: new Date(Date.now() + 60_000) } } })).toBe(1);
    expect(await db().case.count({ where: { id: kase.id, assignedToId: { in: [worker.id] } } })).toBe(1);
  });
});
