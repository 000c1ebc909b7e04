import type { ChecklistAnswer, Role, SignOffOutcome, VettingState } from "@/lib/db/generated/enums";

/**
 * The two-person rule for vetting, as a pure function. Organisations like ours vouch for the people
 * they help to the governments that grant visas, so a case leaves VERIFYING for PLANNING_EXIT only
 * after two VERIFIED sign-offs by two different people, at least one of them a coordinator, and
 * while no concern raised by anyone is unresolved.
 */

export interface SignOffFacts {
  authorId: string;
  authorRole: Role;
  outcome: SignOffOutcome;
  resolved: boolean;
}

export function vettingState(signOffs: readonly SignOffFacts[]): VettingState {
  if (signOffs.some((s) => s.outcome === "CONCERNS" && !s.resolved)) return "CONCERNS";
  const verified = signOffs.filter((s) => s.outcome === "VERIFIED");
  const authors = new Set(verified.map((s) => s.authorId));
  if (authors.size >= 2 && verified.some((s) => s.authorRole === "COORDINATOR")) return "VERIFIED";
  return signOffs.length > 0 ? "ONE_SIGN_OFF" : "NONE";
}

export type VettingBlock = "needs_two_sign_offs" | "needs_coordinator_sign_off" | "unresolved_concern";

/** Why a case may not leave VERIFYING yet, or null when it may. */
export function vettingBlock(signOffs: readonly SignOffFacts[]): VettingBlock | null {
  if (signOffs.some((s) => s.outcome === "CONCERNS" && !s.resolved)) return "unresolved_concern";
  const verified = signOffs.filter((s) => s.outcome === "VERIFIED");
  if (new Set(verified.map((s) => s.authorId)).size < 2) return "needs_two_sign_offs";
  if (!verified.some((s) => s.authorRole === "COORDINATOR")) return "needs_coordinator_sign_off";
  return null;
}

/** A sign-off's checklist answers; any NO or UNSURE is worth a look even with outcome VERIFIED. */
export interface Checklist {
  storyConsistent: ChecklistAnswer;
  serviceStatusPlausible: ChecklistAnswer;
  noCrimesIndication: ChecklistAnswer;
  noProvocationSign: ChecklistAnswer;
}
