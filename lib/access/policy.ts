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

export const PERMISSIONS = [
  "case:list",
  "case:read",
  "case:create",
  "case:update",
  "case:changeStatus",
  "case:close",
  "case:reopen",
  "case:assign",
  "case:revealContact",
  "case:readNotes",
  "case:addNote",
  "case:verify",
  "case:resolveConcern",
  "case:bulkReassign",
  "access:view",
  "access:approve",
  "alerts:view",
  "alerts:clear",
  "dashboard:view",
  "report:export",
  "home:caseworker",
  "user:manage",
  "session:revokeAll",
  "audit:read",
  "country:manage",
  "account:self",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What everyone who works on cases may do (caseworkers on their own cases, coordinators on all). */
const CASE_WORK: readonly Permission[] = ["case:list", "case:read", "case:create", "case:update", "case:changeStatus", "case:close"];

export const POLICY: Readonly<Record<Role, readonly Permission[]>> = {
  CASEWORKER: [...CASE_WORK, "case:revealContact", "case:readNotes", "case:addNote", "case:verify", "home:caseworker", "account:self"],
  COORDINATOR: [
    ...CASE_WORK,
    "case:reopen",
    "case:assign",
    "case:verify",
    "case:resolveConcern",
    "case:bulkReassign",
    "access:view",
    "access:approve",
    "alerts:view",
    "alerts:clear",
    "dashboard:view",
    "report:export",
    "account:self",
  ],
  ADMIN: ["user:manage", "session:revokeAll", "audit:read", "country:manage", "access:view", "alerts:view", "account:self"],
};

export function can(role: Role, permission: Permission): boolean {
  return POLICY[role].includes(permission);
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case "CASEWORKER":
      return "/";
    case "COORDINATOR":
      return "/dashboard";
    case "ADMIN":
      return "/admin/users";
  }
}
