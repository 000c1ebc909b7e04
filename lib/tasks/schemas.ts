import { z } from "zod";
import { UuidSchema } from "@/lib/validation/atoms";

/** The board's bulk reassignment: the tasks ticked (each named by id) and their new owner. */
export const ReassignTasksSchema = z.object({
  stepIds: z.array(UuidSchema).min(1, { error: "no_task_selected" }).max(200, { error: "too_many" }),
  ownerId: UuidSchema,
});
export type ReassignTasksInput = z.infer<typeof ReassignTasksSchema>;

/** The board's filter: one owner's tasks, or everyone's. */
export const TaskBoardFilterSchema = z.object({ owner: UuidSchema.optional().catch(undefined) });
