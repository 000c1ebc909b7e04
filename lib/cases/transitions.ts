import { can } from "@/lib/access/policy";
import type { ApplicationStatus, ApplicationType, CaseStatus } from "@/lib/db/generated/enums";
import { InvalidInputError } from "@/lib/errors";

/**
 * The case workflow of PRODUCT.md as data, and the only place that decides which status change is
 * allowed. Pure: the server enforces it on every change, and the case page offers exactly these.
 *
 *   NEW → VERIFYING → PLANNING_EXIT → IN_TRANSIT → IN_THIRD_COUNTRY → APPLYING → RELOCATED
 *   IN_THIRD_COUNTRY and APPLYING → IN_TRANSIT   (the person moves on to another country)
 *   APPLYING → IN_THIRD_COUNTRY                 (a rejection: waiting again where they are)
 *   RELOCATED → APPLYING                        (asylum applied for in the destination)
 *   any open status → CLOSED                    (with a reason)
 *   CLOSED → the status it was closed from     (reopening: coordinators only)
 *
 * See docs/decisions/005-case-workflow.md for how the drawing was read, and 021 for the two returns.
 */

export type TransitionRole = "CASEWORKER" | "COORDINATOR" | "ADMIN";

export const FORWARD: Readonly<Record<Exclude<CaseStatus, "CLOSED">, readonly CaseStatus[]>> = {
  NEW: ["VERIFYING"],
  VERIFYING: ["PLANNING_EXIT"],
  PLANNING_EXIT: ["IN_TRANSIT"],
  IN_TRANSIT: ["IN_THIRD_COUNTRY"],
  IN_THIRD_COUNTRY: ["APPLYING", "IN_TRANSIT"],
  APPLYING: ["RELOCATED", "IN_TRANSIT", "IN_THIRD_COUNTRY"],
  RELOCATED: ["APPLYING"],
};

export type TransitionCheck =
  | { allowed: true; kind: "forward" | "close" | "reopen" }
  | { allowed: false; reason: "not_in_workflow" | "reopen_is_coordinators" | "reopen_to_other_status" | "admins_cannot_change_cases" };

/**
 * May `role` move a case from `from` to `to`? For a closed case, `statusBeforeClose` is the only
 * status it can be reopened to.
 */
export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  role: TransitionRole,
  statusBeforeClose: CaseStatus | null = null,
): TransitionCheck {
  // Separation of duties: those who may not change a case's status (admins) change nothing.
  if (!can(role, "case:changeStatus")) return { allowed: false, reason: "admins_cannot_change_cases" };
  if (from === "CLOSED") {
    if (to === "CLOSED" || statusBeforeClose === null || to !== statusBeforeClose)
      return { allowed: false, reason: "reopen_to_other_status" };
    return can(role, "case:reopen") ? { allowed: true, kind: "reopen" } : { allowed: false, reason: "reopen_is_coordinators" };
  }
  if (to === "CLOSED") return { allowed: true, kind: "close" };
  return FORWARD[from].includes(to) ? { allowed: true, kind: "forward" } : { allowed: false, reason: "not_in_workflow" };
}

/** The status changes to offer on the case page (closing is offered separately, with its reason). */
export function nextStatuses(from: CaseStatus, role: TransitionRole, statusBeforeClose: CaseStatus | null = null): CaseStatus[] {
  if (!can(role, "case:changeStatus")) return [];
  if (from === "CLOSED") return can(role, "case:reopen") && statusBeforeClose ? [statusBeforeClose] : [];
  return [...FORWARD[from]];
}

/**
 * Applications: planned → submitted → appointment scheduled → approved / rejected → appealed;
 * withdrawn from any state where the application is still under way (planned, submitted,
 * appointment, appealed). A rejection stands unless it is appealed.
 */
export const APPLICATION_FLOW: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  PLANNED: ["SUBMITTED", "WITHDRAWN"],
  SUBMITTED: ["APPOINTMENT_SCHEDULED", "APPROVED", "REJECTED", "WITHDRAWN"],
  APPOINTMENT_SCHEDULED: ["APPROVED", "REJECTED", "WITHDRAWN"],
  REJECTED: ["APPEALED"],
  APPEALED: ["APPROVED", "REJECTED", "WITHDRAWN"],
  APPROVED: [],
  WITHDRAWN: [],
};

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return from === to || APPLICATION_FLOW[from].includes(to);
}

/** The application types that grant a visa: only these carry a validity window and an entry deadline. */
export const VISA_TYPES: readonly ApplicationType[] = ["VISA", "HUMANITARIAN_VISA"];

export interface ApplicationDates {
  /** Known on an update (read from the row); on a new application, the type submitted. */
  type?: ApplicationType;
  status: string;
  submittedOn?: Date;
  appointmentAt?: Date;
  decisionOn?: Date;
  validFrom?: Date;
  validUntil?: Date;
  entryBy?: Date;
  appealBy?: Date;
}

/**
 * The dates an application's status requires (submitted once under way, the appointment, the
 * decision), in order; a granted visa's window and entry deadline (ADR 021) only on an approved visa,
 * inside the window; an appeal deadline only after a rejection, not before the decision.
 */
export function checkApplicationDates(input: ApplicationDates): void {
  const errors: Record<string, string[]> = {};
  if (input.status === "APPOINTMENT_SCHEDULED" && !input.appointmentAt) errors.appointmentAt = ["required_for_status"];
  if (["APPROVED", "REJECTED"].includes(input.status) && !input.decisionOn) errors.decisionOn = ["required_for_status"];
  if (input.status !== "PLANNED" && input.status !== "WITHDRAWN" && !input.submittedOn) errors.submittedOn = ["required_for_status"];
  if (input.submittedOn && input.decisionOn && input.decisionOn < input.submittedOn) errors.decisionOn = ["before_submission"];
  const visa = !input.type || VISA_TYPES.includes(input.type);
  for (const field of ["validFrom", "validUntil", "entryBy"] as const) {
    if (!input[field]) continue;
    if (!visa) errors[field] = ["only_for_visas"];
    else if (input.status !== "APPROVED") errors[field] = ["only_when_approved"];
  }
  const { validFrom, validUntil, entryBy } = input;
  if (validFrom && validUntil && validUntil < validFrom) errors.validUntil ??= ["before_valid_from"];
  if (entryBy && validFrom && entryBy < validFrom) errors.entryBy ??= ["before_valid_from"];
  if (entryBy && validUntil && entryBy > validUntil) errors.entryBy ??= ["after_valid_until"];
  if (input.appealBy) {
    if (input.status !== "REJECTED" && input.status !== "APPEALED") errors.appealBy = ["only_when_rejected"];
    else if (input.decisionOn && input.appealBy < input.decisionOn) errors.appealBy = ["before_decision"];
  }
  if (Object.keys(errors).length) throw new InvalidInputError("invalid_input", errors);
}
