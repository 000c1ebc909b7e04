/**
 * Static, deterministic data in the shapes Waypoint's pages show. Computed once when the module
 * loads: the reference pages measure what Next.js and React cost per request, nothing else.
 */

const STATUSES = ["NEW", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "VERIFYING"] as const;
const RISKS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 15);

export type Risk = (typeof RISKS)[number];

/** 250 entries, as the app's country select (ISO 3166 has 249 codes). */
export const COUNTRIES = Array.from({ length: 250 }, (_, i) => {
  const code = String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
  return { code, name: `Country ${code}` };
});

export const STAFF = Array.from({ length: 50 }, (_, i) => ({ id: `user-${i + 1}`, name: `caseworker${i + 1}@load.example` }));

export const NAV = [
  { href: "/", label: "Home" },
  { href: "/dashboard", label: "Dashboard" },
  { href: "/table", label: "Cases" },
  { href: "/case/WP-2222-2222", label: "New case" },
  { href: "/users", label: "Users" },
  { href: "/approvals", label: "Approvals" },
  { href: "/audit", label: "Audit log" },
  { href: "/countries", label: "Countries" },
  { href: "/account", label: "Account" },
];

function codeOf(i: number): string {
  const digits = (1_000_000 + i * 7919).toString(36).toUpperCase().padStart(8, "2").slice(-8);
  return `WP-${digits.slice(0, 4)}-${digits.slice(4)}`;
}

const date = (days: number) => new Date(EPOCH - days * DAY).toISOString().slice(0, 10);

/** The case list's columns: code, status and days in it, country and its risk, risk, assignee, next step, updated. */
export const ROWS = Array.from({ length: 50 }, (_, i) => ({
  code: codeOf(i),
  status: STATUSES[i % STATUSES.length]!,
  daysInStage: (i * 7) % 40,
  country: COUNTRIES[(i * 11) % COUNTRIES.length]!.code,
  countryRisk: RISKS[(i * 3) % RISKS.length]!,
  noTravelDocument: i % 5 === 0,
  risk: RISKS[i % RISKS.length]!,
  assignee: i % 9 === 0 ? null : STAFF[i % STAFF.length]!.name,
  nextStep: i % 4 === 0 ? null : { due: date(i - 20), overdue: i < 20 },
  updated: `${(i % 23) + 1} days ago`,
}));

/** As the app's case codes: WP-XXXX-XXXX. */
export const CASE_CODE = /^WP-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** A case as its page shows it: about as many sections, facts and list entries as a generated case has. */
export function caseOf(code: string) {
  const facts = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ label: `${prefix} ${i + 1}`, value: `${prefix} value ${i + 1}` }));
  const entries = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${i}`,
      title: `${prefix} ${i + 1}`,
      detail: `Entered ${date(i * 3)} by ${STAFF[i]!.name}`,
    }));
  return {
    code,
    status: "IN_THIRD_COUNTRY" as const,
    risk: "HIGH" as Risk,
    country: "KZ",
    nextStatuses: ["APPLYING", "IN_TRANSIT"],
    location: facts("Location", 4),
    movements: entries("Movement", 3),
    documents: entries("Document", 4),
    applications: entries("Application", 2),
    nextSteps: entries("Next step", 3),
    notes: entries("Note", 4),
    profile: facts("Profile", 8),
    legal: facts("Legal", 6),
    vetting: facts("Vetting", 4),
    timeline: entries("Event", 12),
  };
}

export type CaseView = ReturnType<typeof caseOf>;

/**
 * The dashboard's figures at 100,000 cases: six key figures, five tables (cases by stage, by country,
 * per week, days in each stage, applications), the caseload of 50 caseworkers, a reading alert.
 */
export function dashboardOf() {
  const count = (i: number, scale: number) => ((i * 7919) % scale) + 1;
  const stages = STATUSES.map((status, i) => ({ status, open: count(i, 20_000), overdue: count(i, 900), stale: count(i + 3, 700) }));
  return {
    figures: [
      "Open cases",
      "New this week",
      "Overdue next steps",
      "No update for 14+ days",
      "In extradition-risk countries",
      "Unassigned",
    ].map((label, i) => ({ label, value: count(i, 30_000), href: `/table?view=${i}` })),
    stages,
    countries: Array.from({ length: 15 }, (_, i) => ({
      country: COUNTRIES[(i * 11) % COUNTRIES.length]!,
      risk: RISKS[i % RISKS.length]!,
      open: count(i, 9000),
    })),
    weeks: Array.from({ length: 12 }, (_, i) => ({ week: date(i * 7), opened: count(i, 900), closed: count(i + 5, 800) })),
    daysInStage: stages.map((s, i) => ({ status: s.status, median: count(i, 60), p90: count(i, 180) })),
    applications: Array.from({ length: 8 }, (_, i) => ({
      destination: COUNTRIES[(i * 17) % COUNTRIES.length]!.name,
      kind: i % 2 ? "Humanitarian visa" : "Asylum",
      submitted: count(i, 400),
      granted: count(i, 200),
      refused: count(i, 90),
    })),
    caseload: STAFF.map((s, i) => ({ ...s, open: count(i, 2500), overdue: count(i, 40), stale: count(i, 30), critical: count(i, 25) })),
    alert: { account: STAFF[0]!.name, cases: 212, since: date(0) },
  };
}
