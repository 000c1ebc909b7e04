import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { getDashboard } from "@/lib/dashboard/queries";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { deactivateUser } from "@/lib/users/management";
import { actorFor } from "@/lib/testing/factories";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { createCase, createUser, type CreatedCase } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { generateCaseCode } from "./codes";
import { getCaseDetail, listCases } from "./queries";
import { CaseListFilterSchema } from "./schemas";
import { bulkReassign, reassignAllOpenCases } from "./reassignment";

async function team() {
  const coordinatorUser = await createUser({ role: "COORDINATOR" });
  const a = await createUser({ role: "CASEWORKER" });
  const b = await createUser({ role: "CASEWORKER" });
  return { coordinatorUser, coordinator: await actorFor(coordinatorUser), a, b };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

/** Everything stored about these cases and every audit entry about them, to compare before and after a refusal. */
async function snapshot(cases: CreatedCase[]) {
  return Promise.all(cases.map(async (c) => ({ state: await caseState(c.id), audit: await caseAudit(c.id) })));
}

const assignee = async (c: CreatedCase) =>
  (await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { assignedToId: true } })).assignedToId;
const version = async (c: CreatedCase) => (await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { version: true } })).version;
const codesOf = async (actor: Actor, params: Record<string, string>) =>
  (await listCases(actor, CaseListFilterSchema.parse(params))).items.map((i) => i.code).sort();

describe("bulkReassign", () => {
  test("a coordinator moves every selected case to one caseworker, each audited as case.assigned, and learns how many moved", async () => {
    const t = await team();
    const fromA = await createCase({ createdById: t.a.id, assignedToId: t.a.id });
    const nobodys = await createCase({ createdById: t.a.id, assignedToId: null });
    const closed = await createCase({
      createdById: t.a.id,
      assignedToId: t.a.id,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date(),
    });
    const alreadyB = await createCase({ createdById: t.b.id, assignedToId: t.b.id });
    const selection = [fromA, nobodys, closed, alreadyB].map((c) => ({ code: c.code, version: 1 }));

    await expect(bulkReassign(t.coordinator, { cases: selection, assigneeId: t.b.id })).resolves.toEqual({ moved: 3 });

    for (const [kase, from] of [
      [fromA, t.a.id],
      [nobodys, null],
      [closed, t.a.id],
    ] as const) {
      expect(await assignee(kase)).toBe(t.b.id);
      expect(await version(kase)).toBe(2);
      const audit = await caseAudit(kase.id);
      expect(audit.map((e) => e.action)).toEqual(["case.assigned"]);
      // One entry for the whole move, linked to every case it moved, naming the field only.
      expect(audit[0]).toMatchObject({ actorId: t.coordinatorUser.id, targetId: null, meta: { fields: ["assignee"], cases: 3 } });
      const events = (await caseState(kase.id)).events.filter((e) => e.type === "ASSIGNED");
      expect(events.map((e) => e.detail)).toEqual([{ from, to: t.b.id, bulk: "selection" }]);
    }
    // Already theirs: left alone, not counted, not audited.
    expect(await version(alreadyB)).toBe(1);
    expect(await caseAudit(alreadyB.id)).toEqual([]);
  });

  test("with one stale version among the selection nothing moves: stale_version, every row and the audit log unchanged", async () => {
    const t = await team();
    const cases = [
      await createCase({ createdById: t.a.id, assignedToId: t.a.id }),
      await createCase({ createdById: t.a.id, assignedToId: t.a.id }),
      await createCase({ createdById: t.a.id, assignedToId: null }),
    ];
    // Someone edited the middle case after the coordinator loaded the list.
    await db().case.update({ where: { id: cases[1]!.id }, data: { version: 2 } });
    const before = await snapshot(cases);

    const error = await rejection(
      bulkReassign(t.coordinator, { cases: cases.map((c) => ({ code: c.code, version: 1 })), assigneeId: t.b.id }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "stale_version" });
    expect(await snapshot(cases)).toEqual(before);
  });

  test("a code that does not exist answers not found, and the cases before it in the selection stay put", async () => {
    const t = await team();
    const cases = [
      await createCase({ createdById: t.a.id, assignedToId: t.a.id }),
      await createCase({ createdById: t.a.id, assignedToId: null }),
    ];
    const before = await snapshot(cases);
    const selection = [...cases.map((c) => ({ code: c.code, version: 1 })), { code: generateCaseCode(), version: 1 }];
    await expect(bulkReassign(t.coordinator, { cases: selection, assigneeId: t.b.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot(cases)).toEqual(before);
  });

  test("the target must be an active caseworker: not a deactivated one, a coordinator, an admin or an unknown id", async () => {
    const t = await team();
    const kase = await createCase({ createdById: t.a.id, assignedToId: t.a.id });
    const before = await snapshot([kase]);
    const targets = [
      (await createUser({ role: "CASEWORKER", status: "DEACTIVATED" })).id,
      (await createUser({ role: "COORDINATOR" })).id,
      (await createUser({ role: "ADMIN" })).id,
      randomUUID(),
    ];
    for (const assigneeId of targets) {
      const error = await rejection(bulkReassign(t.coordinator, { cases: [{ code: kase.code, version: 1 }], assigneeId }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ code: "invalid_assignee" });
    }
    expect(await snapshot([kase])).toEqual(before);
  });

  test.each(["CASEWORKER", "ADMIN"] as const)("a %s may not reassign in bulk, not even their own cases", async (role) => {
    const t = await team();
    const user = await createUser({ role });
    const kase = await createCase({ createdById: t.a.id, assignedToId: role === "CASEWORKER" ? user.id : t.a.id });
    const before = await snapshot([kase]);
    await expect(
      bulkReassign(await actorFor(user), { cases: [{ code: kase.code, version: 1 }], assigneeId: t.b.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reassignAllOpenCases(await actorFor(user), { fromId: t.a.id, assigneeId: t.b.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await snapshot([kase])).toEqual(before);
  });
});

describe("reassignAllOpenCases", () => {
  test("moves every open case of a caseworker, audits each and the whole move, and the old caseworker loses access", async () => {
    const t = await team();
    const actorA = await actorFor(t.a);
    const open = [
      await createCase({ createdById: t.a.id, assignedToId: t.a.id }),
      await createCase({ createdById: t.a.id, assignedToId: t.a.id, status: "RELOCATED" }),
    ];
    const closed = await createCase({
      createdById: t.a.id,
      assignedToId: t.a.id,
      status: "CLOSED",
      statusBeforeClose: "APPLYING",
      closedAt: new Date(),
    });
    const elsewhere = await createCase({ createdById: t.a.id, assignedToId: null });
    expect(await codesOf(actorA, { status: "all" })).toHaveLength(3);
    const before = await snapshot([closed, elsewhere]); // after the list above, which read them

    await expect(reassignAllOpenCases(t.coordinator, { fromId: t.a.id, assigneeId: t.b.id })).resolves.toEqual({ moved: 2 });

    for (const kase of open) {
      expect(await assignee(kase)).toBe(t.b.id);
      const changes = (await caseAudit(kase.id)).filter((e) => e.action !== "case.list_read"); // the list above was a read of it
      expect(changes.map((e) => [e.action, e.meta])).toEqual([["case.assigned", { fields: ["assignee"], cases: 2 }]]);
    }
    expect(await snapshot([closed, elsewhere])).toEqual(before);
    // Who handed work to whom is staff administration: an entry about the caseworker, not a case.
    const summary = await db().auditLog.findMany({ where: { action: "caseload.reassigned", targetId: t.a.id } });
    expect(summary.map((e) => [e.actorId, e.targetType, e.meta])).toEqual([[t.coordinatorUser.id, "user", { to: t.b.id, moved: 2 }]]);

    // The old caseworker now sees only their closed case; the moved ones answer "not found".
    expect(await codesOf(actorA, { status: "all" })).toEqual([closed.code]);
    for (const kase of open) await expect(getCaseDetail(actorA, kase.code)).rejects.toBeInstanceOf(NotFoundError);
    expect(await codesOf(await actorFor(t.b), { status: "all" })).toEqual(open.map((c) => c.code).sort());
  });

  test("with no one to move from, moves every unassigned open case (and no closed one)", async () => {
    await switchToFreshDatabase(); // "every unassigned case" is a whole-database fact
    const t = await team();
    const unassigned = [
      await createCase({ createdById: t.a.id, assignedToId: null }),
      await createCase({ createdById: t.a.id, assignedToId: null, status: "VERIFYING" }),
    ];
    const closed = await createCase({
      createdById: t.a.id,
      assignedToId: null,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date(),
    });
    const ofA = await createCase({ createdById: t.a.id, assignedToId: t.a.id });

    await expect(reassignAllOpenCases(t.coordinator, { fromId: null, assigneeId: t.b.id })).resolves.toEqual({ moved: 2 });
    for (const kase of unassigned) expect(await assignee(kase)).toBe(t.b.id);
    expect([await assignee(closed), await assignee(ofA)]).toEqual([null, t.a.id]);
    const summary = await db().auditLog.findMany({ where: { action: "caseload.reassigned" } });
    expect(summary.map((e) => [e.targetType, e.targetId, e.meta])).toEqual([["user", null, { to: t.b.id, moved: 2 }]]);
  });

  test("refuses moving to the same caseworker or to one who cannot take cases, and nothing moves", async () => {
    const t = await team();
    const kase = await createCase({ createdById: t.a.id, assignedToId: t.a.id });
    const before = await snapshot([kase]);
    const gone = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });
    for (const assigneeId of [t.a.id, gone.id, t.coordinatorUser.id]) {
      const error = await rejection(reassignAllOpenCases(t.coordinator, { fromId: t.a.id, assigneeId }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ code: "invalid_assignee" });
    }
    expect(await snapshot([kase])).toEqual(before);
  });
});

describe("deactivating a caseworker", () => {
  test("leaves them no open case: their open cases become unassigned, each audited, closed ones untouched, and the dashboard counts them as unassigned", async () => {
    await switchToFreshDatabase(); // the caseload is a whole-database figure
    const t = await team();
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const open = [
      await createCase({ createdById: t.a.id, assignedToId: t.a.id }),
      await createCase({ createdById: t.a.id, assignedToId: t.a.id, status: "IN_TRANSIT" }),
    ];
    const closed = await createCase({
      createdById: t.a.id,
      assignedToId: t.a.id,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date(),
    });
    await createCase({ createdById: t.b.id, assignedToId: t.b.id });
    const closedBefore = await snapshot([closed]);

    await deactivateUser(admin, { userId: t.a.id });

    for (const kase of open) {
      const state = await caseState(kase.id);
      expect([state.row.assignedToId, state.row.version]).toEqual([null, 2]);
      expect((await caseAudit(kase.id)).map((e) => [e.action, e.actorId, e.meta])).toEqual([
        ["case.unassigned", admin.userId, { fields: ["assignee"], cases: 2 }],
      ]);
    }
    expect(await snapshot([closed])).toEqual(closedBefore);
    const deactivated = await db().auditLog.findFirstOrThrow({ where: { action: "user.deactivated", targetId: t.a.id } });
    expect(deactivated.meta).toMatchObject({ casesUnassigned: 2 });
    expect(await db().case.count({ where: { assignedToId: t.a.id, status: { not: "CLOSED" } } })).toBe(0);

    const dashboard = await getDashboard(t.coordinator, DashboardFilterSchema.parse({}));
    expect(dashboard.caseload.map((r) => [r.key, r.count])).toEqual([
      ["none", 2],
      [t.b.id, 1],
    ]);
    expect(await codesOf(t.coordinator, { assignee: "none" })).toEqual(open.map((c) => c.code).sort());
  });
});
