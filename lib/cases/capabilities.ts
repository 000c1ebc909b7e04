import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/policy";
import type { CaseStatus } from "@/lib/db/generated/enums";
import { nextStatuses } from "./transitions";

/**
 * SECURITY-CRITICAL: two reviewers. What one actor may do on one case they can see, decided here
 * only: the role's permissions (lib/access/policy.ts) combined with the case's facts (open or closed,
 * whom it is assigned to, who signed it off). The case page offers exactly these, and the writes
 * refuse what this denies. Which cases an actor sees at all is lib/cases/scope.ts.
 */

export interface CaseFacts {
  status: CaseStatus;
  statusBeforeClose: CaseStatus | null;
  assignedToId: string | null;
  /** Who has signed off the verification; without it, `signOff` is false. */
  signOffAuthorIds?: readonly string[];
}

export interface CaseCapabilities {
  edit: boolean;
  changeStatus: CaseStatus[];
  close: boolean;
  assign: boolean;
  revealContact: boolean;
  readNotes: boolean;
  addNote: boolean;
  signOff: boolean;
  resolveConcern: boolean;
  /** Record the organisation's support letter for an application (coordinators vouch). */
  issueLetter: boolean;
  /** Read the coordinators' supervision notes: coordinators, and the caseworker the case is assigned to. */
  readSupervision: boolean;
  addSupervision: boolean;
  /** Ask for the case to be erased now (a second coordinator approves it: lib/cases/erasure.ts). */
  erase: boolean;
}

export function caseCapabilities(actor: Pick<Actor, "role" | "userId">, kase: CaseFacts): CaseCapabilities {
  const { role } = actor;
  const open = kase.status !== "CLOSED";
  // The contact channel and note text are for the assigned caseworker only (policy.ts).
  const assignedToActor = kase.assignedToId === actor.userId;
  const signedByActor = kase.signOffAuthorIds?.includes(actor.userId) ?? true;
  return {
    edit: open && can(role, "case:update"),
    changeStatus: nextStatuses(kase.status, role, kase.statusBeforeClose),
    close: open && can(role, "case:close"),
    assign: can(role, "case:assign"),
    revealContact: can(role, "case:revealContact") && assignedToActor,
    readNotes: can(role, "case:readNotes") && assignedToActor,
    addNote: open && can(role, "case:addNote") && assignedToActor,
    // One sign-off per person: vouching takes two (vetting-rules.ts).
    signOff: kase.status === "VERIFYING" && can(role, "case:verify") && !signedByActor,
    resolveConcern: can(role, "case:resolveConcern"),
    issueLetter: open && can(role, "case:issueLetter"),
    readSupervision: can(role, "case:supervise") || (can(role, "case:readSupervision") && assignedToActor),
    addSupervision: open && can(role, "case:supervise"),
    // Open or closed: a person may ask to be forgotten at any time.
    erase: can(role, "case:erase"),
  };
}

/**
 * Who a new case from intake is assigned to: whoever may assign cases names a caseworker, anyone
 * else takes the case themselves.
 */
export function intakeAssignsToSelf(actor: Pick<Actor, "role">): boolean {
  return !can(actor.role, "case:assign");
}
