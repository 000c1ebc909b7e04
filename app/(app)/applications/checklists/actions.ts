"use server";

import { addChecklistItem, moveChecklistItem, updateChecklistItem } from "@/lib/cases/checklist-items";
import { AddChecklistItemSchema, MoveChecklistItemSchema, UpdateChecklistItemSchema } from "@/lib/cases/checklist-schemas";
import { requireActor } from "@/lib/auth/session";
import { formAction } from "@/lib/errors/action";

export const addChecklistItemAction = formAction({
  actor: () => requireActor("checklist:manage"),
  schema: AddChecklistItemSchema,
  run: async (input, actor) => {
    await addChecklistItem(actor, input);
  },
  revalidate: () => ["/applications/checklists"],
});

export const updateChecklistItemAction = formAction({
  actor: () => requireActor("checklist:manage"),
  schema: UpdateChecklistItemSchema,
  run: async (input, actor) => {
    await updateChecklistItem(actor, input);
  },
  revalidate: () => ["/applications/checklists"],
});

export const moveChecklistItemAction = formAction({
  actor: () => requireActor("checklist:manage"),
  schema: MoveChecklistItemSchema,
  run: async (input, actor) => {
    await moveChecklistItem(actor, input);
  },
  revalidate: () => ["/applications/checklists"],
});
