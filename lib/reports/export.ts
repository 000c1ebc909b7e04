import "server-only";
import { stringify } from "csv-stringify/sync";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { APPLICATION_STATUSES } from "@/lib/cases/vocabulary";
import { getDashboardFigures } from "@/lib/dashboard/cache";
import type { DashboardFilter } from "@/lib/dashboard/schemas";
import { db } from "@/lib/db/client";
import { isSmall, publish, suppressTable } from "./suppression";

/**
 * The aggregate report that may leave the organisation (partners, funders): the dashboard's tables,
 * never a case-level row, never a contact channel, note, code or staff name, with small-cell
 * suppression applied. Each export is audited.
 */

type Row = string[];

function section(title: string, header: Row, body: Row[]): Row[] {
  return [[], [title], header, ...body];
}

/** A one-column table with a total row, suppressed as a column with a published total. */
function countTable(title: string, header: Row, rows: Array<{ labels: string[]; count: number }>): Row[] {
  const s = suppressTable(rows.map((r) => [r.count]), { rowTotals: false, colTotals: true });
  const total = rows.reduce((a, r) => a + r.count, 0);
  return section(title, header, [
    ...rows.map((r, i) => [...r.labels, publish(r.count, s.cells[i]![0]!)]),
    [...Array(header.length - 2).fill(""), "Total", publish(total, s.colTotals[0]!)],
  ]);
}

export async function buildAggregateReport(actor: Actor, filter: DashboardFilter, now = new Date()): Promise<{ filename: string; csv: string }> {
  assertCan(actor, "report:export");
  // Computed for this download; simultaneous downloads of the same report share one computation.
  const { data: d, asOf } = await getDashboardFigures(actor, filter, now, { fresh: true });
  const rows: Row[] = [
    ["Waypoint aggregate report"],
    ["Period", d.filter.from, d.filter.to],
    ["Generated at", asOf.toISOString()],
    ["Filters", `country=${d.filter.country ?? "any"}`, `risk=${d.filter.risk ?? "any"}`, `caseworker=${d.filter.assignee ? "one caseworker" : "any"}`],
    ["Note", "Counts from 1 to 4 are written <5. Where a total would reveal such a count, another cell is hidden as well. Open-case figures are as of the generation time; weekly figures, stage durations and applications cover the period."],
  ];

  rows.push(...countTable("Open cases by status", ["Status", "Cases"], d.byStatus.map((r) => ({ labels: [r.status], count: r.count }))));
  rows.push(...countTable("Open cases by current country", ["Country", "Jurisdiction risk", "Cases"], d.byCountry.map((r) => ({ labels: [r.country, r.risk ?? "not recorded"], count: r.count }))));
  // "In danger" is the sum of the ORIGIN and EXTRADITION_RISK rows of the country table, whose total
  // is published too: if either side of that split holds exactly one hidden count, subtraction
  // would give it away, so the figure is hidden as well.
  const countryHidden = suppressTable(d.byCountry.map((r) => [r.count]), { rowTotals: false, colTotals: true }).cells.map((c) => c[0]!);
  const hiddenCountries = (danger: boolean) => d.byCountry.filter((r, i) => countryHidden[i] && (r.risk === "ORIGIN" || r.risk === "EXTRADITION_RISK") === danger).length;
  const dangerHidden = isSmall(d.inDanger.count) || (d.inDanger.count > 0 && (hiddenCountries(true) === 1 || hiddenCountries(false) === 1));
  rows.push(
    ...section("Key figures (open cases)", ["Figure", "Cases"], [
      ["In an extradition-risk or origin country", publish(d.inDanger.count, dangerHidden)],
      ["Without a valid travel document", publish(d.noTravelDocument.count, isSmall(d.noTravelDocument.count))],
      [`No update for ${d.filter.staleDays}+ days`, publish(d.stale.count, isSmall(d.stale.count))],
      ["With an overdue next step", publish(d.overdueSteps.count, isSmall(d.overdueSteps.count))],
      ["With an appointment in the next 7 days", publish(d.upcomingAppointments.count, isSmall(d.upcomingAppointments.count))],
    ]),
  );
  rows.push(...countTable("New cases per week", ["Week starting", "Cases"], d.newPerWeek.map((r) => ({ labels: [r.week], count: r.count }))));
  rows.push(...countTable("Closed cases per week", ["Week starting", "Cases"], d.closedPerWeek.map((r) => ({ labels: [r.week], count: r.count }))));
  rows.push(
    ...section(
      "Days in each stage (stays that ended in the period)",
      ["Stage", "Stays", "Median days", "90th percentile days"],
      // A median of fewer than five stays could describe one person's journey: not shown.
      d.stageDays.map((r) => (r.stays >= 5 ? [r.stage, String(r.stays), String(r.median), String(r.p90)] : [r.stage, publish(r.stays, r.stays > 0), "", ""])),
    ),
  );

  const destinations = d.applications.map((a) => a.destination);
  const cells = d.applications.map((a) => APPLICATION_STATUSES.map((s) => a.byStatus[s]?.count ?? 0));
  const s = suppressTable(cells, { rowTotals: true, colTotals: true });
  const colTotals = APPLICATION_STATUSES.map((_, j) => cells.reduce((sum, row) => sum + row[j]!, 0));
  const grand = colTotals.reduce((a, b) => a + b, 0);
  rows.push(
    ...section(
      "People with an application started in the period, by destination and current status",
      ["Destination", ...APPLICATION_STATUSES, "Total", "Approval rate"],
      [
        ...destinations.map((destination, i) => {
          const row = cells[i]!;
          const approvedAt = APPLICATION_STATUSES.indexOf("APPROVED");
          const rejectedAt = APPLICATION_STATUSES.indexOf("REJECTED");
          const decided = row[approvedAt]! + row[rejectedAt]!;
          const rateShown = decided >= 5 && !s.cells[i]![approvedAt] && !s.cells[i]![rejectedAt];
          return [
            destination,
            ...row.map((count, j) => publish(count, s.cells[i]![j]!)),
            publish(row.reduce((a, b) => a + b, 0), s.rowTotals[i]!),
            rateShown ? `${Math.round((row[approvedAt]! / decided) * 100)}%` : "",
          ];
        }),
        ["Total", ...colTotals.map((count, j) => publish(count, s.colTotals[j]!)), publish(grand, s.grandTotal), ""],
      ],
    ),
  );

  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.userId,
      action: "report.exported",
      targetType: "system",
      meta: { from: d.filter.from, to: d.filter.to, country: d.filter.country ?? null, risk: d.filter.risk ?? null, caseworker: d.filter.assignee ?? null },
    }),
  );
  return { filename: `waypoint-report-${d.filter.from}-to-${d.filter.to}.csv`, csv: stringify(rows) };
}

