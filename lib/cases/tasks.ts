import "server-only";
import { notify } from "@/lib/notifications/notify";
import { todayOf, type Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { NotFoundError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import { assertOpen, caseEvent, mutateCase, type CaseCore } from "./write-pipeline";
import { assertTaskOwner } from "./assignees";
import { earliestOpenStep } from "./due-dates";
import type { AddNextStepInput, EditNextStepInput, NextStepRefInput } from "./task-schemas";
import { nextStepRow } from "./sealed-rows";
import type { CaseKey } from "./sealed";

/**
 * A case's tasks (next steps): what is to be done, by whom, by when. Each change goes through
 * mutateCase (scoped, version-checked, in the timeline, audited by field name) and keeps the case's
 * `next_step_due_on` true. The owner is someone who may work the case: the caseworker it is assigned
 * to or a coordinator (a task given to anyone else would sit on a list for a case they cannot open).
 * The text is sealed with the case key; the due day and who did it are the organisation's own
 * planning, in the clear (SECURITY.md).
 */

const DAY = 86_400_000;

export async function addNextStep(actor: Actor, input: AddNextStepInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertOpen(current);
    const ownerId = input.ownerId ?? current.assignedToId ?? actor.userId;
    await assertTaskOwner(tx, ownerId, current);
    await createStep(
      tx,
      key,
      current,
      { text: input.text, ownerId, dueOn: input.dueOn ?? null, repeatDays: input.repeatDays ?? null },
      actor,
      now,
    );
    await notify(tx, actor.userId, [{ userId: ownerId, kind: "TASK_GIVEN", caseId: current.id }]);
    return {
      patch: { nextStepDueOn: await earliestOpenStep(tx, current.id) },
      events: [caseEvent("NEXT_STEP_ADDED", { due: day(input.dueOn ?? null), repeatDays: input.repeatDays ?? null })],
      audit: { action: "case.next_step_added", fields: ["nextSteps"] },
      result: undefined,
    };
  });
}

/**
 * Done: who and when are kept. A recurring check-in is followed at once by the next one, for the same
 * owner, due `repeatDays` after the day it was done.
 */
export async function completeNextStep(actor: Actor, input: NextStepRefInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertOpen(current);
    const step = await openStep(tx, current, input.stepId, { done: false });
    await tx.nextStep.update({ where: { id: step.id }, data: { doneAt: now, doneById: actor.userId } });
    const repeat = step.repeatDays;
    if (repeat) {
      const text = key.open(caseFieldContext.nextStepText(step.id), step.textEnc);
      const dueOn = new Date(todayOf(actor, now).getTime() + repeat * DAY);
      await createStep(
        tx,
        key,
        current,
        { text, ownerId: step.ownerId ?? current.assignedToId ?? actor.userId, dueOn, repeatDays: repeat },
        actor,
        now,
      );
    }
    return {
      patch: { nextStepDueOn: await earliestOpenStep(tx, current.id) },
      events: [caseEvent("NEXT_STEP_DONE", repeat ? { repeatDays: repeat } : {})],
      audit: { action: "case.next_step_done", fields: ["nextSteps"] },
      result: undefined,
    };
  });
}

/** Undone: a step marked done by mistake is open again (a check-in it started stays). */
export async function reopenNextStep(actor: Actor, input: NextStepRefInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current) => {
    assertOpen(current);
    const step = await openStep(tx, current, input.stepId, { done: true });
    await tx.nextStep.update({ where: { id: step.id }, data: { doneAt: null, doneById: null } });
    return {
      patch: { nextStepDueOn: await earliestOpenStep(tx, current.id) },
      events: [caseEvent("NEXT_STEP_REOPENED")],
      audit: { action: "case.next_step_reopened", fields: ["nextSteps"] },
      result: undefined,
    };
  });
}

/** Changes an open step's text, due day, owner or repeat; the timeline says which of them changed. */
export async function editNextStep(actor: Actor, input: EditNextStepInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current, _now, key) => {
    assertOpen(current);
    const step = await openStep(tx, current, input.stepId, { done: false });
    const ownerId = input.ownerId ?? step.ownerId;
    if (ownerId && ownerId !== step.ownerId) {
      await assertTaskOwner(tx, ownerId, current);
      await notify(tx, actor.userId, [{ userId: ownerId, kind: "TASK_GIVEN", caseId: current.id }]);
    }
    const dueOn = input.dueOn ?? null;
    const repeatDays = input.repeatDays ?? null;
    const changed = [
      key.open(caseFieldContext.nextStepText(step.id), step.textEnc) !== input.text && "text",
      day(step.dueOn) !== day(dueOn) && "due",
      ownerId !== step.ownerId && "owner",
      step.repeatDays !== repeatDays && "repeat",
    ].filter((c): c is string => Boolean(c));
    if (changed.length === 0) return { audit: { action: "case.next_step_changed", fields: ["nextSteps"] }, result: undefined };
    await tx.nextStep.update({
      where: { id: step.id },
      data: { ...nextStepRow(key, { id: step.id, text: input.text }), dueOn, ownerId, repeatDays },
    });
    return {
      patch: { nextStepDueOn: await earliestOpenStep(tx, current.id) },
      events: [caseEvent("NEXT_STEP_CHANGED", { changed: changed.join(",") })],
      audit: { action: "case.next_step_changed", fields: ["nextSteps"] },
      result: undefined,
    };
  });
}

async function createStep(
  tx: Tx,
  key: CaseKey,
  current: CaseCore,
  step: { text: string; ownerId: string; dueOn: Date | null; repeatDays: number | null },
  actor: Actor,
  now: Date,
): Promise<void> {
  await tx.nextStep.create({
    data: {
      ...nextStepRow(key, { text: step.text }),
      caseId: current.id,
      ownerId: step.ownerId,
      dueOn: step.dueOn,
      repeatDays: step.repeatDays,
      createdById: actor.userId,
      createdAt: now,
    },
  });
}

async function openStep(tx: Tx, current: CaseCore, stepId: string, { done }: { done: boolean }) {
  const step = await tx.nextStep.findFirst({
    where: { id: stepId, caseId: current.id, doneAt: done ? { not: null } : null },
    select: { id: true, textEnc: true, ownerId: true, dueOn: true, repeatDays: true },
  });
  if (!step) throw new NotFoundError("next_step");
  return step;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
