import type { CaseListFilter } from "@/lib/cases/schemas";
import type { ApplicationStatus, ApplicationType, CaseStatus, JurisdictionRisk } from "@/lib/cases/vocabulary";

/** What the dashboard shows, and apart, what the report needs to round its figures (server-only). */

export interface FigureLink {
  /** Filters of the case list that show exactly the counted cases. */
  filter: Partial<CaseListFilter>;
}

export interface CountRow extends FigureLink {
  key: string;
  count: number;
}

export interface DashboardDTO {
  filter: { from: string; to: string; country?: string; assignee?: string; risk?: string; staleDays: number };
  openTotal: number;
  open: CountRow;
  byStatus: Array<CountRow & { status: Exclude<CaseStatus, "CLOSED"> }>;
  byCountry: Array<CountRow & { country: string; risk: JurisdictionRisk | null }>;
  inDanger: CountRow & { origin: number; extradition: number };
  noTravelDocument: CountRow;
  stale: CountRow;
  overdueSteps: CountRow;
  upcomingAppointments: CountRow;
  /** Open cases whose stay runs out within 14 days (week grain, ADR 020). */
  staysEnding: CountRow;
  /** Open cases with a granted visa whose entry deadline falls within 14 days (week grain, ADR 021). */
  entriesSoon: CountRow;
  caseload: Array<CountRow & { assigneeId: string | null; email: string | null; active: boolean }>;
  newPerWeek: Array<CountRow & { week: string }>;
  closedPerWeek: Array<CountRow & { week: string }>;
  /** Days in each stage over the stays that ended in the period; `cases` is what the link lists. */
  stageDays: Array<FigureLink & { stage: CaseStatus; stays: number; cases: number; median: number; p90: number }>;
  /** People (cases) with an application started in the period, by destination and current status. */
  applications: Array<{
    destination: string;
    byStatus: Partial<Record<ApplicationStatus, CountRow>>;
    total: number;
    approved: number;
    rejected: number;
    approvalRate: number | null;
  }>;
  /**
   * Outcomes of the applications started in the period, by destination and type: people (cases)
   * approved, rejected and still waiting for a decision (submitted, with an appointment, appealed),
   * and the median whole weeks from submission to decision over `decided` applications with both
   * days known, shown only over MIN_MEDIAN_DECISIONS or more (ADR 011, ADR 021).
   */
  outcomes: Array<{
    key: string;
    destination: string;
    type: ApplicationType;
    approved: CountRow;
    rejected: CountRow;
    pending: number;
    decided: number;
    medianWeeks: number | null;
  }>;
}

/** A count with the sum of the record keys of the cases it counts (once per case, or once per stay for stays). */
export interface KeyedCount {
  count: number;
  keySum: bigint;
}

/** The record-key sums of the figures the report exports, by the figure's key in the DTO. Server-only. */
export interface FigureKeys {
  byStatus: Map<string, bigint>;
  byCountry: Map<string, bigint>;
  inDanger: bigint;
  noTravelDocument: bigint;
  stale: bigint;
  overdueSteps: bigint;
  upcomingAppointments: bigint;
  staysEnding: bigint;
  entriesSoon: bigint;
  newPerWeek: Map<string, bigint>;
  closedPerWeek: Map<string, bigint>;
  /** Over the stays that ended in the period: a case's key counts once per stay. */
  stageStays: Map<string, bigint>;
  /**
   * People (cases) with an application started in the period, each counted once per cell: by
   * destination and current status (`${destination} ${status}`), by destination, by status, and all.
   * Someone with applications in two statuses is one person in each status but once in the
   * destination's total, so the totals are counted, not added up.
   */
  applications: {
    cells: Map<string, KeyedCount>;
    byDestination: Map<string, KeyedCount>;
    byStatus: Map<string, KeyedCount>;
    all: KeyedCount;
  };
}
