import "server-only";
import { randomUUID } from "node:crypto";
import { can, ROLES, type Permission } from "@/lib/access/policy";
import type { Tx } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/enums";

/**
 * Raises notifications inside the transaction of the change that causes them, so a rolled-back
 * change tells nobody. A notification is a kind, a case and a count: its words are the app's
 * (messages `notifications.kind.*`), never anything typed about the case.
 */
export interface NotificationRow {
  userId: string;
  kind: NotificationKind;
  caseId?: string | null;
  count?: number;
}

/** Who was told what about which case in a transaction, so that one change tells a person once. */
const toldIn = new WeakMap<Tx, Set<string>>();

/** Tells each user once; nobody is told about their own doing. */
export async function notify(tx: Tx, actorId: string | null, rows: NotificationRow[]): Promise<void> {
  const others = rows.filter((r) => r.userId !== actorId);
  if (others.length === 0) return;
  const told = toldIn.get(tx) ?? new Set<string>();
  for (const r of others) if (r.caseId) told.add(`${r.userId}:${r.caseId}`);
  toldIn.set(tx, told);
  await tx.notification.createMany({
    data: others.map((r) => ({ userId: r.userId, kind: r.kind, caseId: r.caseId ?? null, count: r.count ?? 1, dedupeId: randomUUID() })),
    skipDuplicates: true,
  });
}

/**
 * Tells every active account whose role holds `permission` (the coordinators who may approve, or
 * clear an alert), but not the actor nor the accounts in `except` (the person a request is about):
 * one statement, however many coordinators. Such a notification names no case, unless `caseId` says
 * which (only for a permission whose holders may see every case: a possible duplicate).
 */
export async function notifyEveryoneWho(
  tx: Tx,
  actorId: string | null,
  permission: Permission,
  kind: NotificationKind,
  options: { except?: ReadonlyArray<string | null | undefined>; now?: Date; caseId?: string } = {},
): Promise<void> {
  const roles = ROLES.filter((role) => can(role, permission));
  const skip = [actorId, ...(options.except ?? [])].filter((id): id is string => Boolean(id));
  await tx.$executeRaw`
    INSERT INTO notifications (id, user_id, kind, case_id, count, dedupe_id, created_at)
    SELECT gen_random_uuid(), u.id, ${kind}::"NotificationKind", ${options.caseId ?? null}::uuid, 1, gen_random_uuid(), ${options.now ?? new Date()}
      FROM users u
     WHERE u.role::text = ANY(${roles}::text[]) AND u.status = 'ACTIVE' AND u.suspended_at IS NULL
       AND u.id <> ALL(${skip}::uuid[])`;
}

/**
 * Tells the caseworker a case is assigned to that someone else changed it: one notification per case
 * and caseworker (an md5 of the case as its id), which each further change makes unread again and
 * counts (from 1 again once it was read). Nothing for their own changes, nor for an unassigned case,
 * nor when the same change already told them about this case (a task given to them).
 */
export async function notifyCaseChanged(
  tx: Tx,
  actorId: string,
  caseId: string,
  assigneeId: string | null,
  now = new Date(),
): Promise<void> {
  if (!assigneeId || assigneeId === actorId || toldIn.get(tx)?.has(`${assigneeId}:${caseId}`)) return;
  await tx.$executeRaw`
    INSERT INTO notifications (id, user_id, kind, case_id, count, dedupe_id, created_at)
    VALUES (gen_random_uuid(), ${assigneeId}::uuid, 'CASE_CHANGED', ${caseId}::uuid, 1, md5('CASE_CHANGED:' || ${caseId})::uuid, ${now})
    ON CONFLICT (user_id, dedupe_id) DO UPDATE
      SET count = CASE WHEN notifications.read_at IS NULL THEN notifications.count + 1 ELSE 1 END,
          read_at = NULL,
          created_at = EXCLUDED.created_at`;
}
