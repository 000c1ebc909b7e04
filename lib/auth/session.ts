import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { sessionIdOfRequest } from "./next-auth";
import { can, homePath, type Permission } from "@/lib/access/policy";
import { actorOfSession, type Actor } from "@/lib/access/actor";
import { clientInfo, type ClientInfo } from "./client-info";
import { checkSession, isBackgroundRequest, touchSession, type SessionState } from "./sessions";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The data-access layer's entry point: who is asking. Every page, server action and route handler
 * starts here. The session row is re-read from the database for every request (cached only within
 * the request), so revocation is immediate.
 *
 * Idle means idle: reading the session never renews it. Only the entry points of what a person
 * does (requirePageActor, requireEnrollingActor, requireActor) record activity, and not for
 * background requests (prefetches, `x-waypoint-background`); requireBackgroundActor, for a page's
 * own periodic refresh, never does. An unattended screen that keeps refreshing still reaches the
 * server-side idle timeout, and the idle warning's "Stay signed in" is the way to extend it.
 */

export type { Actor } from "@/lib/access/actor";
export { assertCan } from "@/lib/access/actor";

const currentSession = cache(async (): Promise<SessionState> => {
  // An undecryptable, forged or expired token is simply no session.
  const sid = await sessionIdOfRequest();
  if (!sid) return { ended: "missing" };
  return checkSession(sid, new Date(), { touch: false });
});

/**
 * This request is the person's doing: the session's idle clock starts again (once per render; the
 * session read by the caller is passed in, since outside a render, in a server action, React's
 * cache keeps nothing and reading it again would be a second query).
 */
const recordActivity = cache(async (state: SessionState): Promise<void> => {
  if (!("live" in state)) return;
  if (isBackgroundRequest(await headers())) return;
  await touchSession(state.live);
});

/** The session and its actor (null without a full or enrolling session), read once. */
async function currentActor(): Promise<{ state: SessionState; actor: Actor | null }> {
  const state = await currentSession();
  if (!("live" in state)) return { state, actor: null };
  return { state, actor: { ...actorOfSession(state.live), request: await headers() } };
}

/** The signed-in actor with a full session, or null. Does not count as activity. */
export const getActor = cache(async (): Promise<Actor | null> => (await currentActor()).actor);

function loginPath(state: SessionState): string {
  return "ended" in state && state.ended !== "missing" ? `/login?ended=${state.ended}` : "/login";
}

/**
 * For pages. No session: redirect to /login. Enrolment-only session: redirect to /enrol.
 * Missing permission: not found (the page does not exist for this role).
 */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  const { state, actor } = await currentActor();
  if (!actor) redirect(loginPath(state));
  await recordActivity(state);
  if (actor.enrolmentOnly) redirect("/enrol");
  if (permission && !can(actor.role, permission)) notFound();
  return actor;
}

/**
 * Where the front door (`/`) sends this request: the sign-in page without a session, enrolment for
 * an enrolment-only one, otherwise the home of the person's role. Counts as activity, like a page.
 */
export async function startPathOfRequest(): Promise<string> {
  const { state, actor } = await currentActor();
  if (!actor) return loginPath(state);
  await recordActivity(state);
  return actor.enrolmentOnly ? "/enrol" : homePath(actor.role);
}

/** For pages that an enrolment-only session may see (the enrolment page itself). */
export async function requireEnrollingActor(): Promise<Actor> {
  const { state, actor } = await currentActor();
  if (!actor) redirect(loginPath(state));
  await recordActivity(state);
  return actor;
}

/**
 * For server actions and route handlers: throws UnauthenticatedError (401) or ForbiddenError (403).
 * Enrolment-only sessions count as unauthenticated for everything but enrolment.
 */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const { state, actor } = await currentActor();
  if (!actor || actor.enrolmentOnly) throw new UnauthenticatedError();
  await recordActivity(state);
  if (permission && !can(actor.role, permission)) throw new ForbiddenError();
  return actor;
}

/**
 * For requests a page makes on its own, such as the dashboard's periodic refresh: like requireActor
 * (an idle, revoked or expired session is refused), but the request is not activity, so it cannot
 * keep the session open.
 */
export async function requireBackgroundActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor || actor.enrolmentOnly) throw new UnauthenticatedError();
  if (permission && !can(actor.role, permission)) throw new ForbiddenError();
  return actor;
}

/** The client of the current request (coarse network, browser label): for step-up (lib/auth/step-up.ts) and audit entries. */
export async function requestClient(): Promise<ClientInfo> {
  return clientInfo(await headers());
}
