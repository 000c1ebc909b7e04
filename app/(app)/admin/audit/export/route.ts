import { exportAuditLog } from "@/lib/audit/admin";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { requireActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors/http";

// GET /admin/audit/export?actor=…&action=…: the filtered audit log as CSV (admins), itself audited.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("audit:read");
    const filter = AuditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { filename, csv } = await exportAuditLog(actor, filter);
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
