import "server-only";
import { forgetStaleReadingWindow } from "@/lib/alerts/reading-monitor";
import { shredCase } from "@/lib/cases/shred";
import { db } from "@/lib/db/client";

/**
 * Retention: closed cases are destroyed, not hidden, once they have been closed longer than the
 * retention period, as lib/cases/shred.ts destroys a case (every part, its key, its audit links;
 * the log gains one "purged" entry naming nothing).
 *
 * `unsafe`: it bypasses the case scope on purpose; only the retention command calls it.
 */

export const DEFAULT_RETENTION_DAYS = 180;
const BATCH = 200;

export interface PurgeCandidate {
  code: string;
  closedAt: Date;
}

export function retentionCutoff(days: number, now = new Date()): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** Closed cases due for purging (for the dry run). */
export async function unsafeListPurgeCandidates(days: number, now = new Date()): Promise<PurgeCandidate[]> {
  return db().case.findMany({
    where: { status: "CLOSED", closedAt: { lt: retentionCutoff(days, now) } },
    orderBy: { closedAt: "asc" },
    select: { code: true, closedAt: true },
  }) as Promise<PurgeCandidate[]>;
}

/** Purges closed cases older than the retention period, in batches; each case in its own transaction. */
export async function unsafePurgeClosedCases(
  days: number,
  options: { now?: Date; onProgress?: (purged: number, total: number) => void } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = retentionCutoff(days, now);
  const total = await db().case.count({ where: { status: "CLOSED", closedAt: { lt: cutoff } } });
  let purged = 0;
  for (;;) {
    const batch = await db().case.findMany({
      where: { status: "CLOSED", closedAt: { lt: cutoff } },
      orderBy: { closedAt: "asc" },
      take: BATCH,
      select: { id: true, closedAt: true },
    });
    if (batch.length === 0) break;
    for (const kase of batch) {
      await db().$transaction(async (tx) => {
        // Re-checked inside the transaction: a case reopened meanwhile is kept.
        const where = { id: kase.id, status: "CLOSED" as const, closedAt: { lt: cutoff } };
        if (await shredCase(tx, where, { actorId: null, action: "case.purged", meta: { retentionDays: days } })) purged += 1;
      });
    }
    options.onProgress?.(purged, total);
    if (batch.length < BATCH) break;
  }
  // Not about closed cases, but the same kind of clean-up: the reading monitor's rows past its window.
  await forgetStaleReadingWindow(now);
  return purged;
}
