import type { Role } from "@/lib/db/generated/enums";

/**
 * Which changes open case data to someone, and so need a second person's approval (the two-person
 * rule). Pure. Case visibility grows ADMIN (none) < CASEWORKER (assigned cases) < COORDINATOR (all).
 */

const CASE_VISIBILITY: Record<Role, number> = { ADMIN: 0, CASEWORKER: 1, COORDINATOR: 2 };

export const ACCESS_REQUEST_LIFETIME_DAYS = 7;

export function readsCases(role: Role): boolean {
  return CASE_VISIBILITY[role] > 0;
}

/** A role change that lets the account see more cases than before. */
export function widensCaseAccess(from: Role, to: Role): boolean {
  return CASE_VISIBILITY[to] > CASE_VISIBILITY[from];
}
