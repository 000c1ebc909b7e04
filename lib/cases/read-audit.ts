import "server-only";
import { watchReading } from "@/lib/alerts/reading-monitor";
import { appendCaseAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/access/actor";
import { db, type Tx } from "@/lib/db/client";
import { UnauthenticatedError } from "@/lib/errors";

/**
 * Every read of cases is audited and counted by the reading monitor, in one transaction; a read that
 * the monitor answers by suspending the account is refused (UnauthenticatedError), itself included.
 */

/** One case read: `case.read` (the case page) or `case.contact_revealed`, counted as `watch`. */
export async function recordCaseRead(
  actor: Actor,
  read: { action: "case.read" | "case.contact_revealed"; caseId: string; watch: "CASE_READS" | "CONTACT_REVEALS" },
  now: Date,
): Promise<void> {
  const watched = await db().$transaction(async (tx: Tx) => {
    await appendCaseAudit(tx, { actorId: actor.userId, action: read.action, caseIds: [read.caseId] });
    return watchReading(tx, actor.userId, read.watch, now);
  });
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
  input: { filters: Record<string, unknown>; count: number; caseIds: string[] },
  now = new Date(),
): Promise<void> {
  const filters = Object.entries(input.filters)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([name]) => name)
    .sort();
  const watched = await db().$transaction(async (tx: Tx) => {
    await appendCaseAudit(tx, {
      actorId: actor.userId,
      action: "case.list_read",
      caseIds: input.caseIds,
      meta: { filters, count: input.count, shown: new Set(input.caseIds).size },
    });
    return watchReading(tx, actor.userId, "LIST_READS", now);
  });
  if (watched.suspended) throw new UnauthenticatedError("account_suspended");
}
