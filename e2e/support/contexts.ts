import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { Role } from "@/lib/db/generated/enums";
import { SESSION_COOKIE, sessionCookieFor, signedInUser } from "@/lib/testing/e2e-session";
import { createSessionFor } from "@/lib/testing/factories";

/** A separate browser (context) signed in as a user, for journeys with several people. */
export interface Person {
  context: BrowserContext;
  page: Page;
  userId: string;
  email: string;
}

export async function personWithRole(browser: Browser, baseURL: string, role: Role): Promise<Person> {
  const user = await signedInUser(role);
  const context = await browser.newContext({ baseURL, locale: "en-GB" });
  await context.addCookies([{ name: SESSION_COOKIE, value: user.cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return { context, page: await context.newPage(), userId: user.id, email: user.email };
}

export async function personForUser(browser: Browser, baseURL: string, user: { id: string; email: string }): Promise<Person> {
  const { sessionId } = await createSessionFor(user.id);
  const context = await browser.newContext({ baseURL, locale: "en-GB" });
  await context.addCookies([
    { name: SESSION_COOKIE, value: await sessionCookieFor(sessionId), url: baseURL, httpOnly: true, sameSite: "Lax" },
  ]);
  return { context, page: await context.newPage(), userId: user.id, email: user.email };
}
