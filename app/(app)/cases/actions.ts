"use server";

import { requireActor } from "@/lib/auth/session";
import { bulkReassign } from "@/lib/cases/reassignment";
import { BulkReassignSchema } from "@/lib/cases/schemas";
import { formAction } from "@/lib/errors/action";
import { deleteSavedFilter, saveCaseFilter } from "@/lib/cases/saved-filters";
import { DeleteSavedFilterSchema, SaveFilterSchema } from "@/lib/cases/saved-filter-schemas";

export const bulkReassignAction = formAction({
  actor: () => requireActor("case:bulkReassign"),
  schema: BulkReassignSchema,
  // The ticked rows: none, one or many `cases` fields.
  read: (fields) => ({ ...fields, cases: [fields.cases ?? []].flat() }),
  run: (input, actor) => bulkReassign(actor, input),
  revalidate: () => ["/cases", "/dashboard"],
});

/** Saves the list's current filters under a name, for this user only. */
export const saveCaseFilterAction = formAction({
  actor: () => requireActor("case:list"),
  schema: SaveFilterSchema,
  run: (input, actor) => saveCaseFilter(actor, input),
  revalidate: () => ["/cases"],
});

/** Deletes one of this user's saved views. */
export const deleteSavedFilterAction = formAction({
  actor: () => requireActor("case:list"),
  schema: DeleteSavedFilterSchema,
  run: ({ id }, actor) => deleteSavedFilter(actor, id),
  revalidate: () => ["/cases"],
});
