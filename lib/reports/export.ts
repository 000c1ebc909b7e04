import "server-only";
import { stringify } from "csv-stringify/sync";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { APPLICATION_STATUSES, OPEN_STATUSES } from "@/lib/cases/vocabulary";
import { getReportFigures } from "@/lib/dashboard/cache";
import type { KeyedCount } from "@/lib/dashboard/dto";
import type { DashboardFilter } from "@/lib/dashboard/schemas";
import { db } from "@/lib/db/client";
import { publishCount, publishedNumber, unionOf, type Cell } from "./disclosure";
import { wholeIsoWeeks } from "./period";

/**
 * The aggregate report that may leave the organisation (partners, funders): the dashboard's tables,
 * never a case-level row, never a contact channel, note, code or staff name. Every count goes
 * through one disclosure control (./disclosure.ts, ADR 011): random rounding to base 5 driven by
 * the cell key, "<5" for 1 to 4. The period is widened to whole ISO weeks; rows are in label order,
 * never by count (an order by true count would bound the rounded values). Each export is audited.
 */

type Row = string[];

const NOTE =
  "Every count is rounded at random to a multiple of 5 (the cell-key method): the same cases always round the same way, in this and every other report. " +
  "0 means none; <5 means 1 to 4. Each total is rounded on its own, so a table's rows need not add up to its total. " +
  "The period is whole ISO weeks, Monday to Sunday (UTC). Open-case figures are as of the generation time; weekly figures, stays and applications cover the period. " +
  "Medians and percentiles are shown over 10 or more stays, in whole days. Approval rates are computed from the rounded counts, where both are 10 or more.";

/** Medians and percentiles over fewer stays could describe one person's journey. */
export const MIN_STAYS_FOR_MEDIAN = 10;
/** An approval rate is shown only where its rounded approved and rejected counts are both at least this. */
export const MIN_COUNT_FOR_RATE = 10;

function section(title: string, header: Row, body: Row[]): Row[] {
  return [[], [title], header, ...body];
}

const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cell = (count: number, keySum: bigint | undefined): Cell => ({ count, keySum: keySum ?? 0n });

/** A one-column table of disjoint cells in label order, with their union as the total. */
function countTable(title: string, header: Row, rows: Array<{ labels: string[]; cell: Cell }>): Row[] {
  return section(title, header, [
    ...rows.map((r) => [...r.labels, publishCount(r.cell)]),
    [...Array<string>(header.length - 2).fill(""), "Total", publishCount(unionOf(rows.map((r) => r.cell)))],
  ]);
}

function approvalRate(approved: string, rejected: string): string {
  const a = publishedNumber(approved);
  const r = publishedNumber(rejected);
  if (a === null || r === null || a < MIN_COUNT_FOR_RATE || r < MIN_COUNT_FOR_RATE) return "";
  return `${Math.round((a / (a + r)) * 100)}%`;
}

/**
 * The report for `filter`, its period widened to whole ISO weeks. Coordinators only
 * (`report:export`); appends one `report.exported` audit entry with the exported period and filters.
 */
export async function buildAggregateReport(
  actor: Actor,
  filter: DashboardFilter,
  now = new Date(),
): Promise<{ filename: string; csv: string }> {
  assertCan(actor, "report:export");
  // Computed for this download; simultaneous downloads of the same report share one computation.
  const { data: d, keys, asOf } = await getReportFigures(actor, { ...filter, ...wholeIsoWeeks(filter) }, now);
  const rows: Row[] = [
    ["Waypoint aggregate report"],
    ["Period", d.filter.from, d.filter.to],
    ["Generated at", asOf.toISOString()],
    [
      "Filters",
      `country=${d.filter.country ?? "any"}`,
      `risk=${d.filter.risk ?? "any"}`,
      `caseworker=${d.filter.assignee ? "one caseworker" : "any"}`,
    ],
    ["Note", NOTE],
  ];

  // Open cases: one cell per status, per country; both totals are the same cases, so the same figure.
  const statusCount = new Map(d.byStatus.map((r) => [r.status, r.count]));
  rows.push(
    ...countTable(
      "Open cases by status",
      ["Status", "Cases"],
      OPEN_STATUSES.map((s) => ({ labels: [s], cell: cell(statusCount.get(s) ?? 0, keys.byStatus.get(s)) })),
    ),
  );
  rows.push(
    ...countTable(
      "Open cases by current country",
      ["Country", "Jurisdiction risk", "Cases"],
      [...d.byCountry]
        .sort((a, b) => byLabel(a.country, b.country))
        .map((r) => ({ labels: [r.country, r.risk ?? "not recorded"], cell: cell(r.count, keys.byCountry.get(r.country)) })),
    ),
  );
  // Each key figure is its own set of cases. "In danger" is the union of the ORIGIN and
  // EXTRADITION_RISK rows above; rounded on its own, it gives no exact count back.
  rows.push(
    ...section(
      "Key figures (open cases)",
      ["Figure", "Cases"],
      [
        ["In an extradition-risk or origin country", publishCount(cell(d.inDanger.count, keys.inDanger))],
        ["Without a valid travel document", publishCount(cell(d.noTravelDocument.count, keys.noTravelDocument))],
        [`No update for ${d.filter.staleDays}+ days`, publishCount(cell(d.stale.count, keys.stale))],
        ["With an overdue next step", publishCount(cell(d.overdueSteps.count, keys.overdueSteps))],
        ["With an appointment in the next 7 days", publishCount(cell(d.upcomingAppointments.count, keys.upcomingAppointments))],
      ],
    ),
  );
  const weekly = (figures: typeof d.newPerWeek, sums: Map<string, bigint>) =>
    [...figures].sort((a, b) => byLabel(a.week, b.week)).map((r) => ({ labels: [r.week], cell: cell(r.count, sums.get(r.week)) }));
  rows.push(...countTable("New cases per week", ["Week starting", "Cases"], weekly(d.newPerWeek, keys.newPerWeek)));
  rows.push(...countTable("Closed cases per week", ["Week starting", "Cases"], weekly(d.closedPerWeek, keys.closedPerWeek)));
  rows.push(
    ...section(
      "Days in each stage (stays that ended in the period)",
      ["Stage", "Stays", "Median days", "90th percentile days"],
      d.stageDays.map((r) => {
        const stays = publishCount(cell(r.stays, keys.stageStays.get(r.stage)));
        return r.stays >= MIN_STAYS_FOR_MEDIAN
          ? [r.stage, stays, String(Math.round(r.median)), String(Math.round(r.p90))]
          : [r.stage, stays, "", ""];
      }),
    ),
  );

  // People, by destination and current status: each cell, each row and column total and the grand
  // total is its own set of people (someone can be in two statuses, but is one person in the total).
  const apps = keys.applications;
  const people = (c: KeyedCount | undefined) => publishCount(c ?? { count: 0, keySum: 0n });
  const approvedAt = APPLICATION_STATUSES.indexOf("APPROVED");
  const rejectedAt = APPLICATION_STATUSES.indexOf("REJECTED");
  const withRate = (published: string[]) => [...published, approvalRate(published[approvedAt]!, published[rejectedAt]!)];
  rows.push(
    ...section(
      "People with an application started in the period, by destination and current status",
      ["Destination", ...APPLICATION_STATUSES, "Total", "Approval rate"],
      [
        ...d.applications
          .map((a) => a.destination)
          .sort(byLabel)
          .map((destination) => [
            destination,
            ...withRate([
              ...APPLICATION_STATUSES.map((s) => people(apps.cells.get(`${destination} ${s}`))),
              people(apps.byDestination.get(destination)),
            ]),
          ]),
        ["Total", ...withRate([...APPLICATION_STATUSES.map((s) => people(apps.byStatus.get(s))), people(apps.all)])],
      ],
    ),
  );

  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.userId,
      action: "report.exported",
      targetType: "system",
      meta: {
        from: d.filter.from,
        to: d.filter.to,
        country: d.filter.country ?? null,
        risk: d.filter.risk ?? null,
        caseworker: d.filter.assignee ?? null,
      },
    }),
  );
  return { filename: `waypoint-report-${d.filter.from}-to-${d.filter.to}.csv`, csv: stringify(rows) };
}
