import { randomInt } from "node:crypto";
import { test as base, expect, type APIRequestContext, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import type { Role } from "@/lib/db/generated/enums";
import { SESSION_COOKIE, sessionCookieFor, signedInUser } from "@/lib/testing/e2e-session";
import { createSessionFor } from "@/lib/testing/factories";

export type SignedIn = Awaited<ReturnType<typeof signedInUser>>;

/**
 * A network of its own (the e2e server trusts one proxy, so X-Forwarded-For names the client). Every
 * browser of every test gets one: the sign-in throttle counts failures per network (step-ups too),
 * and a whole suite behind 127.0.0.1 would reach that limit and refuse the later specs' codes.
 */
export function ownNetwork(): Record<string, string> {
  return { "X-Forwarded-For": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
}

async function setSessionCookie(context: BrowserContext, baseURL: string, cookie: string) {
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** A second browser (its own cookies), for journeys where two people act at once. */
export interface OtherBrowser {
  context: BrowserContext;
  page: Page;
  /** Signs this browser in as a brand-new user of the role. */
  loginAs: (role: Role, options?: Parameters<typeof signedInUser>[1]) => Promise<SignedIn>;
  /** Signs this browser in as an existing user (a new session). */
  loginAsUser: (userId: string) => Promise<void>;
}

export const test = base.extend<{
  /** Signs the page's browser context in as a brand-new user of the role. */
  loginAs: (role: Role, options?: Parameters<typeof signedInUser>[1]) => Promise<SignedIn>;
  /** Signs the context in as an existing user (a new session). */
  loginAsUser: (userId: string) => Promise<void>;
  /** Opens another, separate browser context; closed at the end of the test. */
  openBrowser: (options?: BrowserContextOptions) => Promise<OtherBrowser>;
  /**
   * A bare HTTP client (no browser) holding the given session cookie, or none for an anonymous
   * caller; disposed at the end of the test. For requests a browser would not make.
   */
  httpClient: (sessionCookie?: string | null) => Promise<APIRequestContext>;
}>({
  extraHTTPHeaders: async ({}, use) => {
    await use(ownNetwork());
  },
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
  openBrowser: async ({ browser, baseURL }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext({ baseURL, locale: "en-GB", extraHTTPHeaders: ownNetwork(), ...options });
      opened.push(context);
      const page = await context.newPage();
      return {
        context,
        page,
        loginAs: async (role, userOptions) => {
          const user = await signedInUser(role, userOptions);
          await setSessionCookie(context, baseURL!, user.cookie);
          return user;
        },
        loginAsUser: async (userId) => {
          const { sessionId } = await createSessionFor(userId);
          await setSessionCookie(context, baseURL!, await sessionCookieFor(sessionId));
        },
      };
    });
    await Promise.all(opened.map((context) => context.close()));
  },
  // Every page of every test: a message key shown instead of text (a namespace missing from a
  // page's ClientMessages) or a hydration mismatch fails the test that met it.
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /MISSING_MESSAGE|INSUFFICIENT_PATH|hydrat/i.test(message.text()))
        problems.push(message.text().slice(0, 300));
    });
    await use(page);
    expect(problems, "console errors from next-intl or React hydration").toEqual([]);
  },
  httpClient: async ({ playwright, baseURL }, use) => {
    const opened: APIRequestContext[] = [];
    await use(async (sessionCookie) => {
      const cookies = sessionCookie
        ? [
            {
              name: SESSION_COOKIE,
              value: sessionCookie,
              domain: new URL(baseURL!).hostname,
              path: "/",
              expires: -1,
              httpOnly: true,
              secure: false,
              sameSite: "Lax" as const,
            },
          ]
        : [];
      const client = await playwright.request.newContext({ baseURL, storageState: { cookies, origins: [] } });
      opened.push(client);
      return client;
    });
    await Promise.all(opened.map((client) => client.dispose()));
  },
});

export { expect };
