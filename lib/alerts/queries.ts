import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { ReadingAlertKind } from "@/lib/db/generated/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { lockAccountReading, readingLimits } from "./reading-monitor";

/**
 * Reading alerts as coordinators and admins see them, and the coordinator's review that clears one
 * (lifting the suspension it caused). Nobody clears an alert about themselves.
 */

export interface ReadingAlertDTO {
  id: string;
  kind: ReadingAlertKind;
  /** The account that read. */
  user: string;
  userId: string;
  /** Distinct cases in the hour, the highest seen while the alert was open. */
  count: number;
  limit: number;
  createdAt: Date;
  suspended: boolean;
  /** Still suspended (no other open alert keeps the account paused once this one is cleared). */
  clearedBy: string | null;
  clearedAt: Date | null;
}

const RECENTLY_CLEARED_DAYS = 7;

/** Open alerts first (newest first), then those cleared in the last week. */
export async function listReadingAlerts(actor: Actor, now = new Date()): Promise<ReadingAlertDTO[]> {
  assertCan(actor, "alerts:view");
  const rows = await db().readingAlert.findMany({
    where: { OR: [{ clearedAt: null }, { clearedAt: { gt: new Date(now.getTime() - RECENTLY_CLEARED_DAYS * 86_400_000) } }] },
    orderBy: [{ clearedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 100,
    include: { user: { select: { email: true } }, clearedBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    user: r.user.email,
    userId: r.userId,
    count: r.count,
    limit: readingLimits(r.kind).limit,
    createdAt: r.createdAt,
    suspended: r.suspended,
    clearedBy: r.clearedBy?.email ?? null,
    clearedAt: r.clearedAt,
  }));
}

/** For the navigation badge: how many alerts wait for a coordinator. */
export async function countOpenReadingAlerts(actor: Actor): Promise<number> {
  assertCan(actor, "alerts:view");
  return db().readingAlert.count({ where: { clearedAt: null } });
}

/**
 * A coordinator reviewed the burst and clears the alert. When no other open alert suspends the
 * account, its suspension ends (the person signs in again; their old sessions stay ended).
 */
export async function clearReadingAlert(actor: Actor, alertId: string, now = new Date()): Promise<{ unsuspended: boolean }> {
  assertCan(actor, "alerts:clear");
  return db().$transaction(async (tx) => {
    const alert = await tx.readingAlert.findUnique({
      where: { id: alertId },
      select: { id: true, userId: true, kind: true, clearedAt: true, suspended: true },
    });
    if (!alert) throw new NotFoundError("alert");
    if (alert.userId === actor.userId) throw new ForbiddenError("own_alert");
    if (alert.clearedAt) throw new ConflictError("alert_cleared");
    // Serialized with the account's reads (reading-monitor.ts): a read that raised another alert
    // meanwhile is committed before the count below, so its suspension is not lifted with this one.
    await lockAccountReading(tx, alert.userId);
    await tx.readingAlert.update({ where: { id: alert.id }, data: { clearedAt: now, clearedById: actor.userId } });
    const stillSuspending = await tx.readingAlert.count({ where: { userId: alert.userId, clearedAt: null, suspended: true } });
    const unsuspended = alert.suspended && stillSuspending === 0;
    if (unsuspended) await tx.user.update({ where: { id: alert.userId }, data: { suspendedAt: null } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "alert.reading_cleared",
      targetType: "user",
      targetId: alert.userId,
      meta: { alert: alert.id, kind: alert.kind, unsuspended },
    });
    return { unsuspended };
  });
}
