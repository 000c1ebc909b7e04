import "server-only";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { createSessionFor, createUser, type CreatedUser } from "./factories";
import type { Role } from "@/lib/db/generated/enums";

/**
 * For end-to-end tests: a new user with a live database session, and the cookie a browser would
 * hold after signing in. Only the sign-in specs type passwords and codes; every other journey
 * starts signed in through this.
 */
export const SESSION_COOKIE = "waypoint.session";

export async function sessionCookieFor(sessionId: string): Promise<string> {
  return encode({ token: { sid: sessionId }, secret: env().AUTH_SECRET, salt: SESSION_COOKIE, maxAge: env().SESSION_MAX_HOURS * 3600 });
}

/**
 * `steppedUpAt`: when the session stepped up for security actions (default: at its start, see
 * createSessionFor; null: never, as after a real sign-in).
 */
export async function signedInUser(
  role: Role,
  options: Parameters<typeof createUser>[0] & { steppedUpAt?: Date | null } = {},
): Promise<CreatedUser & { sessionId: string; cookie: string }> {
  const { steppedUpAt, ...userOptions } = options;
  const user = await createUser({ role, ...userOptions });
  const { sessionId } = await createSessionFor(user.id, { steppedUpAt });
  return { ...user, sessionId, cookie: await sessionCookieFor(sessionId) };
}
