import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { budgetColumn } from "./approval";
import { monthAfter, monthStart, type MonthRange } from "./schemas";

/**
 * The coordinator's budget view (ADR 022): spent (approved) and committed (awaiting approval) per
 * budget line and month, per country and per stage, each per currency (no conversion). Computed in
 * the database (groupBy). Inside the organisation only: exact figures, no case named.
 */

export interface BudgetRow {
  /** The line's label and month, a country code, or a stage. */
  labels: string[];
  currency: string;
  spentMinor: number;
  committedMinor: number;
}

export interface BudgetViewDTO {
  byLineAndMonth: BudgetRow[];
  byCountry: BudgetRow[];
  byStage: BudgetRow[];
  /** Help waiting for a coordinator, with the case it is on (links to the case page). */
  awaiting: Array<{ caseCode: string; type: string; amountMinor: number; currency: string; month: string }>;
}

type Grouped = { currency: string; status: "AWAITING_APPROVAL" | "APPROVED" | "REFUSED"; _sum: { amountMinor: number | null } };

function fold<G extends Grouped>(groups: G[], labelsOf: (g: G) => string[]): BudgetRow[] {
  const rows = new Map<string, BudgetRow>();
  for (const g of groups) {
    const column = budgetColumn(g.status);
    if (!column) continue;
    const labels = labelsOf(g);
    const key = JSON.stringify([...labels, g.currency]);
    const row = rows.get(key) ?? { labels, currency: g.currency, spentMinor: 0, committedMinor: 0 };
    row[column === "spent" ? "spentMinor" : "committedMinor"] += g._sum.amountMinor ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) =>
    JSON.stringify([...a.labels, a.currency]).localeCompare(JSON.stringify([...b.labels, b.currency])),
  );
}

/** The budget over whole months `range.from` to `range.to` (coordinators: `budget:manage`). */
export async function getBudgetView(actor: Actor, range: MonthRange): Promise<BudgetViewDTO> {
  assertCan(actor, "budget:manage");
  const where = { month: { gte: monthStart(range.from), lt: monthAfter(range.to) }, status: { not: "REFUSED" as const } };
  const [lines, byLine, byCountry, byStage, awaiting] = await Promise.all([
    db().budgetLine.findMany({ select: { id: true, label: true } }),
    db().assistance.groupBy({ by: ["budgetLineId", "month", "currency", "status"], where, _sum: { amountMinor: true } }),
    db().assistance.groupBy({ by: ["country", "currency", "status"], where, _sum: { amountMinor: true } }),
    db().assistance.groupBy({ by: ["stage", "currency", "status"], where, _sum: { amountMinor: true } }),
    db().assistance.findMany({
      where: { status: "AWAITING_APPROVAL" },
      orderBy: [{ month: "asc" }, { id: "asc" }],
      take: 100,
      select: { type: true, amountMinor: true, currency: true, month: true, case: { select: { code: true } } },
    }),
  ]);
  const label = new Map(lines.map((l) => [l.id, l.label]));
  return {
    byLineAndMonth: fold(byLine, (g) => [label.get(g.budgetLineId) ?? "", g.month.toISOString().slice(0, 7)]),
    byCountry: fold(byCountry, (g) => [g.country]),
    byStage: fold(byStage, (g) => [g.stage]),
    awaiting: awaiting.map((a) => ({
      caseCode: a.case.code,
      type: a.type,
      amountMinor: a.amountMinor,
      currency: a.currency,
      month: a.month.toISOString().slice(0, 7),
    })),
  };
}
