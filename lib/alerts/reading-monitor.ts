import "server-only";
import { appendAudit, appendCaseAudit } from "@/lib/audit/append";
import type { CaseAuditMeta } from "@/lib/audit/case-entries";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { db, Prisma, type Tx } from "@/lib/db/client";
import type { ReadingAlertKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { notifyEveryoneWho } from "@/lib/notifications/notify";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The reading monitor. An insider, or someone holding a stolen account, can read many cases in an
 * hour; every read is audited, and this turns the audit trail into an alert while it happens. With
 * each audited case read, contact reveal or list page it counts the distinct cases the same account
 * read (revealed, was shown in lists) in the last hour, plus the cases of the read being recorded,
 * from the account's window (`reading_window_cases`: each case it read and when it last did, the
 * same facts as its reads' audit links, so the count costs the account's distinct cases, not every
 * link of every read in the hour); above the configured limit it raises one alert for
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
  /**
   * False when the caller writes its own entry linked to the cases: a change of a case, whose answer
   * shows the case again (lib/cases/read-after-change.ts). Counted all the same.
   */
  record?: boolean;
  /** The entry's action when it is not the kind's own (a case's audit trail read: `case.trail_read`). */
  action?: `case.${string}`;
  /**
   * Contact reveals under open outreach windows (ADR 028): the open cases assigned to this account
   * that are in one of these countries or among these ids are not counted, this read's or earlier.
   */
  uncounted?: { countries: readonly string[]; caseIds: readonly string[] };
}

/**
 * Forgets every account's reads older than the window. An account's own stale rows leave at its next
 * read; this removes those of accounts that stopped reading (run by `retention:purge`).
 */
export async function forgetStaleReadingWindow(now = new Date()): Promise<number> {
  return db()
    .readingWindowCase.deleteMany({ where: { lastReadAt: { lte: new Date(now.getTime() - READING_WINDOW_MS) } } })
    .then((r) => r.count);
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
  const { countries = [], caseIds: named = [] } = read.uncounted ?? {};
  // Only a reveal under a window pays for the look at the reader's cases.
  const exempt =
    countries.length + named.length > 0
      ? Prisma.sql`SELECT c.id FROM cases c WHERE c.assigned_to_id = ${userId}::uuid AND c.status <> 'CLOSED'
          AND (c.current_country = ANY(${countries}::text[]) OR c.id = ANY(${named}::uuid[]))`
      : Prisma.sql`SELECT NULL::uuid AS id WHERE FALSE`;
  // One statement: the read's cases enter the account's window (reading_window_cases) and its rows
  // older than the hour leave it; the count is of the distinct cases since the later of an hour ago
  // and the last clearing, this read's included. The statement sees the window as it was before
  // it started, so the cases of this read are added to the count rather than read back (and the
  // clean-up spares them: one statement must not touch a row twice).
  const [row] = await tx.$queryRaw<{ n: number; open_id: string | null; open_count: number | null; open_suspended: boolean | null }[]>`
    WITH exempt AS (${exempt}), since AS (
      SELECT greatest(${hourAgo}::timestamptz, coalesce(max(cleared_at), ${hourAgo}::timestamptz)) AS at
      FROM reading_alerts WHERE user_id = ${userId}::uuid AND kind = ${kind}::"ReadingAlertKind" AND cleared_at IS NOT NULL
    ), open AS (
      SELECT id, count, suspended FROM reading_alerts
      WHERE user_id = ${userId}::uuid AND kind = ${kind}::"ReadingAlertKind" AND cleared_at IS NULL
      ORDER BY created_at LIMIT 1
    ), entered AS (
      INSERT INTO reading_window_cases (user_id, kind, case_id, last_read_at)
      SELECT ${userId}::uuid, ${kind}::"ReadingAlertKind", c, ${now}::timestamptz FROM unnest(${caseIds}::uuid[]) AS c
      ON CONFLICT (user_id, kind, case_id) DO UPDATE
        SET last_read_at = greatest(reading_window_cases.last_read_at, excluded.last_read_at)
    ), left_window AS (
      DELETE FROM reading_window_cases
      WHERE user_id = ${userId}::uuid AND kind = ${kind}::"ReadingAlertKind" AND last_read_at <= ${hourAgo}::timestamptz
        AND case_id <> ALL(${caseIds}::uuid[])
    )
    SELECT
      ((SELECT count(*) FROM reading_window_cases w, since
        WHERE w.user_id = ${userId}::uuid AND w.kind = ${kind}::"ReadingAlertKind" AND w.last_read_at > since.at
          AND w.case_id <> ALL(${caseIds}::uuid[]) AND w.case_id NOT IN (SELECT id FROM exempt))
        + (SELECT count(*) FROM unnest(${caseIds}::uuid[]) AS c WHERE c NOT IN (SELECT id FROM exempt)))::int AS n,
      (SELECT id::text FROM open) AS open_id,
      (SELECT count FROM open) AS open_count,
      (SELECT suspended FROM open) AS open_suspended`;
  const n = row!.n;
  const open = row!.open_id ? { id: row!.open_id, count: row!.open_count ?? 0, suspended: row!.open_suspended ?? false } : null;
  const record = async () => {
    if (read.record !== false)
      await appendCaseAudit(tx, { actorId: userId, action: read.action ?? AUDIT_ACTION[kind], caseIds, meta: read.meta });
  };

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
  // The coordinators who can clear it are told at once (not the reader, suspended or not).
  await notifyEveryoneWho(tx, null, "alerts:clear", "READING_ALERT", { except: [userId], now });
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
