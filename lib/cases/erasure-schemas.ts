import { z } from "zod";
import { CaseCodeSchema } from "@/lib/validation/atoms";
import { CaseRef } from "./schema-fields";

/**
 * Asking for a case to be erased: its code typed once more, as the person asking read it on the
 * page, so that no click on the wrong case (or a forged request that only knows the version) asks.
 */
export const RequestErasureSchema = z
  .object({ ...CaseRef, confirmCode: CaseCodeSchema })
  .refine((input) => input.confirmCode === input.code, { path: ["confirmCode"], error: "erasure_code_mismatch" });
export type RequestErasureInput = z.infer<typeof RequestErasureSchema>;
