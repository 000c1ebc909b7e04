import { exportAuditLog } from "@/lib/audit/inspection";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { csvExport } from "@/lib/http/csv-response";

// POST /admin/audit/export with the log's filters as form fields (actor, action, target, from, to):
// the filtered audit log as CSV (admins), itself audited. POST only, like every export (see
// app/(app)/dashboard/export/route.ts): a GET gets Next.js' 405 and writes nothing.
export const dynamic = "force-dynamic";

export const POST = csvExport("audit:read", AuditFilterSchema, exportAuditLog);
