import "server-only";
import type { CaseListFilter } from "@/lib/cases/schemas";
import type { ApplicationType } from "@/lib/cases/vocabulary";
import type { Db, Prisma } from "@/lib/db/client";
import type { DashboardDTO } from "./dto";

/**
 * The dashboard's outcomes by destination and type (ADR 021): people approved, rejected and still
 * waiting, and the median whole weeks from submission to decision. The submission and decision days
 * are sealed, so the median runs over the coarse clear `applications.decision_weeks`.
 */

/** A median of weeks to decision is shown only over this many decisions (as medians in ADR 011). */
export const MIN_MEDIAN_DECISIONS = 10;

export interface OutcomeRow {
  destination: string;
  type: ApplicationType;
  approved: number;
  rejected: number;
  pending: number;
  decided: number;
  median_weeks: number | null;
}

/**
 * People counted once per outcome, by destination and type, over the applications started in
 * [from, toExclusive). `casesOf` is the figure statements' join to the reader's cases (or WHERE).
 */
export function outcomeRows(db: Db, casesOf: Prisma.Sql, from: Date, toExclusive: Date) {
  return db.$queryRaw<OutcomeRow[]>`
    SELECT a.destination_country AS destination, a.type,
           count(DISTINCT a.case_id) FILTER (WHERE a.status = 'APPROVED')::int AS approved,
           count(DISTINCT a.case_id) FILTER (WHERE a.status = 'REJECTED')::int AS rejected,
           count(DISTINCT a.case_id) FILTER (WHERE a.status IN ('SUBMITTED', 'APPOINTMENT_SCHEDULED', 'APPEALED'))::int AS pending,
           count(a.decision_weeks)::int AS decided,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY a.decision_weeks)::float AS median_weeks
    FROM applications a ${casesOf} a.created_at >= ${from} AND a.created_at < ${toExclusive}
    GROUP BY 1, 2
    ORDER BY 1, 2`;
}

/** The card's rows in label order (destination, then type), never by count (ADR 011). */
export function outcomesFromRows(rows: OutcomeRow[], scopeLink: Partial<CaseListFilter>, from: Date, to: Date): DashboardDTO["outcomes"] {
  return rows
    .filter((r) => r.approved + r.rejected + r.pending > 0)
    .map((r) => {
      const link = { ...scopeLink, status: "all" as const, appDestination: r.destination, appType: r.type, appFrom: from, appTo: to };
      return {
        key: `${r.destination} ${r.type}`,
        destination: r.destination,
        type: r.type,
        approved: { key: "APPROVED", count: r.approved, filter: { ...link, appStatus: "APPROVED" as const } },
        rejected: { key: "REJECTED", count: r.rejected, filter: { ...link, appStatus: "REJECTED" as const } },
        pending: r.pending,
        decided: r.decided,
        medianWeeks: r.decided >= MIN_MEDIAN_DECISIONS && r.median_weeks !== null ? Math.round(r.median_weeks * 10) / 10 : null,
      };
    });
}
