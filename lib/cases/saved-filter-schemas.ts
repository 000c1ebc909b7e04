import { z } from "zod";
import { UuidSchema } from "@/lib/validation/atoms";
import { screenedText } from "./schema-fields";

/**
 * Saving a view of the case list: a name the user types (screened: a name like "Ivan's family" is
 * refused as an identifier would be anywhere else) and the list's query string as the page had it,
 * which the server parses again (lib/cases/saved-filters.ts) and keeps only the structured filters of.
 */
export const SaveFilterSchema = z.object({
  name: screenedText(60).pipe(z.string().min(1, { error: "required" })),
  query: z.string().max(2000, { error: "too_long" }).default(""),
});
export type SaveFilterInput = z.infer<typeof SaveFilterSchema>;

export const DeleteSavedFilterSchema = z.object({ id: UuidSchema });
