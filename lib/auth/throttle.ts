import "server-only";
import { createHmac } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Failed sign-ins, and failed password or code checks inside a session (lib/auth/step-up.ts), are
 * counted in PostgreSQL, so that every app instance sees the same counters, under three keys at once:
 *
 * - the account from one network (5 free failures): guessing one account from one place;
 * - the account from every network together (50): guessing one account from many places. It is
 *   reached much later on purpose: failures from elsewhere must not lock the owner out from their
 *   own network, so locking a known colleague out takes an attacker 50 guesses, not 5;
 * - the network across every account (30): password spraying, one guess at each of many accounts.
 *
 * Past its free allowance each further failure doubles that key's wait (30 s, 1 min, 2 min ... up
 * to 15 min). Counters are kept for any e-mail typed, existing or not, so the throttle's answers
 * never reveal whether an account exists. Keys are HMACs: the table holds neither e-mails nor
 * addresses. The network is the client's coarse network (lib/auth/client-info.ts), known in the
 * default configuration too (the connection's own address).
 */

export const ACCOUNT_NETWORK_FREE_FAILURES = 5;
export const ACCOUNT_FREE_FAILURES = 50;
export const NETWORK_FREE_FAILURES = 30;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;
/** A counter with no failure for this long starts again from zero. */
const FORGET_AFTER_HOURS = 24;

type KeyKind = "a" | "an" | "n" | "s";

function keyed(kind: KeyKind, value: string): string {
  return `${kind}:${createHmac("sha256", `${env().AUTH_SECRET}:throttle`).update(`${kind}\n${value}`).digest("base64url")}`;
}

export interface ThrottleKeys {
  /** The account as tried from this network. */
  accountNetwork: string;
  /** The account, from every network. */
  account: string;
  /** The network, for every account; null when no trustworthy network is known. */
  network: string | null;
}

export function throttleKeys(email: string, network: string): ThrottleKeys {
  const account = email.toLowerCase();
  return {
    accountNetwork: keyed("an", `${account}\n${network}`),
    account: keyed("a", account),
    network: network === "unknown" ? null : keyed("n", network),
  };
}

export function lockSeconds(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - freeFailures));
}

/** Each key with its free allowance, in the order they are counted. */
function limits(keys: ThrottleKeys): Array<[key: string, freeFailures: number]> {
  return [
    [keys.accountNetwork, ACCOUNT_NETWORK_FREE_FAILURES],
    [keys.account, ACCOUNT_FREE_FAILURES],
    ...(keys.network ? [[keys.network, NETWORK_FREE_FAILURES] as [string, number]] : []),
  ];
}

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

/** Takes back one counted attempt (a success, or an attempt refused by another key). */
async function uncount(key: string, freeFailures: number): Promise<void> {
  await db().$executeRaw`
    UPDATE login_throttles SET
      failures = GREATEST(failures - 1, 0),
      locked_until = CASE WHEN failures - 1 < ${freeFailures} THEN NULL ELSE locked_until END
    WHERE key = ${key}`;
}

async function secondsLocked(keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db().loginThrottle.findMany({
    where: { key: { in: limits(keys).map(([key]) => key) }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Counts an attempt against the account from this network, the account and the network. Every
 * attempt counts as a failure until it succeeds (then `attemptSucceeded` takes it back), so there
 * is no window between checking and counting. Refused (with the seconds to wait, and counted
 * nowhere) while any of the three is locked.
 */
export async function countSignInAttempt(
  keys: ThrottleKeys,
  now = new Date(),
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const counted: Array<[string, number]> = [];
  for (const [key, freeFailures] of limits(keys)) {
    if ((await countAttempt(key, freeFailures, now)) === null) {
      for (const [done, free] of counted) await uncount(done, free);
      return { allowed: false, retryAfterSeconds: await secondsLocked(keys, now) };
    }
    counted.push([key, freeFailures]);
  }
  return { allowed: true };
}

/**
 * After a success the account starts again from this network. The account's and the network's
 * counters only give back this attempt: a valid account must not let an attacker reset the counter
 * of the network they guess other accounts from, and the owner's success elsewhere must not give
 * an attacker spreading guesses over many networks a fresh allowance.
 */
export async function attemptSucceeded(keys: ThrottleKeys): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: keys.accountNetwork } });
  await uncount(keys.account, ACCOUNT_FREE_FAILURES);
  if (keys.network) await uncount(keys.network, NETWORK_FREE_FAILURES);
}

// ---------------------------------------------------------------------------------------------
// Step-up failures of one session (lib/auth/step-up.ts): past a few, the session is ended.

function sessionKey(sessionIdHash: string): string {
  return keyed("s", sessionIdHash);
}

/** Counts one failed step-up check of a session; returns its failures so far. */
export async function countSessionStepUpFailure(sessionIdHash: string, now = new Date()): Promise<number> {
  const rows = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO login_throttles (key, failures, last_failure_at, locked_until)
    VALUES (${sessionKey(sessionIdHash)}, 1, ${now}, NULL)
    ON CONFLICT (key) DO UPDATE SET failures = login_throttles.failures + 1, last_failure_at = ${now}
    RETURNING failures`;
  return rows[0]?.failures ?? 1;
}

/** A session's step-up passed: its failures are forgotten. */
export async function clearSessionStepUpFailures(sessionIdHash: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: sessionKey(sessionIdHash) } });
}
