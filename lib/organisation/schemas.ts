import { z } from "zod";

/** The freeze form's own field: freezing needs it, so a call that lacks it (a stray or replayed request) changes nothing. */
export const FreezeSchema = z.object({ confirm: z.literal("FREEZE", { error: "invalid" }) });
