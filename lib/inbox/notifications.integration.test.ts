import { describe, expect, test } from "vitest";
import { assignCase, updateProfile } from "@/lib/cases/mutations";
import { UpdateProfileSchema } from "@/lib/cases/schemas";
import { addNextStep } from "@/lib/cases/records";
import { AddNextStepSchema } from "@/lib/cases/task-schemas";
import { bulkReassign } from "@/lib/cases/reassignment";
import { watchReading } from "@/lib/alerts/reading-monitor";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { caseAudit } from "@/lib/testing/case-state";
import { actorFor, createCase, createNextStep, createUser, type CreatedCase } from "@/lib/testing/factories";
import { reassignTasks } from "@/lib/tasks/reassign";
import { raiseDueTaskNotifications } from "@/lib/notifications/due-tasks";
import { countUnreadNotifications, listNotifications, markNotificationsRead, UNREAD_SHOWN_UP_TO } from "./queries";

const DAY = 86_400_000;
const day = (days: number) => new Date(`${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`);
const version = async (kase: CreatedCase) =>
  (await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { version: true } })).version;
const rowsOf = (userId: string) =>
  db().notification.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { kind: true, caseId: true, count: true, readAt: true },
  });

async function world() {
  const worker = await createUser({ role: "CASEWORKER" });
  const other = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
  return { worker, other, coordinator, kase, cw: await actorFor(worker), co: await actorFor(coordinator), otherCw: await actorFor(other) };
}

describe("notifications raised with the change", () => {
  test("a task given by someone else tells its owner; one's own task tells nobody; the words carry no case fact", async () => {
    const w = await world();
    await addNextStep(
      w.co,
      AddNextStepSchema.parse({ code: w.kase.code, version: String(await version(w.kase)), text: "Call the lawyer" }),
    );
    await addNextStep(w.cw, AddNextStepSchema.parse({ code: w.kase.code, version: String(await version(w.kase)), text: "Call back" }));
    expect(await rowsOf(w.worker.id)).toEqual([{ kind: "TASK_GIVEN", caseId: w.kase.id, count: 1, readAt: null }]);
    const row = await db().notification.findFirstOrThrow({ where: { userId: w.worker.id } });
    expect(JSON.stringify(row)).not.toContain("Call the lawyer");
  });

  test("a case assigned, alone or in bulk, tells the new caseworker; a refused board move tells nobody", async () => {
    const w = await world();
    await assignCase(w.co, { code: w.kase.code, version: await version(w.kase), assigneeId: w.other.id });
    const second = await createCase({ createdById: w.worker.id, assignedToId: w.worker.id });
    await bulkReassign(w.co, { cases: [{ code: second.code, version: await version(second) }], assigneeId: w.other.id });
    expect((await rowsOf(w.other.id)).map((r) => [r.kind, r.caseId])).toEqual([
      ["CASE_ASSIGNED", w.kase.id],
      ["CASE_ASSIGNED", second.id],
    ]);

    const theirs = await createCase({ createdById: w.worker.id, assignedToId: w.worker.id });
    const step = await createNextStep({
      caseId: theirs.id,
      dataKeyWrapped: theirs.dataKeyWrapped,
      text: "x",
      ownerId: w.worker.id,
      createdById: w.worker.id,
    });
    // The other caseworker cannot work this case: nothing moves, and nobody is told.
    await expect(reassignTasks(w.co, { stepIds: [step.id], ownerId: w.other.id })).rejects.toThrow();
    expect(await rowsOf(w.other.id)).toHaveLength(2);
    await reassignTasks(w.co, { stepIds: [step.id], ownerId: w.coordinator.id });
    expect(await rowsOf(w.coordinator.id)).toEqual([]); // a coordinator giving a task to themselves
    const colleague = await createUser({ role: "COORDINATOR" });
    await reassignTasks(w.co, { stepIds: [step.id], ownerId: colleague.id });
    expect(await rowsOf(colleague.id)).toEqual([{ kind: "TASK_GIVEN", caseId: theirs.id, count: 1, readAt: null }]);
  });
});

describe("a case I work, changed by someone else", () => {
  test("one notification per case, unread again and counted with each change; not for my own changes, a task already told, or a reassignment", async () => {
    const w = await world();
    const changed = async () => (await rowsOf(w.worker.id)).filter((r) => r.kind === "CASE_CHANGED");
    const profile = async (actor: typeof w.co, peopleTravelling: number) =>
      updateProfile(
        actor,
        UpdateProfileSchema.parse({
          code: w.kase.code,
          version: String(await version(w.kase)),
          ageBand: "AGE_25_34",
          serviceCategory: "MOBILISED",
          peopleTravelling,
          language: "ru",
          riskLevel: "HIGH",
        }),
      );
    await profile(w.cw, 2);
    expect(await changed()).toEqual([]);
    await profile(w.co, 3);
    await profile(w.co, 4);
    expect(await changed()).toEqual([{ kind: "CASE_CHANGED", caseId: w.kase.id, count: 2, readAt: null }]);
    await markNotificationsRead(w.cw, {});
    await profile(w.co, 5);
    expect(await changed()).toEqual([{ kind: "CASE_CHANGED", caseId: w.kase.id, count: 1, readAt: null }]);
    // A task given to them by the change: told once, as a task.
    await markNotificationsRead(w.cw, {});
    await addNextStep(w.co, AddNextStepSchema.parse({ code: w.kase.code, version: String(await version(w.kase)), text: "Call" }));
    expect((await rowsOf(w.worker.id)).filter((r) => r.readAt === null).map((r) => r.kind)).toEqual(["TASK_GIVEN"]);
    // Reassigned: the new caseworker is told of the assignment, the old one of nothing more.
    await markNotificationsRead(w.cw, {});
    await assignCase(w.co, { code: w.kase.code, version: await version(w.kase), assigneeId: w.other.id });
    expect((await rowsOf(w.worker.id)).filter((r) => r.readAt === null)).toEqual([]);
    expect((await rowsOf(w.other.id)).map((r) => r.kind)).toEqual(["CASE_ASSIGNED"]);
  });
});

describe("told to whoever may act", () => {
  test("a reading alert tells every active coordinator at once, never the reader; it names no case and leads to the dashboard's alerts", async () => {
    const reader = await createUser({ role: "CASEWORKER" });
    const coordinator = await createUser({ role: "COORDINATOR" });
    const away = await createUser({ role: "COORDINATOR", status: "DEACTIVATED" });
    const cases: CreatedCase[] = [];
    for (let i = 0; i < 3; i++) cases.push(await createCase({ createdById: reader.id, assignedToId: reader.id }));
    process.env.READ_ALERT_CASES = "2";
    resetEnvCache();
    try {
      await db().$transaction((tx) => watchReading(tx, reader.id, { kind: "CASE_READS", caseIds: cases.map((c) => c.id) }, new Date()));
    } finally {
      delete process.env.READ_ALERT_CASES;
      resetEnvCache();
    }
    const of = (userId: string) => db().notification.findMany({ where: { userId, kind: "READING_ALERT" } });
    expect(await of(coordinator.id)).toMatchObject([{ caseId: null, count: 1 }]);
    expect(await of(reader.id)).toHaveLength(0);
    expect(await of(away.id)).toHaveLength(0);
    expect((await listNotifications(await actorFor(coordinator))).filter((n) => n.kind === "READING_ALERT")).toHaveLength(1);
  });
});

describe("tasks due and overdue, on a schedule", () => {
  test("once on the due day and once when overdue, to the owner; not for done tasks, closed cases or later days; never twice, however many run", async () => {
    const w = await world();
    const closed = await createCase({
      createdById: w.worker.id,
      assignedToId: w.worker.id,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date(),
    });
    const step = (kase: CreatedCase, dueIn: number, extra: { doneAt?: Date } = {}) =>
      createNextStep({
        caseId: kase.id,
        dataKeyWrapped: kase.dataKeyWrapped,
        text: "t",
        ownerId: w.worker.id,
        createdById: w.worker.id,
        dueOn: day(dueIn),
        ...extra,
      });
    const today = await step(w.kase, 0);
    const late = await step(w.kase, -4);
    await step(w.kase, 3);
    await step(w.kase, -1, { doneAt: new Date() });
    await step(closed, -1);

    // Two instances at once, then a third run.
    await Promise.all([raiseDueTaskNotifications(), raiseDueTaskNotifications()]);
    await raiseDueTaskNotifications();
    const rows = await rowsOf(w.worker.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(["TASK_DUE", "TASK_OVERDUE"]);
    expect(rows.every((r) => r.caseId === w.kase.id)).toBe(true);

    // The next day the task due today is overdue: told once more; the late one is not told again.
    await raiseDueTaskNotifications(db(), new Date(Date.now() + DAY));
    await raiseDueTaskNotifications(db(), new Date(Date.now() + DAY));
    expect((await rowsOf(w.worker.id)).map((r) => r.kind).sort()).toEqual(["TASK_DUE", "TASK_OVERDUE", "TASK_OVERDUE"]);
    expect([today.id, late.id]).toHaveLength(2);
  });
});

describe("deadlines, on the same schedule", () => {
  test("a stay ending within 14 days and a granted visa's entry deadline within 14 days tell the caseworker once per deadline week; later ones, closed cases and other statuses do not", async () => {
    const w = await world();
    const monday = (days: number) => {
      const d = day(days);
      return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
    };
    await db().case.update({ where: { id: w.kase.id }, data: { stayEndsWeek: monday(7) } });
    const later = await createCase({ createdById: w.worker.id, assignedToId: w.worker.id });
    await db().case.update({ where: { id: later.id }, data: { stayEndsWeek: monday(35) } });
    const closed = await createCase({ createdById: w.worker.id, assignedToId: w.worker.id, status: "CLOSED", statusBeforeClose: "NEW" });
    await db().case.update({ where: { id: closed.id }, data: { stayEndsWeek: monday(0) } });
    const visa = await createCase({ createdById: w.worker.id, assignedToId: w.worker.id });
    await db().application.create({
      data: { caseId: visa.id, type: "VISA", destinationCountry: "DE", status: "APPROVED", entryByWeek: monday(10) },
    });
    await db().application.create({
      data: { caseId: later.id, type: "VISA", destinationCountry: "DE", status: "SUBMITTED", entryByWeek: monday(3) },
    });

    await Promise.all([raiseDueTaskNotifications(), raiseDueTaskNotifications()]);
    const first = await raiseDueTaskNotifications();
    expect(first.deadlines).toBe(0);
    const rows = await rowsOf(w.worker.id);
    expect(rows.map((r) => [r.kind, r.caseId]).sort()).toEqual(
      [
        ["ENTRY_DEADLINE", visa.id],
        ["STAY_ENDING", w.kase.id],
      ].sort(),
    );
    // The stay's end moved to another week: told again.
    await db().case.update({ where: { id: w.kase.id }, data: { stayEndsWeek: monday(0) } });
    expect((await raiseDueTaskNotifications()).deadlines).toBe(1);
    expect((await rowsOf(w.worker.id)).filter((r) => r.kind === "STAY_ENDING")).toHaveLength(2);
  });
});

describe("reading them", () => {
  test("only those about cases the reader may still see; marked read one by one or all; someone else's id changes nothing; the list is audited", async () => {
    const w = await world();
    await db().notification.createMany({
      data: [
        { userId: w.worker.id, kind: "CASE_ASSIGNED", caseId: w.kase.id, dedupeId: crypto.randomUUID() },
        { userId: w.worker.id, kind: "TASK_DUE", caseId: w.kase.id, dedupeId: crypto.randomUUID() },
      ],
    });
    const gone = await createCase({ createdById: w.other.id, assignedToId: w.other.id });
    await db().notification.create({
      data: { userId: w.worker.id, kind: "CASE_ASSIGNED", caseId: gone.id, dedupeId: crypto.randomUUID() },
    });

    expect(await countUnreadNotifications(w.cw)).toBe(2);
    const list = await listNotifications(w.cw);
    expect(list.map((n) => n.code)).toEqual([w.kase.code, w.kase.code]);
    expect((await caseAudit(w.kase.id)).some((e) => e.action === "case.list_read")).toBe(true);
    expect((await caseAudit(gone.id)).some((e) => e.action === "case.list_read")).toBe(false);

    await expect(markNotificationsRead(w.otherCw, { id: list[0]!.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await markNotificationsRead(w.cw, { id: list[0]!.id })).toEqual({ marked: 1 });
    expect(await countUnreadNotifications(w.cw)).toBe(1);
    await markNotificationsRead(w.cw, {});
    expect(await countUnreadNotifications(w.cw)).toBe(0);
  });

  test("a coordinator, who sees every case, is counted and shown every notification about one", async () => {
    const w = await world();
    await db().notification.create({
      data: { userId: w.coordinator.id, kind: "TASK_GIVEN", caseId: w.kase.id, count: 2, dedupeId: crypto.randomUUID() },
    });
    expect(await countUnreadNotifications(w.co)).toBe(1);
    expect((await listNotifications(w.co)).map((n) => [n.kind, n.code, n.count])).toEqual([["TASK_GIVEN", w.kase.code, 2]]);
  });

  test("the shell's count takes notifications about no case, and stops one past what it shows (99+)", async () => {
    const w = await world();
    const gone = await createCase({ createdById: w.other.id, assignedToId: w.other.id });
    const about = (caseId: string | null, n: number) =>
      Array.from({ length: n }, () => ({ userId: w.worker.id, kind: "CASE_CHANGED" as const, caseId, dedupeId: crypto.randomUUID() }));
    await db().notification.createMany({ data: [...about(null, 1), ...about(w.kase.id, 3), ...about(gone.id, 120)] });
    expect(await countUnreadNotifications(w.cw)).toBe(4);
    await db().notification.createMany({ data: about(w.kase.id, UNREAD_SHOWN_UP_TO + 20) });
    expect(await countUnreadNotifications(w.cw)).toBe(UNREAD_SHOWN_UP_TO + 1);
    expect(await countUnreadNotifications(w.otherCw)).toBe(0);
  });
});
