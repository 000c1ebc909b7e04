import "server-only";
import { cookies } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { clientInfo } from "./client-info";
import { SignInSchema } from "./schemas";
import { decryptSessionToken } from "./session-token";
import { checkSession } from "./sessions";
import { signInWithPassword } from "./sign-in";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Auth.js carries the session id, and nothing else, in its encrypted token (Credentials sign-in
 * means JWT sessions). The database row behind that id is the truth and is checked on every
 * request by lib/auth/session.ts. Auth.js' HTTP routes (/api/auth/*) are not mounted: sign-in and
 * sign-out run in-process from server actions, so there is no second way in.
 *
 * Two providers: "credentials" (e-mail, password, second factor) and "enrolment-link", which only
 * puts into the cookie an enrolment-only session that an invitation or recovery link has just
 * opened in the same server action, after checking its activation code (ADR 013).
 */

/** An enrolment session handed to the cookie must be this fresh: it was opened by the same request. */
const ENROLMENT_HANDOVER_MS = 60_000;

export class SignInRefused extends CredentialsSignin {
  constructor(
    readonly reasonCode: "invalid" | "throttled" | "suspended" | "malformed",
    readonly retryAfterSeconds?: number,
  ) {
    super();
    this.code = reasonCode;
  }
}

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

function cookieSecurity() {
  const secure = env().APP_URL.startsWith("https://");
  return {
    secure,
    // __Host-: Secure, Path=/, no Domain: the cookie cannot be set or read by a sibling subdomain.
    name: secure ? "__Host-waypoint.session" : "waypoint.session",
  };
}

/**
 * The session id this request's cookie carries: the token decrypted (and its expiry checked) the way
 * Auth.js does, salted with the cookie's name, and nothing more (lib/auth/session-token.ts). Auth.js' own `auth()` also runs its
 * callbacks and re-encrypts a refreshed token on every call, which a server component cannot even
 * set; the database row, not the token, says whether the session lives (lib/auth/sessions.ts).
 * Undefined when the cookie is missing, cannot be decrypted or has expired.
 */
export async function sessionIdOfRequest(): Promise<string | undefined> {
  const name = sessionCookieName();
  const token = (await cookies()).get(name)?.value;
  if (!token) return undefined;
  const payload = await decryptSessionToken(token, env().AUTH_SECRET, name);
  return typeof payload?.sid === "string" ? payload.sid : undefined;
}

export function sessionCookieName(): string {
  return cookieSecurity().name;
}

export const { signIn, signOut } = NextAuth(() => {
  const cookie = cookieSecurity();
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    useSecureCookies: cookie.secure,
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_HOURS * 3600 },
    cookies: {
      sessionToken: {
        name: cookie.name,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.secure },
      },
    },
    pages: { signIn: "/login", error: "/login" },
    // Auth.js' own console logging would print every refused sign-in as an error with a stack; refusals
    // are audited instead. Its other errors go to the structured log, without their details.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) return;
        logger().error({ err: { name: error.name, message: error.message } }, "auth.js error");
      },
      warn(code) {
        logger().warn({ code }, "auth.js warning");
      },
      debug() {},
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, code: {} },
        async authorize(credentials, request) {
          const parsed = SignInSchema.safeParse(credentials);
          if (!parsed.success) throw new SignInRefused("malformed");
          const result = await signInWithPassword(parsed.data, clientInfo(request.headers));
          if (!result.ok) throw new SignInRefused(result.reason, result.retryAfterSeconds);
          // The "user" Auth.js sees is the session: its id is the only thing put in the token.
          return { id: result.sessionId };
        },
      }),
      Credentials({
        id: "enrolment-link",
        credentials: { sessionId: {} },
        async authorize(credentials) {
          const sessionId = typeof credentials.sessionId === "string" ? credentials.sessionId : "";
          if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) throw new SignInRefused("malformed");
          const state = await checkSession(sessionId);
          const fresh = "live" in state && state.live.enrolmentOnly && Date.now() - state.live.createdAt.getTime() < ENROLMENT_HANDOVER_MS;
          if (!fresh) throw new SignInRefused("invalid");
          return { id: sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) return { sid: user.id };
        return typeof token.sid === "string" ? { sid: token.sid } : null;
      },
      session({ session, token }) {
        return { expires: session.expires, sid: typeof token.sid === "string" ? token.sid : undefined } as typeof session;
      },
    },
  };
});
