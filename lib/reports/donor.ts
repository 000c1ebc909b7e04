import "server-only";
import { stringify } from "csv-stringify/sync";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { minorToDecimal } from "@/lib/budget/money";
import { monthAfter, monthStart, type MonthRange } from "@/lib/budget/schemas";
import { db, Prisma } from "@/lib/db/client";
import { publishCount, publishedNumber, type Cell } from "./disclosure";

/**
 * The donor report (ADR 022): the organisation's totals over whole months, for people who received
 * approved help in them. Every count of people goes through the one disclosure control
 * (./disclosure.ts, ADR 011: cell-key rounding to base 5, "<5" for 1 to 4); rows are in label
 * order. An amount is published only beside a published count of at least MIN_PEOPLE_FOR_AMOUNT
 * people, rounded to a hundred major units, so no amount describes one person's help. Audited.
 */

export const MIN_PEOPLE_FOR_AMOUNT = 10;

const NOTE =
  "People are counted once per row; every count is rounded at random to a multiple of 5 (the cell-key method), the same people always the same way. " +
  "0 means none; <5 means 1 to 4; a total is rounded on its own. Amounts are per currency, never converted, rounded to 100, and shown only where at least 10 people received that kind of help.";

type Row = string[];
interface KeyedRow {
  label: string;
  count: number;
  keySum: bigint;
}

const cell = (r: { count: number; keySum: bigint }): Cell => ({ count: r.count, keySum: r.keySum });

/** The people (cases) with approved help in the period, as a SQL subquery. */
function helped(range: MonthRange): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT a.case_id FROM assistance a
    WHERE a.status = 'APPROVED' AND a.month >= ${monthStart(range.from)} AND a.month < ${monthAfter(range.to)}`;
}

async function keyed(sql: Prisma.Sql): Promise<KeyedRow[]> {
  const rows = await db().$queryRaw<Array<{ label: string; count: bigint; key_sum: bigint | null }>>(sql);
  return rows
    .map((r) => ({ label: r.label, count: Number(r.count), keySum: BigInt(r.key_sum ?? 0) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** What a section counts; the printable page names its rows in the reader's language by it. */
export type DonorSectionId = "people" | "stage" | "countriesLeft" | "visas" | "assistanceType";

export interface DonorReport {
  period: MonthRange;
  /** Rows start with a code (a status, a country, a kind of help); the CSV keeps the codes. */
  sections: Array<{ id: DonorSectionId; title: string; header: Row; rows: Row[] }>;
}

/** The figures as they may leave the organisation (coordinators: `report:export`); audits `report.donor_exported`. */
export async function buildDonorReport(actor: Actor, range: MonthRange): Promise<DonorReport> {
  assertCan(actor, "report:export");
  const people = helped(range);
  const [total, byStage, countriesLeft, visas, byType, amounts] = await Promise.all([
    keyed(Prisma.sql`SELECT 'all' AS label, count(*) AS count, sum(c.record_key) AS key_sum FROM cases c WHERE c.id IN (${people})`),
    keyed(Prisma.sql`SELECT (CASE WHEN c.status = 'CLOSED' THEN c.status_before_close ELSE c.status END)::text AS label,
      count(*) AS count, sum(c.record_key) AS key_sum FROM cases c WHERE c.id IN (${people}) GROUP BY 1`),
    keyed(Prisma.sql`SELECT m.country::text AS label, count(*) AS count, sum(c.record_key) AS key_sum
      FROM (SELECT DISTINCT case_id, country FROM movements WHERE left_week IS NOT NULL AND case_id IN (${people})) m
      JOIN cases c ON c.id = m.case_id GROUP BY 1`),
    keyed(Prisma.sql`SELECT v.destination_country::text AS label, count(*) AS count, sum(c.record_key) AS key_sum
      FROM (SELECT DISTINCT case_id, destination_country FROM applications
            WHERE status = 'APPROVED' AND type IN ('VISA', 'HUMANITARIAN_VISA') AND case_id IN (${people})) v
      JOIN cases c ON c.id = v.case_id GROUP BY 1`),
    keyed(Prisma.sql`SELECT t.type::text AS label, count(*) AS count, sum(c.record_key) AS key_sum
      FROM (SELECT DISTINCT case_id, type FROM assistance
            WHERE status = 'APPROVED' AND month >= ${monthStart(range.from)} AND month < ${monthAfter(range.to)}) t
      JOIN cases c ON c.id = t.case_id GROUP BY 1`),
    db().assistance.groupBy({
      by: ["type", "currency"],
      where: { status: "APPROVED", month: { gte: monthStart(range.from), lt: monthAfter(range.to) } },
      _sum: { amountMinor: true },
    }),
  ]);
  const amountOf = (type: string, published: string): string => {
    const n = publishedNumber(published);
    if (n === null || n < MIN_PEOPLE_FOR_AMOUNT) return "";
    return amounts
      .filter((a) => a.type === type)
      .sort((a, b) => (a.currency < b.currency ? -1 : 1))
      .map((a) => `${a.currency} ${minorToDecimal(Math.round((a._sum.amountMinor ?? 0) / 10_000) * 10_000)}`)
      .join("; ");
  };
  const counted = (rows: KeyedRow[]) => rows.map((r) => [r.label, publishCount(cell(r))]);
  const report: DonorReport = {
    period: range,
    sections: [
      {
        id: "people",
        title: "People helped",
        header: ["", "People"],
        rows: [["All", publishCount(cell(total[0] ?? { count: 0, keySum: 0n }))]],
      },
      { id: "stage", title: "People helped, by stage reached", header: ["Stage", "People"], rows: counted(byStage) },
      { id: "countriesLeft", title: "Countries left by the people helped", header: ["Country", "People"], rows: counted(countriesLeft) },
      {
        id: "visas",
        title: "Visas obtained by the people helped, by destination",
        header: ["Destination", "People"],
        rows: counted(visas),
      },
      {
        id: "assistanceType",
        title: "Help given, by kind",
        header: ["Kind", "People", "Amount"],
        rows: byType.map((r) => {
          const published = publishCount(cell(r));
          return [r.label, published, amountOf(r.label, published)];
        }),
      },
    ],
  };
  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.userId,
      action: "report.donor_exported",
      targetType: "system",
      meta: { from: range.from, to: range.to },
    }),
  );
  return report;
}

/** The report as CSV, with its period and note. */
export function donorCsv(report: DonorReport, asOf = new Date()): { filename: string; csv: string } {
  const rows: Row[] = [
    ["Waypoint donor report"],
    ["Period", report.period.from, report.period.to],
    ["Generated at", asOf.toISOString()],
    ["Note", NOTE],
  ];
  for (const s of report.sections) rows.push([], [s.title], s.header, ...s.rows);
  return { filename: `waypoint-donor-report-${report.period.from}-to-${report.period.to}.csv`, csv: stringify(rows) };
}
