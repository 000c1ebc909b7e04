import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { createServer } from "node:net";
import type { Page, Response } from "@playwright/test";
import { checkSession, hashSessionId } from "@/lib/auth/sessions";
import { throttleKeys } from "@/lib/auth/throttle";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { getRsc } from "./support/rsc";
import { signIn } from "./support/sign-in";

/**
 * "No single person, and no stolen session, can take an account or widen access": attacks that
 * worked before and must fail now. (Step-up for a new password, new recovery codes and signing out
 * everywhere: account.spec.ts.)
 */

const GENERIC_REFUSAL = "The e-mail, password or code is not correct.";
const TOO_MANY = /Too many attempts\. Wait \d+ minutes? and try again\./;
/** A sign-in (argon2) or another server action can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };

async function expectRefused(page: Page, message: string | RegExp) {
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible(SERVER_ROUND_TRIP);
  await expect(page).toHaveURL(/\/login$/);
}

function someNetwork(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * The same build, started a second time in the default configuration: no reverse proxy trusted
 * (TRUSTED_PROXY_COUNT unset), so X-Forwarded-For is the client's to write. The suite's own server
 * trusts one proxy hop, as its other specs present client addresses that way.
 */
async function startDefaultServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { TRUSTED_PROXY_COUNT: _trusted, NODE_OPTIONS: _options, ...inherited } = process.env;
  const child: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...inherited,
      DATABASE_URL: process.env.APP_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
      APP_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      DASHBOARD_CACHE_SECONDS: "0",
    },
    stdio: "ignore",
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error("the second server did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.describe("throttling sign-ins", () => {
  test("40 wrong passwords for 40 accounts from one address are throttled without a trusted proxy, however the client fills in X-Forwarded-For", async ({
    openBrowser,
  }) => {
    test.setTimeout(300_000);
    // This browser reaches the server from 127.0.0.1. Its network starts with a clean record (other
    // specs' failed checks on the suite's own server may have come from it too, through the
    // X-Forwarded-For Next.js fills in), and gets one again afterwards, for the specs that follow.
    const ownNetwork = throttleKeys("anyone@test.example", "127.0.0.0/24").network!;
    const forgetOwnNetwork = () => db().loginThrottle.deleteMany({ where: { key: ownNetwork } });
    await forgetOwnNetwork();
    const server = await startDefaultServer();
    try {
      const accounts = await Promise.all(Array.from({ length: 40 }, () => createUser({ role: "CASEWORKER" })));
      const { page } = await openBrowser({ baseURL: server.url });
      const answers: string[] = [];
      for (const [i, account] of accounts.entries()) {
        // A spraying script claims a new address for every attempt.
        await page.setExtraHTTPHeaders({ "X-Forwarded-For": someNetwork() });
        await signIn(page, { email: account.email, password: `wrong-password-${i}`, code: totpCodeAt(account.totpSecret!) });
        const alert = page.getByRole("alert").filter({ hasText: new RegExp(`${GENERIC_REFUSAL.replace(/\./g, "\\.")}|Too many attempts`) });
        await expect(alert).toBeVisible(SERVER_ROUND_TRIP);
        answers.push(TOO_MANY.test(await alert.innerText()) ? "throttled" : "refused");
      }
      // The network's allowance is 30 failures over every account; the rest are not even checked.
      expect(answers.slice(0, 30)).toEqual(Array(30).fill("refused"));
      expect(answers.slice(30)).toEqual(Array(10).fill("throttled"));
      const last = accounts.at(-1)!;
      expect(await db().session.count({ where: { userId: { in: accounts.map((a) => a.id) } } })).toBe(0);

      // Even a right password and code from that address waits now.
      await page.setExtraHTTPHeaders({ "X-Forwarded-For": someNetwork() });
      await signIn(page, { email: last.email, password: last.password, code: totpCodeAt(last.totpSecret!) });
      await expectRefused(page, TOO_MANY);
      expect(await db().session.count({ where: { userId: last.id } })).toBe(0);
    } finally {
      await server.stop();
      await forgetOwnNetwork();
    }
  });

  test("a colleague guessing a known account from their own network locks it out there only: its owner still signs in from theirs", async ({
    openBrowser,
  }) => {
    const victim = await createUser({ role: "COORDINATOR" });
    const colleague = (await openBrowser({ extraHTTPHeaders: { "X-Forwarded-For": someNetwork() } })).page;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(colleague, { email: victim.email, password: `a-guess-${attempt}`, code: totpCodeAt(victim.totpSecret!) });
      await expectRefused(colleague, GENERIC_REFUSAL);
    }
    // From the colleague's network the account is locked, and keeps being locked while they go on.
    for (let attempt = 6; attempt <= 8; attempt += 1) {
      await signIn(colleague, { email: victim.email, password: `a-guess-${attempt}`, code: totpCodeAt(victim.totpSecret!) });
      await expectRefused(colleague, TOO_MANY);
    }

    // The owner, from their own network, signs in at once.
    const owner = (await openBrowser({ extraHTTPHeaders: { "X-Forwarded-For": someNetwork() } })).page;
    await signIn(owner, { email: victim.email, password: victim.password, code: totpCodeAt(victim.totpSecret!) });
    await owner.waitForURL((url) => url.pathname === "/dashboard", SERVER_ROUND_TRIP);
    expect(await db().session.count({ where: { userId: victim.id, revokedAt: null } })).toBe(1);
  });
});

test("an unattended dashboard's minute refresh does not keep its session open: at the idle limit the session has ended on the server", async ({
  page,
  loginAs,
}) => {
  test.setTimeout(120_000);
  const user = await loginAs("COORDINATOR");
  const idHash = hashSessionId(user.sessionId);
  const idleMs = env().SESSION_IDLE_MINUTES * 60_000;
  const isRefresh = (response: Response) =>
    response.request().method() === "POST" &&
    new URL(response.url()).pathname === "/dashboard" &&
    Boolean(response.request().headers()["next-action"]);

  const installedAt = Date.now();
  await page.clock.install();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  // Hydrated: the idle timer (and the refresh beside it) has mounted.
  await expect
    .poll(() => page.evaluate(() => Number(window.localStorage.getItem("waypoint.lastActivity"))))
    .toBeGreaterThanOrEqual(installedAt);

  // The person's last action was the idle limit less 20 seconds ago, in the server's time.
  const lastSeenAt = new Date(Date.now() - idleMs + 20_000);
  await db().session.update({ where: { idHash }, data: { lastSeenAt } });

  // A minute on the screen: the refresh asks the server, is answered, and renews nothing.
  const first = page.waitForResponse(isRefresh);
  await page.clock.runFor("01:00");
  expect((await first).status()).toBe(200);
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(
    (await db().session.findUniqueOrThrow({ where: { idHash } })).lastSeenAt.getTime(),
    "a background refresh does not renew the session",
  ).toBe(lastSeenAt.getTime());

  // The screen stays open and keeps refreshing every minute; once the idle limit has passed on the
  // server, the next refresh is refused and the page goes to the sign-in page.
  await expect(async () => {
    await page.clock.runFor("01:00");
    await expect(page).toHaveURL(/\/login\?ended=idle$/, { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  expect(await checkSession(user.sessionId, new Date(), { touch: false })).toEqual({ ended: "idle" });
  expect((await db().session.findUniqueOrThrow({ where: { idHash } })).lastSeenAt.getTime()).toBe(lastSeenAt.getTime());
});

test("a cross-site link to an export runs nothing and writes no audit entry; the export button on the page still works", async ({
  page,
  loginAs,
  baseURL,
  httpClient,
}) => {
  const coordinator = await loginAs("COORDINATOR");
  const exported = () => db().auditLog.count({ where: { actorId: coordinator.id, action: "report.exported" } });
  const today = new Date().toISOString().slice(0, 10);

  // A page on another site links to the export (the session cookie goes along with a top-level GET).
  await page.route("https://elsewhere.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><a href="${baseURL}/dashboard/export?from=2000-01-01&amp;to=${today}">the figures</a>`,
    }),
  );
  await page.goto("https://elsewhere.example/");
  const followed = page.waitForResponse((response) => new URL(response.url()).pathname === "/dashboard/export");
  await page.getByRole("link", { name: "the figures" }).click();
  expect((await followed).status()).toBe(405);
  // And a form on that site posting to it is refused for its origin.
  const client = await httpClient(coordinator.cookie);
  const posted = await client.post("/dashboard/export", {
    headers: { Origin: "https://elsewhere.example" },
    form: { from: "2000-01-01", to: today },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(403);
  expect(await exported(), "no export ran").toBe(0);

  // The dashboard's own button (a POST from the app's origin) exports, audited once.
  await page.goto("/dashboard");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export report (CSV)" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await expect.poll(exported).toBe(1);
});

test("a caseworker's case page carries no staff list: only themselves and the case's assignee", async ({ loginAs, httpClient }) => {
  const coordinator = await createUser({ role: "COORDINATOR" });
  const colleague = await createUser({ role: "CASEWORKER" });
  const caseworker = await loginAs("CASEWORKER");
  const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id, currentCountry: "KZ" });

  const asCaseworker = await httpClient(caseworker.cookie);
  const html = await asCaseworker.get(`/cases/${kase.code}`, { maxRedirects: 0 });
  expect(html.status()).toBe(200);
  const rsc = await getRsc(asCaseworker, `/cases/${kase.code}`);
  expect(rsc.status()).toBe(200);
  for (const [what, body] of [
    ["page", await html.text()],
    ["RSC payload", await rsc.text()],
  ] as const) {
    expect(body, `${what}: names its reader`).toContain(caseworker.email);
    for (const other of [coordinator.email, colleague.email, "coordinator@example.org", "caseworker2@example.org", "admin@example.org"]) {
      expect(body, `${what}: no e-mail of the staff`).not.toContain(other);
    }
  }

  // A coordinator, who assigns cases, does get the staff to assign to on the same page.
  const coordinatorSession = await loginAs("COORDINATOR");
  const asCoordinator = await httpClient(coordinatorSession.cookie);
  const theirs = await asCoordinator.get(`/cases/${kase.code}`, { maxRedirects: 0 });
  expect(theirs.status()).toBe(200);
  expect(await theirs.text()).toContain(colleague.email);
});
