import { z } from "zod";
import { CaseCodeSchema } from "@/lib/validation/atoms";
import { CaseRef } from "./schema-fields";

/**
 * Merging another case into this one (ADR 031): the other case's code, typed once more as the
 * coordinator read it on the page, so that no click (or forged request) merges the wrong one.
 */
export const MergeCasesSchema = z
  .object({ ...CaseRef, otherCode: CaseCodeSchema, confirmCode: CaseCodeSchema })
  .refine((input) => input.confirmCode === input.otherCode, { path: ["confirmCode"], error: "merge_code_mismatch" })
  .refine((input) => input.otherCode !== input.code, { path: ["otherCode"], error: "merge_same_case" });
export type MergeCasesInput = z.infer<typeof MergeCasesSchema>;
