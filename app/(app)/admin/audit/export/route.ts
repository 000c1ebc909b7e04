import { exportAuditLog } from "@/lib/audit/inspection";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { requireActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors/http";
import { postedFields } from "@/lib/security/form-post";

// POST /admin/audit/export with the log's filters as form fields (actor, action, target, from, to):
// the filtered audit log as CSV (admins), itself audited. POST only, like every export (see
// app/(app)/dashboard/export/route.ts): a GET gets Next.js' 405 and writes nothing.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("audit:read");
    const filter = AuditFilterSchema.parse(await postedFields(request));
    const { filename, csv } = await exportAuditLog(actor, filter);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
