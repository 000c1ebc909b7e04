import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import type { CaseStatus } from "@/lib/db/generated/enums";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { createCase, createUser } from "@/lib/testing/factories";
import { changeStatus, closeCase, reopenCase } from "./mutations";
import { CloseCaseSchema, type ChangeStatusInput } from "./schemas";

const STATUSES: CaseStatus[] = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED", "CLOSED"];
const OPEN: CaseStatus[] = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED"];
// PRODUCT.md's drawing, by hand.
const FORWARD: Array<[CaseStatus, CaseStatus]> = [
  ["NEW", "VERIFYING"],
  ["VERIFYING", "PLANNING_EXIT"],
  ["PLANNING_EXIT", "IN_TRANSIT"],
  ["IN_TRANSIT", "IN_THIRD_COUNTRY"],
  ["IN_THIRD_COUNTRY", "APPLYING"],
  ["APPLYING", "RELOCATED"],
  ["IN_THIRD_COUNTRY", "IN_TRANSIT"],
  ["APPLYING", "IN_TRANSIT"],
  ["APPLYING", "IN_THIRD_COUNTRY"],
  ["RELOCATED", "APPLYING"],
];
const isForward = (from: CaseStatus, to: CaseStatus) => FORWARD.some(([f, t]) => f === from && t === to);

const LONG_AGO = new Date("2025-01-01T00:00:00.000Z");

/** A caseworker, a coordinator, and a case in `status` assigned to the caseworker. */
async function world(status: CaseStatus, statusBeforeClose: CaseStatus | null = null) {
  const caseworker = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const kase = await createCase({
    createdById: caseworker.id,
    assignedToId: caseworker.id,
    status,
    statusBeforeClose,
    closedAt: status === "CLOSED" ? LONG_AGO : null,
    statusChangedAt: LONG_AGO,
    createdAt: LONG_AGO,
  });
  // A case leaves VERIFYING only once two people vouched for it (lib/cases/vetting.integration.test.ts
  // tests that rule); here the workflow itself is under test, so it is satisfied.
  if (status === "VERIFYING") {
    for (const [authorId, authorRole] of [
      [caseworker.id, "CASEWORKER"],
      [coordinator.id, "COORDINATOR"],
    ] as const) {
      await db().verificationSignOff.create({
        data: {
          caseId: kase.id,
          authorId,
          authorRole,
          storyConsistent: "YES",
          serviceStatusPlausible: "YES",
          noCrimesIndication: "YES",
          noProvocationSign: "YES",
          outcome: "VERIFIED",
        },
      });
    }
  }
  return { caseworker: await actorFor(caseworker), coordinator: await actorFor(coordinator), kase };
}

async function expectConflict(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).code).toBe(code);
}

describe("case workflow through the data-access layer", () => {
  const forwardCases = FORWARD.flatMap(([from, to]) => (["CASEWORKER", "COORDINATOR"] as const).map((role) => ({ from, to, role })));

  test.each(forwardCases)("a $role moves a case $from → $to, recording the change and its time", async ({ from, to, role }) => {
    const w = await world(from);
    const actor = role === "CASEWORKER" ? w.caseworker : w.coordinator;
    const before = Date.now();
    await changeStatus(actor, { code: w.kase.code, version: 1, to: to as ChangeStatusInput["to"] });

    const { row, statusChanges, events } = await caseState(w.kase.id);
    expect(row.status).toBe(to);
    expect(row.version).toBe(2);
    expect(row.statusChangedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(row.statusChangedAt.getTime()).toBe(row.updatedAt.getTime());
    expect(row.statusBeforeClose).toBeNull();
    const last = statusChanges.at(-1)!;
    expect(last).toMatchObject({ fromStatus: from, toStatus: to, actorId: actor.userId });
    expect(last.at.getTime()).toBe(row.statusChangedAt.getTime());
    expect(statusChanges).toHaveLength(2); // the factory's creation row, then this one
    expect(events.at(-1)).toMatchObject({ type: "STATUS_CHANGED", actorId: actor.userId, detail: { from, to } });
    // The audit entry names the field, never the statuses (they are case facts); the timeline has them.
    expect((await caseAudit(w.kase.id)).at(-1)).toMatchObject({
      action: "case.status_changed",
      actorId: actor.userId,
      targetId: null,
      meta: { fields: ["status"] },
    });
  });

  const forbiddenFrom = STATUSES.flatMap((from) => (["CASEWORKER", "COORDINATOR"] as const).map((role) => ({ from, role })));

  test.each(forbiddenFrom)(
    "a $role gets transition_not_allowed for every move from $from outside the drawing, and nothing changes",
    async ({ from, role }) => {
      const w = await world(from, from === "CLOSED" ? "APPLYING" : null);
      const actor = role === "CASEWORKER" ? w.caseworker : w.coordinator;
      const targets = STATUSES.filter((to) => !isForward(from, to));
      // APPLYING, with three ways on, still refuses five (NEW, VERIFYING, PLANNING_EXIT, itself, CLOSED).
      expect(targets.length).toBeGreaterThanOrEqual(5);
      const before = await caseState(w.kase.id);
      for (const to of targets) {
        // `to` outside OPEN_STATUSES (CLOSED) cannot come through the schema; the DAL refuses it anyway.
        await expectConflict(
          changeStatus(actor, { code: w.kase.code, version: 1, to: to as ChangeStatusInput["to"] }),
          "transition_not_allowed",
        );
      }
      expect(await caseState(w.kase.id)).toEqual(before);
      expect((await caseAudit(w.kase.id)).map((e) => e.action)).not.toContain("case.status_changed");
    },
  );

  test("changeStatus cannot close a case, even from a status that may be closed", async () => {
    const w = await world("IN_TRANSIT");
    const before = await caseState(w.kase.id);
    await expectConflict(
      changeStatus(w.coordinator, { code: w.kase.code, version: 1, to: "CLOSED" as ChangeStatusInput["to"] }),
      "transition_not_allowed",
    );
    expect(await caseState(w.kase.id)).toEqual(before);
  });

  test("changeStatus cannot reopen a closed case, even to its previous status and for a coordinator", async () => {
    const w = await world("CLOSED", "IN_THIRD_COUNTRY");
    const before = await caseState(w.kase.id);
    await expectConflict(changeStatus(w.coordinator, { code: w.kase.code, version: 1, to: "IN_THIRD_COUNTRY" }), "transition_not_allowed");
    expect(await caseState(w.kase.id)).toEqual(before);
  });
});

describe("closing and reopening a case", () => {
  test("the schema refuses to close with reason OTHER and no text; with a text it passes and the text is stored", async () => {
    const w = await world("IN_THIRD_COUNTRY");
    expect(CloseCaseSchema.safeParse({ code: w.kase.code, version: "1", reason: "OTHER" }).success).toBe(false);
    expect(CloseCaseSchema.safeParse({ code: w.kase.code, version: "1" }).success).toBe(false);
    const input = CloseCaseSchema.parse({
      code: w.kase.code,
      version: "1",
      reason: "OTHER",
      reasonText: "Decided to stay with family abroad",
    });
    await closeCase(w.caseworker, input);
    const { row, closeReasonText } = await caseState(w.kase.id);
    expect(row).toMatchObject({ status: "CLOSED", statusBeforeClose: "IN_THIRD_COUNTRY", closeReason: "OTHER" });
    // The text is sealed with the case's key: not in the row, readable through it.
    expect(closeReasonText).toBe("Decided to stay with family abroad");
    expect(JSON.stringify(row)).not.toContain("family abroad");
  });

  test.each(OPEN.flatMap((from) => (["CASEWORKER", "COORDINATOR"] as const).map((role) => ({ from, role }))))(
    "a $role closes a case from $from; the status it was closed from is recorded",
    async ({ from, role }) => {
      const w = await world(from);
      const actor = role === "CASEWORKER" ? w.caseworker : w.coordinator;
      await closeCase(actor, CloseCaseSchema.parse({ code: w.kase.code, version: "1", reason: "LOST_CONTACT" }));
      const { row, statusChanges, events } = await caseState(w.kase.id);
      expect(row).toMatchObject({
        status: "CLOSED",
        statusBeforeClose: from,
        closeReason: "LOST_CONTACT",
        closeReasonTextEnc: null,
        version: 2,
      });
      expect(row.closedAt?.getTime()).toBe(row.statusChangedAt.getTime());
      expect(row.statusChangedAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
      expect(statusChanges.at(-1)).toMatchObject({ fromStatus: from, toStatus: "CLOSED", actorId: actor.userId });
      expect(events.at(-1)).toMatchObject({ type: "STATUS_CHANGED", detail: { from, to: "CLOSED", reason: "LOST_CONTACT" } });
      expect((await caseAudit(w.kase.id)).at(-1)).toMatchObject({ action: "case.closed", meta: { fields: ["status", "closeReason"] } });
    },
  );

  test("a closed case cannot be closed again (its statusBeforeClose is kept)", async () => {
    const w = await world("CLOSED", "APPLYING");
    const before = await caseState(w.kase.id);
    await expectConflict(closeCase(w.coordinator, { code: w.kase.code, version: 1, reason: "SETTLED" }), "transition_not_allowed");
    expect(await caseState(w.kase.id)).toEqual(before);
  });

  test("a caseworker cannot reopen their own closed case: forbidden, and nothing changes", async () => {
    const w = await world("CLOSED", "APPLYING");
    const before = await caseState(w.kase.id);
    await expect(reopenCase(w.caseworker, { code: w.kase.code, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await caseState(w.kase.id)).toEqual(before);
  });

  test.each(OPEN)("a coordinator reopens a case closed from %s to exactly that status", async (from) => {
    const w = await world(from);
    await closeCase(w.caseworker, { code: w.kase.code, version: 1, reason: "OTHER", reasonText: "Paused" });
    await reopenCase(w.coordinator, { code: w.kase.code, version: 2 });
    const { row, statusChanges, events } = await caseState(w.kase.id);
    expect(row).toMatchObject({
      status: from,
      statusBeforeClose: null,
      closeReason: null,
      closeReasonTextEnc: null,
      closedAt: null,
      version: 3,
    });
    expect(statusChanges.map((c) => [c.fromStatus, c.toStatus])).toEqual([
      [null, "NEW"],
      [from, "CLOSED"],
      ["CLOSED", from],
    ]);
    expect(statusChanges.at(-1)!.actorId).toBe(w.coordinator.userId);
    expect(events.at(-1)).toMatchObject({ type: "STATUS_CHANGED", detail: { from: "CLOSED", to: from, reopened: true } });
    expect((await caseAudit(w.kase.id)).at(-1)).toMatchObject({ action: "case.reopened", meta: { fields: ["status", "closeReason"] } });
  });

  test("a coordinator cannot reopen a case that is open", async () => {
    const w = await world("APPLYING");
    const before = await caseState(w.kase.id);
    await expectConflict(reopenCase(w.coordinator, { code: w.kase.code, version: 1 }), "transition_not_allowed");
    expect(await caseState(w.kase.id)).toEqual(before);
  });

  test("after reopening, the case moves on from its previous status as before", async () => {
    const w = await world("IN_THIRD_COUNTRY");
    await closeCase(w.coordinator, { code: w.kase.code, version: 1, reason: "WITHDREW" });
    await reopenCase(w.coordinator, { code: w.kase.code, version: 2 });
    await changeStatus(w.caseworker, { code: w.kase.code, version: 3, to: "APPLYING" });
    expect((await db().case.findUniqueOrThrow({ where: { id: w.kase.id } })).status).toBe("APPLYING");
  });
});
