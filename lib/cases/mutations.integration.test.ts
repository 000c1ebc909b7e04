import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { caseState } from "@/lib/testing/case-state";
import { createCase, createUser } from "@/lib/testing/factories";
import { assignCase, createCaseFromIntake } from "./mutations";
import { getCaseDetail, listCases, revealContact } from "./queries";
import { CaseListFilterSchema, IntakeSchema, type IntakeInput } from "./schemas";

const intake = (overrides: Record<string, string> = {}): IntakeInput =>
  IntakeSchema.parse({
    ageBand: "AGE_25_34",
    serviceCategory: "MOBILISED",
    peopleTravelling: "1",
    language: "ru",
    riskLevel: "ELEVATED",
    currentCountry: "KZ",
    placeCity: "1526273", // Astana, from the list of cities
    contactChannel: "@intake_handle",
    ...overrides,
  });

async function expectInvalidAssignee(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ code: "invalid_assignee" });
}

describe("assignment", () => {
  test("a coordinator assigns a case to caseworker2: caseworker2 can read it, caseworker1 gets not found", async () => {
    const one = await createUser({ role: "CASEWORKER" });
    const two = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const kase = await createCase({ createdById: one.id, assignedToId: one.id });
    const [a1, a2] = [await actorFor(one), await actorFor(two)];
    await expect(getCaseDetail(a2, kase.code)).rejects.toBeInstanceOf(NotFoundError);

    await assignCase(coordinator, { code: kase.code, version: 1, assigneeId: two.id });
    const detail = await getCaseDetail(a2, kase.code);
    expect(detail.assignee).toEqual({ id: two.id, email: two.email });
    expect(await revealContact(a2, kase.code)).toBe(kase.contactChannel);
    await expect(getCaseDetail(a1, kase.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revealContact(a1, kase.code)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listCases(a1, CaseListFilterSchema.parse({ status: "all" }))).items.map((i) => i.code)).not.toContain(kase.code);
    expect((await listCases(a2, CaseListFilterSchema.parse({ status: "all" }))).items.map((i) => i.code)).toContain(kase.code);
    const { row, events } = await caseState(kase.id);
    expect(row).toMatchObject({ assignedToId: two.id, version: 2 });
    expect(events.at(-1)).toMatchObject({ type: "ASSIGNED", actorId: coordinator.userId, detail: { from: one.id, to: two.id } });
  });

  test("assigning to a deactivated caseworker, a coordinator, an admin or an unknown id is refused, and nothing changes", async () => {
    const one = await createUser({ role: "CASEWORKER" });
    const coordinatorUser = await createUser({ role: "COORDINATOR" });
    const coordinator = await actorFor(coordinatorUser);
    const kase = await createCase({ createdById: one.id, assignedToId: one.id });
    const gone = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });
    const admin = await createUser({ role: "ADMIN" });
    const before = await caseState(kase.id);
    for (const assigneeId of [gone.id, coordinatorUser.id, admin.id, randomUUID()]) {
      await expectInvalidAssignee(assignCase(coordinator, { code: kase.code, version: 1, assigneeId }));
    }
    expect(await caseState(kase.id)).toEqual(before);
  });

  test("assigning a case to the caseworker it is already assigned to is a conflict, not a new event", async () => {
    const one = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const kase = await createCase({ createdById: one.id, assignedToId: one.id });
    const before = await caseState(kase.id);
    await expect(assignCase(coordinator, { code: kase.code, version: 1, assigneeId: one.id })).rejects.toMatchObject({
      code: "already_assigned",
    });
    expect(await caseState(kase.id)).toEqual(before);
  });

  test("an unassigned case can be assigned by a coordinator", async () => {
    const one = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const kase = await createCase({ createdById: coordinator.userId, assignedToId: null });
    await assignCase(coordinator, { code: kase.code, version: 1, assigneeId: one.id });
    expect((await getCaseDetail(await actorFor(one), kase.code)).code).toBe(kase.code);
  });
});

describe("intake", () => {
  test("a caseworker's intake is assigned to them, even when they send another assigneeId", async () => {
    const me = await createUser({ role: "CASEWORKER" });
    const someoneElse = await createUser({ role: "CASEWORKER" });
    const actor = await actorFor(me);
    const { code } = await createCaseFromIntake(actor, intake({ assigneeId: someoneElse.id }));
    const row = await db().case.findUniqueOrThrow({ where: { code } });
    // A city from the list: the clear column holds its key (GeoNames 1526273), nothing typed.
    expect(row).toMatchObject({
      assignedToId: me.id,
      createdById: me.id,
      status: "NEW",
      version: 1,
      currentCountry: "KZ",
      placeCity: "1526273",
      placeOtherEnc: null,
      riskLevel: "ELEVATED",
    });
    expect(code).toMatch(/^WP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
    await expect(getCaseDetail(await actorFor(someoneElse), code)).rejects.toBeInstanceOf(NotFoundError);
    const { movements, statusChanges, events } = await caseState(row.id);
    expect(movements).toMatchObject([{ country: "KZ", place: "Astana", leftOn: null }]);
    expect(statusChanges).toMatchObject([{ fromStatus: null, toStatus: "NEW", actorId: me.id }]);
    expect(events).toMatchObject([{ type: "CASE_CREATED", actorId: me.id }]);
  });

  test("a coordinator's intake needs an active caseworker as assignee", async () => {
    const coordinatorUser = await createUser({ role: "COORDINATOR" });
    const coordinator = await actorFor(coordinatorUser);
    const gone = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });
    const caseworker = await createUser({ role: "CASEWORKER" });
    const casesBefore = await db().case.count();
    await expectInvalidAssignee(createCaseFromIntake(coordinator, intake()));
    for (const assigneeId of [gone.id, coordinatorUser.id, randomUUID()]) {
      await expectInvalidAssignee(createCaseFromIntake(coordinator, intake({ assigneeId })));
    }
    expect(await db().case.count()).toBe(casesBefore);

    const { code } = await createCaseFromIntake(coordinator, intake({ assigneeId: caseworker.id }));
    expect(await db().case.findUniqueOrThrow({ where: { code } })).toMatchObject({
      assignedToId: caseworker.id,
      createdById: coordinatorUser.id,
    });
  });

  test("intake codes are distinct", async () => {
    const actor = await actorFor(await createUser({ role: "CASEWORKER" }));
    const codes = await Promise.all(Array.from({ length: 10 }, () => createCaseFromIntake(actor, intake()).then((r) => r.code)));
    expect(new Set(codes).size).toBe(10);
  });
});
