import { z } from "zod";
import { UuidSchema } from "@/lib/validation/atoms";

/** Clearing a reading alert (the dashboard and the audit page show them). */
export const ClearAlertSchema = z.object({ alertId: UuidSchema });
