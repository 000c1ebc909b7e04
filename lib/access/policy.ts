/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Who may do what, as data: role → permissions. Pages, server actions and route handlers ask for a
 * permission through the data-access layer (`requireActor("case:read")`); nothing checks a role inline.
 * Which *case* a permitted user may touch is decided separately, in lib/cases/scope.ts.
 *
 * Separation of duties (PRODUCT.md): admins manage people and the system but never read case contents.
 * The contact channel and note text are for the assigned caseworker only (coordinators see that notes
 * exist, not what they say): the fewer people can read them, the less a stolen account can leak.
 */

export const ROLES = ["CASEWORKER", "COORDINATOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** What everyone who works on cases may do (caseworkers on their own cases, coordinators on all). */
const CASE_WORK = [
  "case:list",
  "case:read",
  "case:create",
  "case:update",
  "case:changeStatus",
  "case:close",
  "case:verify",
  "task:list",
  "notification:read",
] as const;
/** The assigned caseworker's alone: the contact channel and what notes say. */
const CASEWORKER_ONLY = ["case:revealContact", "case:readNotes", "case:addNote", "case:readSupervision", "home:caseworker"] as const;
/** Running the team: reopening, assigning, resolving concerns, vouching (support letters), approving access, the figures, the application checklists, the team's tasks, a case's audit trail, asking for a case to be erased and freezing the organisation (a second coordinator approves an erasure or a lift), opening an outreach window after an arrest (ADR 028), importing a spreadsheet of cases (ADR 029), seeing possible duplicates and merging them (ADR 031). */
const COORDINATION = [
  "case:reopen",
  "case:assign",
  "case:resolveConcern",
  "case:bulkReassign",
  "case:issueLetter",
  "access:approve",
  "alerts:clear",
  "dashboard:view",
  "report:export",
  "budget:manage",
  "assistance:approve",
  "checklist:manage",
  "task:board",
  "task:reassign",
  "case:supervise",
  "case:erase",
  "case:readTrail",
  "org:freeze",
  "case:import",
  "case:merge",
  "case:outreach",
] as const;
/** Seeing who asked for access and whose reading looks wrong: coordinators and admins both. */
const OVERSIGHT = ["access:view", "alerts:view"] as const;
/** People and the system (the organisation's time zone, ADR 030), never case contents (separation of duties). */
const ADMINISTRATION = ["user:manage", "session:revokeAll", "audit:read", "country:manage", "lawyer:manage", "org:settings"] as const;

export const PERMISSIONS = [...CASE_WORK, ...CASEWORKER_ONLY, ...COORDINATION, ...OVERSIGHT, ...ADMINISTRATION, "account:self"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const POLICY: Readonly<Record<Role, readonly Permission[]>> = {
  CASEWORKER: [...CASE_WORK, ...CASEWORKER_ONLY, "account:self"],
  COORDINATOR: [...CASE_WORK, ...COORDINATION, ...OVERSIGHT, "account:self"],
  ADMIN: [...ADMINISTRATION, ...OVERSIGHT, "account:self"],
};

export function can(role: Role, permission: Permission): boolean {
  return POLICY[role].includes(permission);
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case "CASEWORKER":
      return "/home";
    case "COORDINATOR":
      return "/dashboard";
    case "ADMIN":
      return "/admin/users";
  }
}
