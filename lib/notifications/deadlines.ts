import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * The scheduled notifications of a case's deadlines, to the caseworker it is assigned to: a stay
 * that ends within 14 days or has ended (STAY_ENDING, from `cases.stay_ends_week`, ADR 020) and a
 * granted visa whose entry deadline falls within 14 days (ENTRY_DEADLINE, from
 * `applications.entry_by_week`, ADR 021). Both read the week columns in clear, as the case list's
 * views do; no sealed day is opened here. Each is raised once per deadline week: its id is an md5 of
 * the kind, the case or application and the week, so a rerun, a second instance or a later tick adds
 * nothing, and a deadline that moves to another week is told again.
 */

/** Days ahead, as the case list's "stay" and "entry" views count them. */
export const DEADLINE_SOON_DAYS = 14;

export async function raiseDeadlineNotifications(tx: Tx, today: Date, now: Date): Promise<number> {
  const stays = await tx.$executeRaw`
    INSERT INTO notifications (id, user_id, kind, case_id, count, dedupe_id, created_at)
    SELECT gen_random_uuid(), c.assigned_to_id, 'STAY_ENDING', c.id, 1,
           md5('STAY_ENDING:' || c.id::text || ':' || c.stay_ends_week::text)::uuid, ${now}
      FROM cases c
      JOIN users u ON u.id = c.assigned_to_id AND u.status = 'ACTIVE'
     WHERE c.stay_ends_week IS NOT NULL
       AND c.stay_ends_week <= date_trunc('week', ${today}::date + ${DEADLINE_SOON_DAYS}::int)::date
       AND c.status NOT IN ('CLOSED', 'RELOCATED')
    ON CONFLICT (user_id, dedupe_id) DO NOTHING`;
  const entries = await tx.$executeRaw`
    INSERT INTO notifications (id, user_id, kind, case_id, count, dedupe_id, created_at)
    SELECT gen_random_uuid(), c.assigned_to_id, 'ENTRY_DEADLINE', c.id, 1,
           md5('ENTRY_DEADLINE:' || a.id::text || ':' || a.entry_by_week::text)::uuid, ${now}
      FROM applications a
      JOIN cases c ON c.id = a.case_id
      JOIN users u ON u.id = c.assigned_to_id AND u.status = 'ACTIVE'
     WHERE a.status = 'APPROVED'
       AND a.entry_by_week BETWEEN date_trunc('week', ${today}::date)::date
                               AND date_trunc('week', ${today}::date + ${DEADLINE_SOON_DAYS}::int)::date
       AND c.status NOT IN ('CLOSED', 'RELOCATED')
    ON CONFLICT (user_id, dedupe_id) DO NOTHING`;
  return stays + entries;
}
