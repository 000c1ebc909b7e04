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

type Keys = { account: string; network: string | null };

/**
 * Counts one attempt against a key *before* the credentials are checked, in the same statement
 * that checks the lock: of many parallel guesses, each is counted, and none slips past the lock
 * while the others are still being verified. Returns null when the key is locked (attempt refused,
 * not counted), else the attempt's number.
 */
async function countAttempt(key: string, freeFailures: number, now: Date): Promise<number | null> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_HOURS * 3_600_000);
  const rows = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO login_throttles (key, failures, last_failure_at, locked_until)
    VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${freeFailures} THEN ${now}::timestamptz + make_interval(secs => ${BASE_DELAY_SECONDS}) END)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.last_failure_at < ${forgetBefore} THEN 1 ELSE login_throttles.failures + 1 END,
      last_failure_at = ${now},
      locked_until = CASE
        WHEN (CASE WHEN login_throttles.last_failure_at < ${forgetBefore} THEN 1 ELSE login_throttles.failures + 1 END) >= ${freeFailures}
        THEN ${now}::timestamptz + make_interval(secs => LEAST(${MAX_DELAY_SECONDS}, ${BASE_DELAY_SECONDS} * power(2, (CASE WHEN login_throttles.last_failure_at < ${forgetBefore} THEN 1 ELSE login_throttles.failures + 1 END) - ${freeFailures})))
        ELSE NULL END
    WHERE login_throttles.locked_until IS NULL OR login_throttles.locked_until <= ${now}
    RETURNING failures`;
  return rows[0]?.failures ?? null;
}

/** Takes back one counted attempt (a success, or an attempt refused by the other key). */
async function uncount(key: string, freeFailures: number): Promise<void> {
  await db().$executeRaw`
    UPDATE login_throttles SET
      failures = GREATEST(failures - 1, 0),
      locked_until = CASE WHEN failures - 1 < ${freeFailures} THEN NULL ELSE locked_until END
    WHERE key = ${key}`;
}

async function secondsLocked(keys: Keys, now: Date): Promise<number> {
  const rows = await db().loginThrottle.findMany({
    where: { key: { in: [keys.account, ...(keys.network ? [keys.network] : [])] }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Counts a sign-in attempt against the account and the network. Every attempt counts as a failure
 * until it succeeds (then `attemptSucceeded` takes it back), so there is no window between checking
 * and counting. Refused (with the seconds to wait) while either counter is locked.
 */
export async function countSignInAttempt(keys: Keys, now = new Date()): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  if ((await countAttempt(keys.account, ACCOUNT_FREE_FAILURES, now)) === null) {
    return { allowed: false, retryAfterSeconds: await secondsLocked(keys, now) };
  }
  if (keys.network && (await countAttempt(keys.network, NETWORK_FREE_FAILURES, now)) === null) {
    await uncount(keys.account, ACCOUNT_FREE_FAILURES);
    return { allowed: false, retryAfterSeconds: await secondsLocked(keys, now) };
  }
  return { allowed: true };
}

/**
 * After a successful sign-in the account's counter starts again. The network's only gives back
 * this attempt: a valid account must not let an attacker reset the counter of the network they
 * guess other accounts from.
 */
export async function attemptSucceeded(keys: Keys): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keys.account } });
  if (keys.network) await uncount(keys.network, NETWORK_FREE_FAILURES);
}
