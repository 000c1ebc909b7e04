import "server-only";
import { appendAudit, appendCaseAudit } from "@/lib/audit/append";
import type { CaseAuditMeta } from "@/lib/audit/case-entries";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { Tx } from "@/lib/db/client";
import type { ReadingAlertKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The reading monitor. An insider, or someone holding a stolen account, can read many cases in an
 * hour; every read is audited, and this turns the audit trail into an alert while it happens. With
 * each audited case read, contact reveal or list page it counts the distinct cases the same account
 * read (revealed, was shown in lists) in the last hour, through the audit entries' case links, plus
 * the cases of the read being recorded; above the configured limit it raises one alert for
 * coordinators and admins and, when configured (default: for contact reveals), suspends the account
 * and ends its sessions until a coordinator clears the alert.
 *
 * Serialized per account, not by the audit log's global lock: watchReading first takes a
 * transaction-scoped advisory lock keyed by the account (lockAccountReading), then counts in a new
 * statement, which in READ COMMITTED sees every read of that account committed before the lock was
 * granted. So two concurrent reads by the same account cannot both miss (or both raise) the alert,
 * while reads by other accounts never wait on this count. The read's own audit entry (and the
 * alert's, when one is raised) is appended last, so the global audit lock is held only for the
 * append and the commit. Keep that order: a transaction that appended an audit entry before calling
 * watchReading would hold the global lock while waiting for an account's lock.
 */

/**
 * The first half of the two-int advisory lock (key, hashtext(account id)). Two-int keys do not meet
 * the single-key locks (the audit log's among them); two accounts whose ids hash alike only wait for
 * each other, which costs time, never correctness.
 */
const READING_LOCK_KEY = 49_072_715;

export const READING_WINDOW_MS = 60 * 60 * 1000;

const AUDIT_ACTION: Record<ReadingAlertKind, `case.${string}`> = {
  CASE_READS: "case.read",
  CONTACT_REVEALS: "case.contact_revealed",
  LIST_READS: "case.list_read",
};

export interface ReadingLimits {
  limit: number;
  suspend: boolean;
}

export function readingLimits(kind: ReadingAlertKind): ReadingLimits {
  const e = env();
  switch (kind) {
    case "CASE_READS":
      return { limit: e.READ_ALERT_CASES, suspend: e.READ_ALERT_SUSPEND_CASES };
    case "CONTACT_REVEALS":
      return { limit: e.READ_ALERT_REVEALS, suspend: e.READ_ALERT_SUSPEND_REVEALS };
    case "LIST_READS":
      return { limit: e.READ_ALERT_LISTED, suspend: e.READ_ALERT_SUSPEND_LISTED };
  }
}

export interface MonitorVerdict {
  /** Distinct cases in the window, this read included. */
  distinctCases: number;
  /** An alert was raised by this read. */
  raised: boolean;
  /** The account is suspended (by this read or an earlier alert): the caller must not serve the read. */
  suspended: boolean;
}

export interface WatchedRead {
  kind: ReadingAlertKind;
  /** The cases the read shows: counted with the account's earlier reads, then linked to its entry. */
  caseIds: readonly string[];
  meta?: CaseAuditMeta;
}

/**
 * Waits until no other transaction is watching or clearing a reading of this account, and keeps
 * them waiting until this transaction ends. A statement of its own: in READ COMMITTED a statement
 * sees what was committed when it started, so a count in the same statement could miss the read
 * that held the lock.
 */
export async function lockAccountReading(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${READING_LOCK_KEY}::int, hashtext(${userId}))`;
}

/**
 * Records one read by `userId` (its `case.read` / `case.contact_revealed` / `case.list_read` entry,
 * linked to its cases) and counts it. Call it first in the read's transaction and do nothing after
 * it: it takes the account's lock, then appends last. The window starts an hour ago, or when a
 * coordinator last cleared an alert of this kind for the account (so clearing an alert does not
 * raise it again on the next read).
 */
export async function watchReading(tx: Tx, userId: string, read: WatchedRead, now = new Date()): Promise<MonitorVerdict> {
  const { kind } = read;
  const { limit, suspend } = readingLimits(kind);
  const caseIds = [...new Set(read.caseIds)];
  await lockAccountReading(tx, userId);
  const hourAgo = new Date(now.getTime() - READING_WINDOW_MS);
  // The distinct cases since the later of an hour ago and the last clearing, those of this read
  // included (not linked yet), and the open alert if there is one.
  const [row] = await tx.$queryRaw<{ n: number; open_id: string | null; open_count: number | null; open_suspended: boolean | null }[]>`
    WITH since AS (
      SELECT greatest(${hourAgo}::timestamptz, coalesce(max(cleared_at), ${hourAgo}::timestamptz)) AS at
      FROM reading_alerts WHERE user_id = ${userId}::uuid AND kind = ${kind}::"ReadingAlertKind" AND cleared_at IS NOT NULL
    ), open AS (
      SELECT id, count, suspended FROM reading_alerts
      WHERE user_id = ${userId}::uuid AND kind = ${kind}::"ReadingAlertKind" AND cleared_at IS NULL
      ORDER BY created_at LIMIT 1
    )
    SELECT
      (SELECT count(*) FROM (
        SELECT l.case_id FROM audit_log a JOIN case_audit_links l ON l.audit_id = a.id, since
        WHERE a.actor_id = ${userId}::uuid AND a.action = ${AUDIT_ACTION[kind]} AND a.at > since.at
        UNION SELECT unnest(${caseIds}::uuid[])
      ) cases)::int AS n,
      (SELECT id::text FROM open) AS open_id,
      (SELECT count FROM open) AS open_count,
      (SELECT suspended FROM open) AS open_suspended`;
  const n = row!.n;
  const open = row!.open_id ? { id: row!.open_id, count: row!.open_count ?? 0, suspended: row!.open_suspended ?? false } : null;
  const record = () => appendCaseAudit(tx, { actorId: userId, action: AUDIT_ACTION[kind], caseIds, meta: read.meta });

  if (n <= limit || open) {
    // One open alert per account and kind; its count follows the burst so coordinators see it grow.
    if (open && n > open.count) await tx.readingAlert.update({ where: { id: open.id }, data: { count: n } });
    await record();
    return { distinctCases: n, raised: false, suspended: open?.suspended ?? false };
  }

  const alert = await tx.readingAlert.create({
    data: { userId, kind, count: n, createdAt: now, suspended: suspend },
    select: { id: true },
  });
  let sessionsEnded = 0;
  if (suspend) {
    await tx.user.update({ where: { id: userId }, data: { suspendedAt: now } });
    sessionsEnded = await revokeUserSessions(tx, userId, {}, now);
  }
  // The read's entry, then the alert's: the global lock is taken at the first and held to the commit.
  await record();
  await appendAudit(tx, {
    actorId: null,
    action: "alert.reading_raised",
    targetType: "user",
    targetId: userId,
    meta: { alert: alert.id, kind, count: n, limit, suspended: suspend, sessionsEnded },
  });
  return { distinctCases: n, raised: true, suspended: suspend };
}
