import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { Tx } from "@/lib/db/client";
import type { ReadingAlertKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The reading monitor. An insider, or someone holding a stolen account, can read many cases in an
 * hour; every read is audited, and this turns the audit trail into an alert while it happens. After
 * each audited case read, contact reveal or list page it counts the distinct cases the same account
 * read (revealed, was shown in lists) in the last hour, through the audit entries' case links; above
 * the configured limit it raises one alert for coordinators and admins and,
 * when configured (default: for contact reveals), suspends the account and ends its sessions until a
 * coordinator clears the alert.
 *
 * It runs inside the transaction that appended the audit entry, after appendAudit, so it holds the
 * audit lock: two concurrent reads by the same account cannot both miss (or both raise) the alert.
 */

export const READING_WINDOW_MS = 60 * 60 * 1000;

const AUDIT_ACTION: Record<ReadingAlertKind, string> = {
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

/**
 * Call right after appending the `case.read` / `case.contact_revealed` / `case.list_read` entry, in the same
 * transaction. The window starts an hour ago, or when a coordinator last cleared an alert of this
 * kind for the account (so clearing an alert does not raise it again on the next read).
 */
export async function watchReading(tx: Tx, userId: string, kind: ReadingAlertKind, now = new Date()): Promise<MonitorVerdict> {
  const { limit, suspend } = readingLimits(kind);
  const hourAgo = new Date(now.getTime() - READING_WINDOW_MS);
  // One round trip, because it runs while the audit lock is held: the distinct cases since the
  // later of an hour ago and the last clearing, and the open alert if there is one.
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
      (SELECT count(DISTINCT l.case_id) FROM audit_log a JOIN case_audit_links l ON l.audit_id = a.id, since
        WHERE a.actor_id = ${userId}::uuid AND a.action = ${AUDIT_ACTION[kind]} AND a.at > since.at)::int AS n,
      (SELECT id::text FROM open) AS open_id,
      (SELECT count FROM open) AS open_count,
      (SELECT suspended FROM open) AS open_suspended`;
  const n = row!.n;
  const open = row!.open_id ? { id: row!.open_id, count: row!.open_count ?? 0, suspended: row!.open_suspended ?? false } : null;
  if (n <= limit) return { distinctCases: n, raised: false, suspended: open?.suspended ?? false };

  if (open) {
    // One open alert per account and kind; its count follows the burst so coordinators see it grow.
    if (n > open.count) await tx.readingAlert.update({ where: { id: open.id }, data: { count: n } });
    return { distinctCases: n, raised: false, suspended: open.suspended };
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
  await appendAudit(tx, {
    actorId: null,
    action: "alert.reading_raised",
    targetType: "user",
    targetId: userId,
    meta: { alert: alert.id, kind, count: n, limit, suspended: suspend, sessionsEnded },
  });
  return { distinctCases: n, raised: true, suspended: suspend };
}
