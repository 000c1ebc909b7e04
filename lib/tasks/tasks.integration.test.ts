import { describe, expect, test } from "vitest";
import { assignCase } from "@/lib/cases/mutations";
import { getCaseDetail } from "@/lib/cases/queries";
import { addNextStep, completeNextStep, editNextStep, reopenNextStep } from "@/lib/cases/records";
import { AddNextStepSchema, EditNextStepSchema } from "@/lib/cases/task-schemas";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createNextStep, createUser, type CreatedCase } from "@/lib/testing/factories";
import { getTaskBoard, listMyTasks } from "./queries";
import { reassignTasks } from "./reassign";

const DAY = 86_400_000;
const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const day = (days: number) => new Date(`${isoDay(days)}T00:00:00.000Z`);

const version = async (kase: CreatedCase) =>
  (await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { version: true } })).version;
const ref = async (kase: CreatedCase) => ({ code: kase.code, version: await version(kase) });

async function world() {
  const worker = await createUser({ role: "CASEWORKER" });
  const other = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const mine = await createCase({ createdById: worker.id, assignedToId: worker.id });
  const theirs = await createCase({ createdById: other.id, assignedToId: other.id });
  return {
    worker,
    other,
    coordinator,
    mine,
    theirs,
    cw: await actorFor(worker),
    otherCw: await actorFor(other),
    co: await actorFor(coordinator),
  };
}

async function step(kase: CreatedCase, text: string, ownerId: string | null, dueInDays: number | null, createdById: string) {
  return createNextStep({
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    text,
    ownerId,
    dueOn: dueInDays === null ? null : day(dueInDays),
    createdById,
  });
}

describe("a task's owner is someone who may work the case", () => {
  test("by default the case's caseworker; a coordinator may be given it; another caseworker or an inactive coordinator may not", async () => {
    const w = await world();
    await addNextStep(w.co, AddNextStepSchema.parse({ ...(await ref(w.mine)), text: "Book consulate appointment" }));
    expect((await caseState(w.mine.id)).nextSteps[0]).toMatchObject({ ownerId: w.worker.id, createdById: w.coordinator.id });

    await addNextStep(w.cw, AddNextStepSchema.parse({ ...(await ref(w.mine)), text: "Ask about the hearing", ownerId: w.coordinator.id }));
    const refused = addNextStep(w.cw, AddNextStepSchema.parse({ ...(await ref(w.mine)), text: "Call back", ownerId: w.other.id }));
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    const gone = await createUser({ role: "COORDINATOR", status: "DEACTIVATED" });
    const inactive = addNextStep(w.co, AddNextStepSchema.parse({ ...(await ref(w.mine)), text: "Call back", ownerId: gone.id }));
    await expect(inactive).rejects.toBeInstanceOf(InvalidInputError);
    expect((await caseState(w.mine.id)).nextSteps).toHaveLength(2);
  });

  test("a case handed to another caseworker takes the previous caseworker's open tasks with it; a coordinator's stay", async () => {
    const w = await world();
    const theirs = await step(w.mine, "Find a lawyer", w.worker.id, 3, w.worker.id);
    const coordinators = await step(w.mine, "Check the budget", w.coordinator.id, 3, w.worker.id);
    await assignCase(w.co, { ...(await ref(w.mine)), assigneeId: w.other.id });
    const owners = Object.fromEntries((await caseState(w.mine.id)).nextSteps.map((s) => [s.id, s.ownerId]));
    expect(owners).toEqual({ [theirs.id]: w.other.id, [coordinators.id]: w.coordinator.id });
    expect((await listMyTasks(w.cw)).tasks).toEqual([]);
    expect((await listMyTasks(w.otherCw)).tasks.map((t) => t.text)).toEqual(["Find a lawyer"]);
  });
});

describe("done and undone, edited, recurring", () => {
  test("done keeps who and when, undone clears both; each is in the timeline and audited by field name only", async () => {
    const w = await world();
    const { id } = await step(w.mine, "Send the form", w.worker.id, 1, w.worker.id);
    await completeNextStep(w.cw, { ...(await ref(w.mine)), stepId: id });
    let row = (await caseState(w.mine.id)).nextSteps[0]!;
    expect(row.doneById).toBe(w.worker.id);
    expect(row.doneAt).toBeInstanceOf(Date);
    await expect(completeNextStep(w.cw, { ...(await ref(w.mine)), stepId: id })).rejects.toBeInstanceOf(NotFoundError);

    await reopenNextStep(w.co, { ...(await ref(w.mine)), stepId: id });
    row = (await caseState(w.mine.id)).nextSteps[0]!;
    expect(row).toMatchObject({ doneAt: null, doneById: null });
    const detail = await getCaseDetail(w.cw, w.mine.code);
    expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["NEXT_STEP_DONE", "NEXT_STEP_REOPENED"]));
    const audit = await caseAudit(w.mine.id);
    const changes = audit.filter((e) => e.action.startsWith("case.next_step"));
    expect(changes.map((e) => [e.action, e.meta])).toEqual([
      ["case.next_step_done", { fields: ["nextSteps"] }],
      ["case.next_step_reopened", { fields: ["nextSteps"] }],
    ]);
    expect(JSON.stringify(audit.map((e) => e.meta))).not.toContain("Send the form");
  });

  test("an edit changes text, due day, owner and repeat; the timeline names what changed; an edit that changes nothing adds no event", async () => {
    const w = await world();
    const { id } = await step(w.mine, "Call the lawyer", w.worker.id, 5, w.worker.id);
    const edit = async (fields: Record<string, string>) =>
      editNextStep(
        w.cw,
        EditNextStepSchema.parse({ ...(await ref(w.mine)), stepId: id, text: "Call the lawyer", dueOn: isoDay(5), ...fields }),
      );
    await edit({ text: "Call the lawyer again", dueOn: isoDay(2), ownerId: w.coordinator.id, repeatDays: "14" });
    const row = (await caseState(w.mine.id)).nextSteps[0]!;
    expect(row).toMatchObject({ text: "Call the lawyer again", dueOn: day(2), ownerId: w.coordinator.id, repeatDays: 14 });
    expect((await db().case.findUniqueOrThrow({ where: { id: w.mine.id } })).nextStepDueOn).toEqual(day(2));

    const before = (await getCaseDetail(w.cw, w.mine.code)).timeline.length;
    await edit({ text: "Call the lawyer again", dueOn: isoDay(2), ownerId: w.coordinator.id, repeatDays: "14" });
    const timeline = (await getCaseDetail(w.cw, w.mine.code)).timeline;
    expect(timeline.length).toBe(before);
    expect(timeline.find((e) => e.type === "NEXT_STEP_CHANGED")?.detail).toMatchObject({ changed: "text,due,owner,repeat" });
    await expect(edit({ ownerId: w.other.id })).rejects.toBeInstanceOf(InvalidInputError);
  });

  test("a recurring check-in, done, is followed by the same task for the same owner, due that many days after the day it was done", async () => {
    const w = await world();
    await addNextStep(
      w.cw,
      AddNextStepSchema.parse({
        ...(await ref(w.mine)),
        text: "Check in with him",
        dueOn: isoDay(-2),
        repeatDays: "7",
        ownerId: w.coordinator.id,
      }),
    );
    const first = (await caseState(w.mine.id)).nextSteps[0]!;
    await completeNextStep(w.cw, { ...(await ref(w.mine)), stepId: first.id });
    const steps = (await caseState(w.mine.id)).nextSteps;
    const next = steps.find((s) => s.id !== first.id)!;
    expect(steps).toHaveLength(2);
    expect(next).toMatchObject({ text: "Check in with him", ownerId: w.coordinator.id, repeatDays: 7, doneAt: null, dueOn: day(7) });
    expect((await db().case.findUniqueOrThrow({ where: { id: w.mine.id } })).nextStepDueOn).toEqual(day(7));
  });

  test("a closed case's tasks do not change", async () => {
    const w = await world();
    const closed = await createCase({
      createdById: w.worker.id,
      assignedToId: w.worker.id,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date(),
    });
    const { id } = await step(closed, "Too late", w.worker.id, 1, w.worker.id);
    await expect(completeNextStep(w.cw, { ...(await ref(closed)), stepId: id })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("my tasks and the team board", () => {
  test("my tasks: my open tasks on open cases I may see, overdue first, undated last; other people's and done ones are not there", async () => {
    const w = await world();
    await step(w.mine, "later", w.worker.id, 9, w.worker.id);
    await step(w.mine, "undated", w.worker.id, null, w.worker.id);
    await step(w.mine, "overdue", w.worker.id, -3, w.worker.id);
    await step(w.mine, "the coordinator's", w.coordinator.id, 1, w.worker.id);
    await createNextStep({
      caseId: w.mine.id,
      dataKeyWrapped: w.mine.dataKeyWrapped,
      text: "done",
      ownerId: w.worker.id,
      createdById: w.worker.id,
      doneAt: new Date(),
    });
    // A task left with this caseworker on a case they no longer see (data from before tasks moved with cases).
    await step(w.theirs, "not my case", w.worker.id, 1, w.other.id);

    const mine = await listMyTasks(w.cw);
    expect(mine.tasks.map((t) => [t.text, t.overdue])).toEqual([
      ["overdue", true],
      ["later", false],
      ["undated", false],
    ]);
    expect(mine.total).toBe(3);
    expect((await listMyTasks(w.co)).tasks.map((t) => t.text)).toEqual(["the coordinator's"]);
    const read = (await caseAudit(w.mine.id)).filter((e) => e.action === "case.list_read");
    expect(read.length).toBeGreaterThanOrEqual(2);
    expect((await caseAudit(w.theirs.id)).filter((e) => e.action === "case.list_read")).toEqual([]);
  });

  test("the board counts each owner's open tasks (overdue, this week, later) and lists the overdue and this week's; caseworkers have no board", async () => {
    const w = await world();
    await step(w.mine, "a", w.worker.id, -1, w.worker.id);
    await step(w.mine, "b", w.worker.id, -5, w.worker.id);
    await step(w.mine, "c", w.worker.id, 3, w.worker.id);
    await step(w.mine, "d", w.worker.id, 30, w.worker.id);
    await step(w.mine, "e", w.worker.id, null, w.worker.id);
    const board = await getTaskBoard(w.co, { ownerId: w.worker.id });
    expect(board.owners.find((o) => o.owner?.id === w.worker.id)).toMatchObject({ overdue: 2, dueThisWeek: 1, later: 2 });
    expect(board.tasks.map((t) => t.text)).toEqual(["b", "a", "c"]);
    expect(board.tasks.every((t) => t.owner?.id === w.worker.id)).toBe(true);
    await expect(getTaskBoard(w.cw, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("reassigning from the board", () => {
  test("all or nothing: a task on a case the new owner cannot work stops the whole move", async () => {
    const w = await world();
    const a = await step(w.mine, "a", w.worker.id, -1, w.worker.id);
    const b = await step(w.theirs, "b", w.other.id, -1, w.other.id);
    await expect(reassignTasks(w.co, { stepIds: [a.id, b.id], ownerId: w.other.id })).rejects.toBeInstanceOf(InvalidInputError);
    const owners = await db().nextStep.findMany({ where: { id: { in: [a.id, b.id] } }, select: { ownerId: true } });
    expect(owners.map((o) => o.ownerId).sort()).toEqual([w.worker.id, w.other.id].sort());
  });

  test("to a coordinator: every task moves, each case gets an event and its own entry; a stale board moves nothing", async () => {
    const w = await world();
    const a = await step(w.mine, "a", w.worker.id, -1, w.worker.id);
    const b = await step(w.theirs, "b", w.other.id, -1, w.other.id);
    const mineBefore = await version(w.mine);
    expect(await reassignTasks(w.co, { stepIds: [a.id, b.id], ownerId: w.coordinator.id })).toEqual({ moved: 2 });
    expect(await version(w.mine)).toBe(mineBefore + 1);
    for (const kase of [w.mine, w.theirs]) {
      const entries = (await caseAudit(kase.id)).filter((e) => e.action === "case.next_steps_reassigned");
      expect(entries.map((e) => e.meta)).toEqual([{ fields: ["nextSteps"] }]);
    }
    expect((await listMyTasks(w.co)).tasks.map((t) => t.text).sort()).toEqual(["a", "b"]);

    await db().nextStep.update({ where: { id: b.id }, data: { doneAt: new Date() } });
    await expect(reassignTasks(w.co, { stepIds: [a.id, b.id], ownerId: w.worker.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await db().nextStep.findUniqueOrThrow({ where: { id: a.id } })).ownerId).toBe(w.coordinator.id);
    await expect(reassignTasks(w.cw, { stepIds: [a.id], ownerId: w.worker.id })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
