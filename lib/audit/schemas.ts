import { z } from "zod";
import { optionalField } from "@/lib/validation/atoms";

/** Filters of /admin/audit, read from the URL. Anything malformed is dropped, not an error. */
export const AuditFilterSchema = z.object({
  actor: optionalField(z.string().trim().toLowerCase().max(254)).catch(undefined),
  action: optionalField(z.string().trim().max(64).regex(/^[a-z_.]+$/)).catch(undefined),
  target: optionalField(z.string().trim().max(254)).catch(undefined),
  from: optionalField(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).catch(undefined),
  to: optionalField(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).catch(undefined),
  before: optionalField(z.string().regex(/^\d{1,19}$/)).catch(undefined),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;
