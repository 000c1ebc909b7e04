import "server-only";
import type { ClientInfo } from "@/lib/auth/client-info";
import { attemptSucceeded, countSignInAttempt, throttleKeys } from "@/lib/auth/throttle";
import { TooManyRequestsError } from "@/lib/errors";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Attempts at a link's activation code, throttled with the sign-in throttle's counters
 * (lib/auth/throttle.ts, unchanged): one counter per link (keyed by its token hash, so the admin who
 * holds a link cannot try codes quickly) and the client network's counter, shared with sign-ins.
 * Independently of the throttle, a link is revoked after MAX_CODE_FAILURES wrong codes: 60-bit codes
 * cannot be guessed in ten tries, so whoever gets that far is not the person it was meant for.
 */

export const MAX_CODE_FAILURES = 10;

export type AttemptKeys = ReturnType<typeof throttleKeys>;

/** Counts an attempt before anything is checked; refuses (429) while the link or network is locked. */
export async function beginCodeAttempt(tokenHash: string, client: ClientInfo, now = new Date()): Promise<AttemptKeys> {
  // "activation:" cannot collide with an e-mail's key: an e-mail has an @, a token hash does not.
  const keys = throttleKeys(`activation:${tokenHash}`, client.network);
  const attempt = await countSignInAttempt(keys, now);
  if (!attempt.allowed) throw new TooManyRequestsError("too_many_attempts", attempt.retryAfterSeconds);
  return keys;
}

/** The right code: the link's counter starts again. */
export async function codeAttemptSucceeded(keys: AttemptKeys): Promise<void> {
  await attemptSucceeded(keys);
}
