import "server-only";
import { watchReading, type WatchedRead } from "@/lib/alerts/reading-monitor";
import type { Actor } from "@/lib/access/actor";
import { db, type Tx } from "@/lib/db/client";
import { UnauthenticatedError } from "@/lib/errors";

/**
 * Every read of cases is audited and counted by the reading monitor, in one transaction that does
 * nothing else (the monitor takes the account's lock first and appends last, see its header); a read
 * that the monitor answers by suspending the account is refused (UnauthenticatedError), itself included.
 */

/**
 * One case read: `case.read` (the case page, CASE_READS), `case.trail_read` (its audit trail, counted
 * as a case read) or `case.contact_revealed` (CONTACT_REVEALS; under an outreach window, its entry
 * says so and the window's cases are not counted: `outreach`).
 */
export async function recordCaseRead(
  actor: Actor,
  read: {
    caseId: string;
    watch: "CASE_READS" | "CONTACT_REVEALS";
    action?: "case.trail_read";
    outreach?: Pick<WatchedRead, "uncounted" | "meta">;
  },
  now: Date,
): Promise<void> {
  const watched = await db().$transaction((tx: Tx) =>
    watchReading(tx, actor.userId, { kind: read.watch, caseIds: [read.caseId], action: read.action, ...read.outreach }, now),
  );
  if (watched.suspended) throw new UnauthenticatedError("account_suspended");
}

/**
 * Records a read of a list of cases: one audit entry naming the filters set (not their values), the
 * number of matching cases and of cases shown, linked to every case shown; and counts it towards the
 * reading monitor's limit on cases listed. Refuses the read (UnauthenticatedError) when the monitor
 * suspended the account.
 */
export async function recordListRead(
  actor: Actor,
  input: { filters: Record<string, unknown>; count: number; countCapped?: boolean; caseIds: string[] },
  now = new Date(),
): Promise<void> {
  const filters = Object.entries(input.filters)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([name]) => name)
    .sort();
  // `countCapped`: more than `count` cases matched (the list counts up to a limit).
  const meta = {
    filters,
    count: input.count,
    ...(input.countCapped ? { countCapped: true as const } : {}),
    shown: new Set(input.caseIds).size,
  };
  const watched = await db().$transaction((tx: Tx) =>
    watchReading(tx, actor.userId, { kind: "LIST_READS", caseIds: input.caseIds, meta }, now),
  );
  if (watched.suspended) throw new UnauthenticatedError("account_suspended");
}
