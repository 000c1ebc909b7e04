import "server-only";
import { createHmac } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Failed sign-ins are counted per account and per client network, in PostgreSQL so that every app
 * instance sees the same counters. Past the free allowance each further failure doubles the wait
 * (30 s, 1 min, 2 min ... up to 15 min). Counters are kept for any e-mail typed, existing or not,
 * so the throttle's answers never reveal whether an account exists. Keys are HMACs: the table holds
 * neither e-mails nor addresses.
 */

export const ACCOUNT_FREE_FAILURES = 5;
export const NETWORK_FREE_FAILURES = 30;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;
/** A counter with no failure for this long starts again from zero. */
const FORGET_AFTER_HOURS = 24;

function keyed(kind: "a" | "n", value: string): string {
  return `${kind}:${createHmac("sha256", `${env().AUTH_SECRET}:throttle`).update(value).digest("base64url")}`;
}

export function throttleKeys(email: string, network: string): { account: string; network: string | null } {
  return { account: keyed("a", email.toLowerCase()), network: network === "unknown" ? null : keyed("n", network) };
}

export function lockSeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - freeFailures));
}

/** Seconds to wait before another attempt is allowed for these keys; 0 when allowed now. */
export async function throttleWait(keys: { account: string; network: string | null }, now = new Date()): Promise<number> {
  const rows = await db().loginThrottle.findMany({
    where: { key: { in: [keys.account, ...(keys.network ? [keys.network] : [])] }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

async function bump(key: string, freeFailures: number): Promise<void> {
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO login_throttles (key, failures, last_failure_at)
    VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.last_failure_at < now() - make_interval(hours => ${FORGET_AFTER_HOURS})
                      THEN 1 ELSE login_throttles.failures + 1 END,
      last_failure_at = now()
    RETURNING failures`;
  const seconds = lockSeconds(row?.failures ?? 1, freeFailures);
  if (seconds > 0) {
    await db().$executeRaw`UPDATE login_throttles SET locked_until = now() + make_interval(secs => ${seconds}) WHERE key = ${key}`;
  }
}

export async function recordFailure(keys: { account: string; network: string | null }): Promise<void> {
  await bump(keys.account, ACCOUNT_FREE_FAILURES);
  if (keys.network) await bump(keys.network, NETWORK_FREE_FAILURES);
}

/**
 * After a successful sign-in the account's counter starts again. The network's does not: a valid
 * account must not let an attacker reset the counter of the network they guess other accounts from.
 */
export async function clearAccount(keys: { account: string }): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keys.account } });
}
