import "server-only";
import type { Actor } from "@/lib/access/actor";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * A change made on the case page is answered with the page rendered again, in the same request (the
 * server action, then its render). The change's transaction has already counted the case towards
 * the reading monitor (lib/cases/write-pipeline.ts), and its audit entry names the actor and links
 * the case: the render that follows shows what that entry stands for, it is not a second reading.
 * Without this, every change wrote two entries (the change and a `case.read`) in two transactions,
 * and took the account's reading lock twice.
 *
 * The request is known by the headers object Next.js keeps for it (Actor.request, set by
 * lib/auth/session.ts): the action and the render after it run in one request store and get the
 * same object. Outside a request (scripts, tests, the load generator) there is none: nothing is
 * remembered and the change counts no read. Were a later Next.js to hand out a new object per call,
 * nothing would be found and the render would record its read like any other: the failure mode is
 * an extra entry, never a missing one (e2e/read-after-change.spec.ts checks that a change's answer
 * writes no `case.read`).
 */

const changedInRequest = new WeakMap<object, Set<string>>();

/** After a change of the case committed in the actor's request, with its read counted by the monitor. */
export function rememberChangedCase(actor: Actor, caseId: string): void {
  if (!actor.request) return;
  const changed = changedInRequest.get(actor.request) ?? new Set<string>();
  changed.add(caseId);
  changedInRequest.set(actor.request, changed);
}

/**
 * Whether the case was changed (and its read counted) earlier in the actor's request; forgets it,
 * so the change stands for one render only.
 */
export function takeChangedCase(actor: Actor, caseId: string): boolean {
  const changed = actor.request ? changedInRequest.get(actor.request) : undefined;
  return changed?.delete(caseId) ?? false;
}
