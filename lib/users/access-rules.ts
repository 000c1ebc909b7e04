import type { Role } from "@/lib/db/generated/enums";

/**
 * Which changes need a second person's approval (the two-person rule, ADR 009 and 013). Pure.
 * Case visibility grows ADMIN (none) < CASEWORKER (assigned cases) < COORDINATOR (all); an admin
 * sees no case but manages every account, so becoming one needs approval too.
 */

const CASE_VISIBILITY: Record<Role, number> = { ADMIN: 0, CASEWORKER: 1, COORDINATOR: 2 };

/**
 * Below this many active coordinators, an installation can hardly approve anything (nobody approves
 * a request about themselves): a change that would leave fewer needs approval itself.
 */
export const MIN_ACTIVE_COORDINATORS = 2;

export function readsCases(role: Role): boolean {
  return CASE_VISIBILITY[role] > 0;
}

/** A role change that lets the account see more cases than before. */
export function widensCaseAccess(from: Role, to: Role): boolean {
  return CASE_VISIBILITY[to] > CASE_VISIBILITY[from];
}

/** A role change that waits for approval whatever else holds: more cases, or account administration. */
export function roleChangeNeedsApproval(from: Role, to: Role): boolean {
  return widensCaseAccess(from, to) || (to === "ADMIN" && from !== "ADMIN");
}

/** A coordinator leaving the role (or deactivated) when that leaves fewer than the minimum. */
export function lowersApprovalCapacity(target: { role: Role; active: boolean }, otherActiveCoordinators: number): boolean {
  return target.role === "COORDINATOR" && target.active && otherActiveCoordinators < MIN_ACTIVE_COORDINATORS;
}
