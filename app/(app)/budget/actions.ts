"use server";

import { requireActor } from "@/lib/auth/session";
import { createBudgetLine, updateBudgetLine } from "@/lib/budget/lines";
import { CreateBudgetLineSchema, UpdateBudgetLineSchema } from "@/lib/budget/schemas";
import { formAction } from "@/lib/errors/action";

export const createBudgetLineAction = formAction({
  actor: () => requireActor("budget:manage"),
  schema: CreateBudgetLineSchema,
  run: async (input, actor) => {
    await createBudgetLine(actor, input);
  },
  revalidate: () => ["/budget"],
});

export const updateBudgetLineAction = formAction({
  actor: () => requireActor("budget:manage"),
  schema: UpdateBudgetLineSchema,
  run: (input, actor) => updateBudgetLine(actor, input),
  revalidate: () => ["/budget"],
});
