import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { recordListRead } from "@/lib/cases/read-audit";
import { caseScopeSql } from "@/lib/cases/scope";
import { db, Prisma } from "@/lib/db/client";
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

/**
 * A notification about a case shows while the reader may see the case (caseScopeSql). Joined this
 * way, with `WHERE ${VISIBLE}`, each notification's case is looked up by its key: as an OR of
 * EXISTS, or as Prisma's LEFT JOIN, the planner reads every case in the reader's scope (every case
 * of the organisation for a coordinator), 20–50 ms at 100,000 cases on every page (found by the
 * bench). lib/db/query-plans.integration.test.ts holds it to the reader's own notifications.
 */
const visibleJoin = (actor: Actor) =>
  Prisma.sql`LEFT JOIN LATERAL (SELECT 1 AS seen FROM cases c WHERE c.id = n.case_id AND ${caseScopeSql(actor)} LIMIT 1) v ON true`;
const VISIBLE = Prisma.sql`(n.case_id IS NULL OR v.seen IS NOT NULL)`;

/** Past this the shell says "99+": the count runs on every page, so it stops there. */
export const UNREAD_SHOWN_UP_TO = 99;

/** The shell's count, up to UNREAD_SHOWN_UP_TO + 1: at most a hundred notifications are looked at. */
export async function countUnreadNotifications(actor: Actor): Promise<number> {
  assertCan(actor, "notification:read");
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM notifications n ${visibleJoin(actor)}
       WHERE n.user_id = ${actor.userId}::uuid AND n.read_at IS NULL AND ${VISIBLE}
       LIMIT ${UNREAD_SHOWN_UP_TO + 1}
    ) AS unread`;
  return row!.n;
}

export async function listNotifications(actor: Actor, now = new Date()): Promise<NotificationDTO[]> {
  assertCan(actor, "notification:read");
  // The hundred shown are chosen first (visibleJoin), and only then joined for their codes.
  const found = await db().$queryRaw<
    {
      id: string;
      kind: NotificationKind;
      count: number;
      created_at: Date;
      read_at: Date | null;
      case_id: string | null;
      code: string | null;
    }[]
  >`
    WITH shown AS (
      SELECT n.id, n.kind, n.count, n.created_at, n.read_at, n.case_id FROM notifications n ${visibleJoin(actor)}
       WHERE n.user_id = ${actor.userId}::uuid AND ${VISIBLE}
       ORDER BY n.read_at DESC NULLS FIRST, n.created_at DESC, n.id
       LIMIT ${LIMIT}
    )
    SELECT s.id::text, s.kind::text AS kind, s.count, s.created_at, s.read_at, s.case_id::text, k.code
      FROM shown s LEFT JOIN cases k ON k.id = s.case_id
     ORDER BY s.read_at DESC NULLS FIRST, s.created_at DESC, s.id`;
  const caseIds = found.flatMap((r) => (r.case_id ? [r.case_id] : []));
  await recordListRead(actor, { filters: { notifications: true }, count: found.length, caseIds }, now);
  return found.map((r) => ({
    id: r.id,
    kind: r.kind,
    code: r.code,
    count: r.count,
    createdAt: r.created_at,
    read: r.read_at !== null,
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
