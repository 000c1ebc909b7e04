import type { AssistanceStatus } from "@/lib/db/generated/enums";

/**
 * The approval of help (ADR 022), pure. Help above its budget line's threshold, or paid in another
 * currency than the line's (no exchange rate is invented to compare it), waits for a coordinator:
 * committed, not spent. Anything else is approved at once. A waiting record is approved or refused
 * once, by someone other than the person who recorded it (four eyes).
 */

export interface LineTerms {
  currency: string;
  approvalThresholdMinor: number;
  active: boolean;
}

export function needsApproval(line: LineTerms, amount: { amountMinor: number; currency: string }): boolean {
  return amount.currency !== line.currency || amount.amountMinor > line.approvalThresholdMinor;
}

export function initialStatus(line: LineTerms, amount: { amountMinor: number; currency: string }): AssistanceStatus {
  return needsApproval(line, amount) ? "AWAITING_APPROVAL" : "APPROVED";
}

export const DECISIONS = ["APPROVE", "REFUSE"] as const;
export type Decision = (typeof DECISIONS)[number];

/** Why a decision is refused, or null when it may be taken. */
export function decisionRefusal(
  record: { status: AssistanceStatus; recordedById: string },
  deciderId: string,
): "assistance_not_awaiting" | "own_assistance" | null {
  if (record.status !== "AWAITING_APPROVAL") return "assistance_not_awaiting";
  if (record.recordedById === deciderId) return "own_assistance";
  return null;
}

export function decidedStatus(decision: Decision): AssistanceStatus {
  return decision === "APPROVE" ? "APPROVED" : "REFUSED";
}

/** Spent is approved help; committed is help that waits for approval; refused help counts nowhere. */
export function budgetColumn(status: AssistanceStatus): "spent" | "committed" | null {
  return status === "APPROVED" ? "spent" : status === "AWAITING_APPROVAL" ? "committed" : null;
}
