import { PostedMonthRangeSchema } from "@/lib/budget/schemas";
import { csvExport } from "@/lib/http/csv-response";
import { buildDonorReport, donorCsv } from "@/lib/reports/donor";

// POST /budget/donor-report/csv with `from` and `to` (YYYY-MM): the donor report as CSV
// (coordinators), audited. POST only, like /dashboard/export: an export writes an audit entry.
export const dynamic = "force-dynamic";

export const POST = csvExport("report:export", PostedMonthRangeSchema, async (actor, range) =>
  donorCsv(await buildDonorReport(actor, range)),
);
