import { requireActor } from "@/lib/auth/session";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { errorResponse } from "@/lib/errors/http";
import { buildAggregateReport } from "@/lib/reports/export";
import { postedFields } from "@/lib/security/form-post";

// POST /dashboard/export with the dashboard's filters as form fields (from, to, country, assignee,
// risk, staleDays): the aggregate CSV (coordinators), audited. POST only: an export writes an audit
// entry, and a GET could be planted as a link or an image on another site; proxy.ts refuses a POST
// from another origin. A GET gets Next.js' 405 and runs nothing.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("report:export");
    const filter = DashboardFilterSchema.parse(await postedFields(request));
    const { filename, csv } = await buildAggregateReport(actor, filter);
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
