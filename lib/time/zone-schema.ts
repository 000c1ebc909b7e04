import { z } from "zod";
import { isTimeZone } from "./zones";

/** One of TIME_ZONES, never free text: a stored zone is always one the runtime knows (ADR 030). */
export const TimeZoneSchema = z.string().trim().refine(isTimeZone, { error: "invalid_time_zone" });
