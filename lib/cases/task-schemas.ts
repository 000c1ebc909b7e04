import { z } from "zod";
import { DateOnlySchema, optionalField, UuidSchema } from "@/lib/validation/atoms";
import { CaseRef, screenedText } from "./schema-fields";

/** The inputs about a case's tasks (next steps), as the server parses them (ADR 024). */

/** A recurring check-in's interval: every 1 to 90 days, or none. */
const RepeatDays = optionalField(
  z.coerce
    .number({ error: "invalid_days" })
    .int({ error: "invalid_days" })
    .min(1, { error: "invalid_days" })
    .max(90, { error: "invalid_days" }),
);

export const AddNextStepSchema = z.object({
  ...CaseRef,
  text: screenedText(300).pipe(z.string().min(1, { error: "required" })),
  ownerId: optionalField(UuidSchema),
  dueOn: optionalField(DateOnlySchema),
  repeatDays: RepeatDays,
});
export type AddNextStepInput = z.infer<typeof AddNextStepSchema>;

/** Marking a step done or open again names it. */
export const NextStepRefSchema = z.object({ ...CaseRef, stepId: UuidSchema });
export type NextStepRefInput = z.infer<typeof NextStepRefSchema>;

/** An edit sends the whole step as the form shows it: an empty due day or repeat clears it. */
export const EditNextStepSchema = z.object({
  ...CaseRef,
  stepId: UuidSchema,
  text: screenedText(300).pipe(z.string().min(1, { error: "required" })),
  ownerId: optionalField(UuidSchema),
  dueOn: optionalField(DateOnlySchema),
  repeatDays: RepeatDays,
});
export type EditNextStepInput = z.infer<typeof EditNextStepSchema>;
