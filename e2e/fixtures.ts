import { test as base, expect, type BrowserContext } from "@playwright/test";
import type { Role } from "@/lib/db/generated/enums";
import { SESSION_COOKIE, sessionCookieFor, signedInUser } from "@/lib/testing/e2e-session";
import { createSessionFor } from "@/lib/testing/factories";

export type SignedIn = Awaited<ReturnType<typeof signedInUser>>;

async function setSessionCookie(context: BrowserContext, baseURL: string, cookie: string) {
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

export const test = base.extend<{
  /** Signs the page's browser context in as a brand-new user of the role. */
  loginAs: (role: Role, options?: Parameters<typeof signedInUser>[1]) => Promise<SignedIn>;
  /** Signs the context in as an existing user (a new session). */
  loginAsUser: (userId: string) => Promise<void>;
}>({
  loginAs: async ({ context, baseURL }, use) => {
    await use(async (role, options) => {
      const user = await signedInUser(role, options);
      await setSessionCookie(context, baseURL!, user.cookie);
      return user;
    });
  },
  loginAsUser: async ({ context, baseURL }, use) => {
    await use(async (userId) => {
      const { sessionId } = await createSessionFor(userId);
      await setSessionCookie(context, baseURL!, await sessionCookieFor(sessionId));
    });
  },
});

export { expect };
