import { db } from "@/lib/db/client";
import { sessionCookieFor, signedInUser } from "@/lib/testing/e2e-session";
import { createSessionFor, createUser, type CreatedUser } from "@/lib/testing/factories";

/**
 * Who asks, in the security specs (one fresh user and database session each):
 *   anonymous    no session cookie
 *   enrolling    signed in with a password but no second factor yet (may only enrol)
 *   CASEWORKER, COORDINATOR, ADMIN   a full session of that role
 */
export const PRINCIPALS = ["anonymous", "enrolling", "CASEWORKER", "COORDINATOR", "ADMIN"] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** A user who accepted an invitation but has not confirmed an authenticator yet (a pending secret). */
export async function enrollingUser(): Promise<CreatedUser & { cookie: string }> {
  const user = await createUser({ role: "CASEWORKER" });
  await db().user.update({ where: { id: user.id }, data: { totpEnrolledAt: null } });
  const { sessionId } = await createSessionFor(user.id, { enrolmentOnly: true });
  return { ...user, cookie: await sessionCookieFor(sessionId) };
}

/** A session cookie for a brand-new principal of that kind (null for anonymous). */
export async function sessionFor(principal: Principal): Promise<string | null> {
  if (principal === "anonymous") return null;
  if (principal === "enrolling") return (await enrollingUser()).cookie;
  return (await signedInUser(principal)).cookie;
}

/** A new session cookie for an existing user (as after signing in again). */
export async function newSessionCookie(userId: string): Promise<string> {
  const { sessionId } = await createSessionFor(userId);
  return sessionCookieFor(sessionId);
}
