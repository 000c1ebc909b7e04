"use server";

import { requireActor } from "@/lib/auth/session";
import { bulkReassign } from "@/lib/cases/reassignment";
import { BulkReassignSchema } from "@/lib/cases/schemas";
import { formAction } from "@/lib/errors/action";

export const bulkReassignAction = formAction({
  actor: () => requireActor("case:bulkReassign"),
  schema: BulkReassignSchema,
  // The ticked rows: none, one or many `cases` fields.
  read: (fields) => ({ ...fields, cases: [fields.cases ?? []].flat() }),
  run: (input, actor) => bulkReassign(actor, input),
  revalidate: () => ["/cases", "/dashboard"],
});
