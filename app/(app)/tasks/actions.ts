"use server";

import { requireActor } from "@/lib/auth/session";
import { completeNextStep } from "@/lib/cases/records";
import { NextStepRefSchema } from "@/lib/cases/task-schemas";
import { formAction } from "@/lib/errors/action";
import { reassignTasks } from "@/lib/tasks/reassign";
import { ReassignTasksSchema } from "@/lib/tasks/schemas";

/** "Done" from a task list: the same change as on the case page. */
export const completeTaskAction = formAction({
  actor: () => requireActor("case:update"),
  schema: NextStepRefSchema,
  run: (input, actor) => completeNextStep(actor, input),
  revalidate: (input) => ["/tasks", "/tasks/board", `/cases/${input.code}`],
});

/** The team board's bulk reassignment: all the ticked tasks, or none. */
export const reassignTasksAction = formAction({
  actor: () => requireActor("task:reassign"),
  schema: ReassignTasksSchema,
  // The ticked rows: none, one or many `stepIds` fields.
  read: (fields) => ({ ...fields, stepIds: [fields.stepIds ?? []].flat() }),
  run: (input, actor) => reassignTasks(actor, input),
  revalidate: () => ["/tasks", "/tasks/board"],
});
