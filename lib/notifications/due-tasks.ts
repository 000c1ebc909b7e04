import "server-only";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { DEFAULT_TIME_ZONE, dayIn, knownZone } from "@/lib/time/zones";
import { raiseDeadlineNotifications } from "./deadlines";
import { deliverNotificationHook } from "./outbound-hook";

/**
 * The scheduled part of notifications: each open task of an open case, once on the day it is due
 * (TASK_DUE) and once when it is overdue (TASK_OVERDUE), to its owner. One INSERT … SELECT, whose
 * rows are named by an md5 of the task, the due day and the kind: run twice, by two instances at
 * once or by `npm run jobs` beside them, it adds nothing the second time (the unique index on
 * user and that id). An advisory lock spares the second instance the work, not the correctness.
 * The same tick raises the deadlines' notifications (./deadlines.ts), on the same terms.
 *
 * "Today" is the owner's: the day `now` falls on in their zone, else the organisation's (ADR 030).
 * The days are computed here with Intl, as the task lists compute them, one per zone in use, and
 * joined in; the database's own zone rules are never asked, so both always agree.
 */

const DUE_TASKS_LOCK = 7_241_901;

export async function raiseDueTaskNotifications(
  client: Db = db(),
  now = new Date(),
): Promise<{ raised: number; deadlines: number; skipped: boolean }> {
  return client.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${DUE_TASKS_LOCK}::bigint) AS locked`;
    if (!locked) return { raised: 0, deadlines: 0, skipped: true };
    const zones = await tx.$queryRaw<Array<{ zone: string; organisation: boolean }>>`
      SELECT o.time_zone AS zone, true AS organisation FROM organisation_state o WHERE o.id = 1
      UNION SELECT DISTINCT u.time_zone, false FROM users u WHERE u.time_zone IS NOT NULL AND u.status = 'ACTIVE'`;
    const names = [...new Set([DEFAULT_TIME_ZONE, ...zones.map((z) => z.zone)])];
    // As YYYY-MM-DD text: a Date would pass through the session's TimeZone on its way to a date.
    const days = names.map((zone) => dayIn(now, knownZone(zone)).toISOString().slice(0, 10));
    const raised = await tx.$executeRaw`
      WITH zone_days AS (SELECT * FROM unnest(${names}::text[], ${days}::date[]) AS d(zone, today))
      INSERT INTO notifications (id, user_id, kind, case_id, count, dedupe_id, created_at)
      SELECT gen_random_uuid(), s.owner_id, k.kind::"NotificationKind", s.case_id, 1,
             md5(k.kind || ':' || s.id::text || ':' || s.due_on::text)::uuid, ${now}
        FROM next_steps s
        JOIN cases c ON c.id = s.case_id
        JOIN users u ON u.id = s.owner_id AND u.status = 'ACTIVE'
        LEFT JOIN organisation_state o ON o.id = 1
        JOIN zone_days d ON d.zone = COALESCE(u.time_zone, o.time_zone, ${DEFAULT_TIME_ZONE})
        CROSS JOIN LATERAL (SELECT CASE WHEN s.due_on = d.today THEN 'TASK_DUE' ELSE 'TASK_OVERDUE' END AS kind) k
       WHERE s.done_at IS NULL AND s.due_on <= d.today AND c.status <> 'CLOSED'
      ON CONFLICT (user_id, dedupe_id) DO NOTHING`;
    // The same tick tells caseworkers of their cases' stays ending and visa entry deadlines, at
    // week grain, by the organisation's day.
    const organisationZone = zones.find((z) => z.organisation)?.zone;
    const deadlines = await raiseDeadlineNotifications(tx, dayIn(now, knownZone(organisationZone)), now);
    return { raised, deadlines, skipped: false };
  });
}

let timer: NodeJS.Timeout | null = null;

/** In each app instance (lib/startup.ts): now, then every 15 minutes. */
export function startDueTaskSchedule(client: () => Db = db, everyMs = 15 * 60_000): void {
  if (timer) return;
  // The optional outbound hook announces what this tick (and any change since the last) raised.
  const tick = () =>
    raiseDueTaskNotifications(client())
      .then(() => deliverNotificationHook(client()))
      .catch((error: unknown) =>
        logger().warn(
          { err: error instanceof Error ? error.message : String(error) },
          "due-task notifications failed; retried at the next tick",
        ),
      );
  void tick();
  timer = setInterval(() => void tick(), everyMs);
  timer.unref();
}

export function stopDueTaskSchedule(): void {
  if (timer) clearInterval(timer);
  timer = null;
}
