"use server";

import { requireActor } from "@/lib/auth/session";
import { checkCaseImport, importCases } from "@/lib/cases/import/run";
import { ImportCasesSchema, ImportFileSchema } from "@/lib/cases/import/schemas";
import { formAction } from "@/lib/errors/action";

/** The dry run: what each row would become, or why it is refused. Changes nothing. */
export const checkImportAction = formAction({
  actor: () => requireActor("case:import"),
  schema: ImportFileSchema,
  // The file is the user's own; it is not sent back with a refusal.
  secret: ["csv"],
  run: (input, actor) => checkCaseImport(actor, input.csv),
});

/** The import of the rows the dry run accepted, all or nothing. */
export const importCasesAction = formAction({
  actor: () => requireActor("case:import"),
  schema: ImportCasesSchema,
  secret: ["csv"],
  run: (input, actor) => importCases(actor, input.csv, { expected: input.expected }),
  revalidate: () => ["/cases", "/dashboard"],
});
