import { DashboardFilterSchema } from "@/lib/dashboard/schemas";
import { csvExport } from "@/lib/http/csv-response";
import { buildAggregateReport } from "@/lib/reports/export";

// POST /dashboard/export with the dashboard's filters as form fields (from, to, country, assignee,
// risk, staleDays): the aggregate CSV (coordinators), audited. POST only: an export writes an audit
// entry, and a GET could be planted as a link or an image on another site; proxy.ts refuses a POST
// from another origin. A GET gets Next.js' 405 and runs nothing.
export const dynamic = "force-dynamic";

export const POST = csvExport("report:export", DashboardFilterSchema, (actor, filter) => buildAggregateReport(actor, filter));
