import { z } from "zod";

/**
 * The upload page's two posts: the file's text (read by the browser; under the server-action body
 * limit, so about 1,500 rows: bigger files go through `npm run import`), and for the import the
 * number of cases the dry run showed, which the import must find again.
 */
export const ImportFileSchema = z.object({
  csv: z.string({ error: "required" }).min(1, { error: "required" }).max(250_000, { error: "too_long" }),
});

export const ImportCasesSchema = ImportFileSchema.extend({
  expected: z.coerce.number({ error: "invalid_number" }).int({ error: "invalid_number" }).min(1, { error: "at_least_one" }),
});
