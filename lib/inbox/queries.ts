import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { recordListRead } from "@/lib/cases/read-audit";
import { caseScope } from "@/lib/cases/scope";
import { db, type Prisma } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { NotificationKind } from "@/lib/db/generated/enums";

/**
 * The notification centre: the reader's notifications (raised by lib/notifications). One about a case shows only while the reader may still see that case
 * (a case handed to someone else since answers like one that does not exist); its words are the
 * app's, from its kind. The list shows case codes, so it is audited and watched as a list read;
 * the count in the shell reads no case and is not.
 */

export interface NotificationDTO {
  id: string;
  kind: NotificationKind;
  code: string | null;
  count: number;
  createdAt: Date;
  read: boolean;
}

const LIMIT = 100;

function visible(actor: Actor): Prisma.NotificationWhereInput {
  return { userId: actor.userId, OR: [{ caseId: null }, { case: { is: caseScope(actor) } }] };
}

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  assertCan(actor, "notification:read");
  return db().notification.count({ where: { ...visible(actor), readAt: null } });
}

export async function listNotifications(actor: Actor, now = new Date()): Promise<NotificationDTO[]> {
  assertCan(actor, "notification:read");
  const rows = await db().notification.findMany({
    where: visible(actor),
    orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
    take: LIMIT,
    select: { id: true, kind: true, count: true, createdAt: true, readAt: true, case: { select: { id: true, code: true } } },
  });
  const caseIds = rows.flatMap((r) => (r.case ? [r.case.id] : []));
  await recordListRead(actor, { filters: { notifications: true }, count: rows.length, caseIds }, now);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    code: r.case?.code ?? null,
    count: r.count,
    createdAt: r.createdAt,
    read: r.readAt !== null,
  }));
}

/**
 * Marks one of the reader's unread notifications read, or all of them. An id that is not one of
 * the reader's unread notifications (someone else's, read already, or none) answers not found.
 */
export async function markNotificationsRead(actor: Actor, input: { id?: string }, now = new Date()): Promise<{ marked: number }> {
  assertCan(actor, "notification:read");
  const { count } = await db().notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(input.id ? { id: input.id } : {}) },
    data: { readAt: now },
  });
  if (input.id && count === 0) throw new NotFoundError("notification");
  return { marked: count };
}
