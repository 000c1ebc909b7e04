import "server-only";
import { createHmac } from "node:crypto";
import { db, type Db } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

/**
 * The optional outbound hook (ADR 025, issue 19): off unless NOTIFICATION_HOOK_URL is set. With it,
 * each run of the notification schedule POSTs to the organisation's own relay (a Signal or Matrix
 * bot that tells staff to look at Waypoint) whom new unread notifications wait for and how many of
 * each kind: staff e-mails and the closed list of kinds, never a case code, id or anything typed.
 * The body is signed: `X-Waypoint-Signature: sha256=<HMAC-SHA-256 of the body under
 * NOTIFICATION_HOOK_SECRET>`. Rows are claimed before the request (two instances never announce one
 * twice) and released when it fails, so the next run tries again.
 */

export interface HookTarget {
  url: string;
  secret: string;
}

export interface HookPayload {
  sentAt: string;
  people: Array<{ email: string; unread: Partial<Record<NotificationKind, number>> }>;
}

export function configuredHook(): HookTarget | null {
  const { NOTIFICATION_HOOK_URL: url, NOTIFICATION_HOOK_SECRET: secret } = env();
  return url && secret ? { url, secret } : null;
}

/** Announces the unread notifications not announced yet; null when the hook is off. */
export async function deliverNotificationHook(
  client: Db = db(),
  target: HookTarget | null = configuredHook(),
  now = new Date(),
): Promise<{ announced: number; delivered: boolean } | null> {
  if (!target) return null;
  const claimed = await client.$queryRaw<Array<{ id: string; email: string; kind: NotificationKind }>>`
    UPDATE notifications n SET hook_sent_at = ${now}
      FROM users u
     WHERE u.id = n.user_id AND n.hook_sent_at IS NULL AND n.read_at IS NULL AND u.status = 'ACTIVE'
    RETURNING n.id, u.email, n.kind`;
  if (claimed.length === 0) return { announced: 0, delivered: true };
  const people = new Map<string, Partial<Record<NotificationKind, number>>>();
  for (const row of claimed) {
    const unread = people.get(row.email) ?? {};
    unread[row.kind] = (unread[row.kind] ?? 0) + 1;
    people.set(row.email, unread);
  }
  const payload: HookPayload = { sentAt: now.toISOString(), people: [...people].map(([email, unread]) => ({ email, unread })) };
  const body = JSON.stringify(payload);
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-waypoint-signature": `sha256=${createHmac("sha256", target.secret).update(body).digest("hex")}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: "error",
    });
    if (!response.ok) throw new Error(`the hook answered ${response.status}`);
    return { announced: claimed.length, delivered: true };
  } catch (error) {
    await client.notification.updateMany({ where: { id: { in: claimed.map((c) => c.id) }, hookSentAt: now }, data: { hookSentAt: null } });
    // The host only: the URL's path or query may hold a token.
    logger().warn(
      { host: new URL(target.url).host, err: error instanceof Error ? error.message : String(error) },
      "notification hook failed; retried at the next run",
    );
    return { announced: 0, delivered: false };
  }
}
