import { randomBytes } from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { SESSION_COOKIE } from "@/lib/testing/e2e-session";
import { createCase, createUser } from "@/lib/testing/factories";
import { expect, ownNetwork, test } from "./fixtures";
import { discoverPages, discoverRouteHandlers, fillRoute } from "./support/app-routes";
import { enrollingUser, sessionFor, type Principal } from "./support/principals";
import { getRsc } from "./support/rsc";
import { findAction, callServerAction, formData } from "./support/server-actions";
import { signIn } from "./support/sign-in";

/**
 * Every response carries the security headers of lib/security/headers.ts, with a fresh CSP nonce;
 * and in Chromium, the pages work under that policy without a single violation.
 */

/** A server action (a sign-in runs argon2) can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };

interface Checked {
  what: string;
  response: APIResponse;
}

/** The headers every dynamic response must carry (proxy.ts adds them); returns the CSP nonce. */
function expectSecurityHeaders({ what, response }: Checked): string {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d]),
  );
  const scriptSrc = directives.get("script-src") ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect.soft(nonce, `${what}: a nonce in script-src (${csp})`).toBeTruthy();
  expect.soft(scriptSrc, `${what}: no inline or eval'd scripts`).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  expect.soft(directives.get("frame-ancestors"), `${what}: frame-ancestors`).toBe("frame-ancestors 'none'");
  expect.soft(directives.get("object-src"), `${what}: object-src`).toBe("object-src 'none'");
  expect.soft(directives.has("upgrade-insecure-requests"), `${what}: no upgrade-insecure-requests over http`).toBe(false);
  expect.soft(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect.soft(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("no-referrer");
  expect.soft(headers["cross-origin-opener-policy"], `${what}: Cross-Origin-Opener-Policy`).toBe("same-origin");
  expect.soft(headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  const permissions = (headers["permissions-policy"] ?? "").split(",").map((p) => p.trim());
  for (const feature of ["camera", "microphone", "geolocation"])
    expect.soft(permissions, `${what}: Permissions-Policy disables ${feature}`).toContain(`${feature}=()`);
  expect.soft(headers["x-request-id"], `${what}: X-Request-Id`).toMatch(/^[0-9a-f-]{36}$/);
  expect.soft(headers["strict-transport-security"], `${what}: no HSTS on plain http`).toBeUndefined();
  return nonce ?? "";
}

test.describe("security headers on every response", () => {
  test("pages (HTML and RSC), route handlers, a static file, a 404 and a refused request all carry them, each with its own nonce", async ({
    httpClient,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const caseworker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    const samples = { code: kase.code, token: "not-a-valid-invitation-token", country: "KZ" };
    const checked: Checked[] = [];

    for (const principal of ["anonymous", "CASEWORKER", "COORDINATOR", "ADMIN"] satisfies Principal[]) {
      const client = await httpClient(await sessionFor(principal));
      for (const pattern of discoverPages()) {
        const url = fillRoute(pattern, samples);
        const page = await client.get(url, { maxRedirects: 0 });
        checked.push({ what: `${principal} GET ${url} (${page.status()})`, response: page });
        // Next.js stamps each of its scripts with the response's nonce; a script without it would not run.
        if (page.status() === 200) {
          const nonce = expectSecurityHeaders(checked.at(-1)!);
          const scripts = [...(await page.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
          expect(scripts.length, `${principal} GET ${url}: has scripts`).toBeGreaterThan(0);
          for (const script of scripts)
            expect.soft(script, `${principal} GET ${url}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
        }
        const rsc = await getRsc(client, url);
        checked.push({ what: `${principal} RSC ${url} (${rsc.status()})`, response: rsc });
      }
      for (const handler of discoverRouteHandlers()) {
        const [method, pattern] = handler.split(" ") as [string, string];
        // A POST (an export) as the app's own form sends it; and a GET of it, which Next.js answers 405.
        const response = await client.fetch(fillRoute(pattern, samples), {
          method,
          maxRedirects: 0,
          ...(method === "GET" ? {} : { headers: { Origin: baseURL! }, form: {} }),
        });
        checked.push({ what: `${principal} ${handler} (${response.status()})`, response });
        if (method !== "GET") {
          const refused = await client.get(fillRoute(pattern, samples), { maxRedirects: 0 });
          expect(refused.status(), `${principal} GET ${pattern}`).toBe(405);
          checked.push({ what: `${principal} GET ${pattern} (405)`, response: refused });
        }
      }
      const missing = await client.get(`/no-such-page-${randomBytes(4).toString("hex")}`, { maxRedirects: 0 });
      expect(missing.status()).toBe(404);
      checked.push({ what: `${principal} 404`, response: missing });
    }

    // A static file served by the app (the icon), and a request the proxy refuses (a forged POST).
    const anonymous = await httpClient(null);
    const icon = await anonymous.get("/icon.svg");
    expect(icon.status()).toBe(200);
    checked.push({ what: "GET /icon.svg", response: icon });
    const action = findAction("app/login/actions.ts", "signInAction");
    const forged = await anonymous.post("/login", {
      headers: { "Next-Action": action.id, Origin: "https://evil.example" },
      multipart: formData({ email: "a@b.c" }),
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    checked.push({ what: "forged POST /login (403)", response: forged });

    const nonces = checked.map(expectSecurityHeaders);
    expect(new Set(nonces).size, "every response has its own nonce").toBe(nonces.length);
    const requestIds = checked.map((c) => c.response.headers()["x-request-id"]);
    expect(new Set(requestIds).size, "every response has its own request id").toBe(requestIds.length);
    // The sign-in action still works from the app's own origin (the refusal was the origin's doing).
    const allowed = await callServerAction(anonymous, {
      id: action.id,
      path: "/login",
      origin: baseURL!,
      args: [null, formData({ email: "a@b.c" })],
      headers: { "X-Forwarded-For": "10.9.9.9" },
    });
    expect(allowed.result).toMatchObject({ ok: false, status: 422, error: "invalid_input" });
  });

  test("Next.js's immutable static files carry the request-independent headers from next.config.js", async ({ httpClient }) => {
    const client = await httpClient(null);
    const html = await (await client.get("/login")).text();
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(chunk, "the login page loads a script from /_next/static").toBeTruthy();
    const response = await client.get(chunk!);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

/** Collects CSP violations (the DOM event, and Chromium's console report) and script errors of a page. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = found;
    document.addEventListener("securitypolicyviolation", (event) => {
      found.push(`${event.violatedDirective} blocked ${event.blockedURI || "(inline)"} ${event.sample}`);
    });
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return async () => {
    const violations = await page
      .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
      .catch(() => []);
    return [...problems.splice(0), ...violations.map((v) => `violation: ${v}`)];
  };
}

/** The page hydrated: React took over, so its scripts ran under the policy. */
async function expectHydrated(page: Page, what: string): Promise<void> {
  await expect
    .poll(async () => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version === "string"), {
      message: `${what}: Next.js booted`,
      timeout: 20_000,
    })
    .toBe(true);
}

test.describe("the pages work under the policy", () => {
  test.setTimeout(240_000);

  test("the watch sees a violation when there is one: an injected inline event handler is blocked and reported", async ({ page }) => {
    const check = await watchPolicy(page);
    await page.goto("/login");
    await expectHydrated(page, "/login");
    await page.evaluate(() => {
      const button = document.createElement("button");
      button.setAttribute("onclick", "window.__injected = true");
      document.body.append(button);
      button.click();
    });
    let reported: string[] = [];
    await expect
      .poll(async () => (reported = [...reported, ...(await check())]).length, { message: "the blocked handler is reported" })
      .toBeGreaterThan(0);
    expect(reported.join("\n")).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  test("signing in with the login form (JavaScript) and every page of each role run without a CSP violation", async ({
    openBrowser,
    baseURL,
  }) => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const contact = `@csp_contact_${randomBytes(3).toString("hex")}`;
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id, contactChannel: contact });
    const network = ownNetwork();

    // The login form, submitted with JavaScript by a person.
    const visitor = await openBrowser({ extraHTTPHeaders: network });
    const checkVisitor = await watchPolicy(visitor.page);
    await visitor.page.goto("/login");
    await expectHydrated(visitor.page, "/login");
    expect(await checkVisitor(), "/login").toEqual([]);
    await signIn(visitor.page, { email: caseworker.email, password: caseworker.password, code: totpCodeAt(caseworker.totpSecret!) });
    await visitor.page.waitForURL((url) => url.pathname === "/home", SERVER_ROUND_TRIP);
    await expect(visitor.page.getByRole("heading", { name: "My work" })).toBeVisible(SERVER_ROUND_TRIP);
    expect(await checkVisitor(), "after signing in").toEqual([]);

    // The caseworker's pages; the case page's "Show contact channel" runs a server action.
    const page = visitor.page;
    for (const path of ["/home", "/cases", "/cases/new", "/account"]) {
      await page.goto(path);
      await expectHydrated(page, path);
      expect(await checkVisitor(), `caseworker ${path}`).toEqual([]);
    }
    await page.goto(`/cases/${kase.code}`);
    await expectHydrated(page, "case page");
    await page.getByRole("button", { name: "Show contact channel" }).click();
    await expect(page.getByTestId("contact-channel")).toHaveText(contact, SERVER_ROUND_TRIP);
    expect(await checkVisitor(), "caseworker case page").toEqual([]);

    // Coordinator, admin and an enrolling user, each in a browser of their own.
    const roles: Array<{ role: "COORDINATOR" | "ADMIN"; paths: string[] }> = [
      { role: "COORDINATOR", paths: ["/dashboard", "/cases", `/cases/${kase.code}`, "/account"] },
      { role: "ADMIN", paths: ["/admin/users", "/admin/audit", "/account"] },
    ];
    for (const { role, paths } of roles) {
      const browser = await openBrowser({ extraHTTPHeaders: network });
      await browser.loginAs(role);
      const check = await watchPolicy(browser.page);
      for (const path of paths) {
        const response = await browser.page.goto(path);
        expect(response?.status(), `${role} ${path}`).toBe(200);
        await expectHydrated(browser.page, `${role} ${path}`);
        expect(await check(), `${role} ${path}`).toEqual([]);
      }
      if (role === "ADMIN") {
        // An admin's form, with JavaScript: an invitation link appears.
        await browser.page.goto("/admin/users");
        const invite = browser.page.getByRole("region", { name: "Invite a user" });
        await invite.getByLabel("E-mail").fill(`csp-${randomBytes(3).toString("hex")}@test.example`);
        await invite.getByLabel("Role").selectOption({ label: "Caseworker" });
        await invite.getByRole("button", { name: "Create invitation" }).click();
        await expect(invite.getByLabel("Invitation link")).toHaveValue(/\/invite\//, SERVER_ROUND_TRIP);
        expect(await check(), "admin invites").toEqual([]);
      }
    }

    // A user who has not confirmed an authenticator yet: an enrolment-only session.
    const enrolling = await enrollingUser();
    const enrol = await openBrowser({ extraHTTPHeaders: network });
    await enrol.context.addCookies([{ name: SESSION_COOKIE, value: enrolling.cookie, url: baseURL!, httpOnly: true, sameSite: "Lax" }]);
    const checkEnrol = await watchPolicy(enrol.page);
    const response = await enrol.page.goto("/enrol");
    expect(response?.status()).toBe(200);
    await expect(enrol.page.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
    await expectHydrated(enrol.page, "/enrol");
    expect(await checkEnrol(), "/enrol").toEqual([]);
    expect(await db().user.count({ where: { id: enrolling.id, totpEnrolledAt: null } })).toBe(1);
  });
});
