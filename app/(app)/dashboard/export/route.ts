import { requireActor } from "@/lib/auth/session";
import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { errorResponse } from "@/lib/errors/http";
import { buildAggregateReport } from "@/lib/reports/export";

// GET /dashboard/export?from=…&to=…&country=…: the aggregate CSV (coordinators), audited.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("report:export");
    const filter = DashboardFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
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
