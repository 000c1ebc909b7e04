import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { totpCodeAt } from "@/lib/auth/totp";
import { db, disconnectDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { appRoleUrl, ensureAppRole } from "@/lib/db/roles";
import { resetEnvCache } from "@/lib/env";
import { migrate } from "@/lib/migrations/migrate";
import { SESSION_COOKIE, signedInUser } from "@/lib/testing/e2e-session";
import { createCase, createUser } from "@/lib/testing/factories";
import { adminQuery } from "@/lib/testing/postgres-server";
import { startReplicatedPostgres, type ReplicatedPostgres } from "@/lib/testing/replicated-postgres";
import { freePorts, startAppInstance, type AppInstance } from "./support/app-instances";
import { ownNetwork } from "./fixtures";
import { signIn } from "./support/sign-in";

/**
 * The production shape, scaled out: two app instances (A and B, `next start` of the same build with
 * the same secrets) against one PostgreSQL primary (DATABASE_URL) with a real streaming replica
 * (DATABASE_READ_URL), all started here on loopback ports (lib/testing/replicated-postgres.ts).
 * What one instance does, the other knows at once, because everything that matters lives in the
 * primary; only dashboards and reports read the replica, and they survive its death.
 *
 * Runs as its own Playwright project (playwright.config.ts), in its own worker: the fixtures here
 * write to this primary, not to the suite's database.
 */

test.describe.configure({ mode: "serial", timeout: 120_000 });

const DATABASE = "waypoint_scale";
/** A server action (argon2, a re-render) can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };
const TOO_MANY = /Too many attempts\. Wait \d+ minutes? and try again\./;
const REPLICA_WARNING = "read replica failed";

let cluster: ReplicatedPostgres;
let a: AppInstance;
let b: AppInstance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startReplicatedPostgres();
  await adminQuery(cluster.primaryUrl("postgres"), `CREATE DATABASE ${DATABASE}`);
  const owner = cluster.primaryUrl(DATABASE);
  await migrate(owner);
  const role = { name: `wp_app_${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
  await ensureAppRole(owner, role);
  // The fixtures of this worker (users, sessions, cases) write to this primary, as its owner.
  process.env.DATABASE_URL = owner;
  delete process.env.DATABASE_READ_URL;
  resetEnvCache();
  await disconnectDb();
  // The role and the schema reach the standby by replication, like everything else.
  await cluster.caughtUp();
  const env = {
    DATABASE_URL: appRoleUrl(owner, role),
    DATABASE_READ_URL: appRoleUrl(cluster.standbyUrl(DATABASE), role),
    // Figures are computed on every request, so that each page shows what the replica holds now.
    DASHBOARD_CACHE_SECONDS: "0",
  };
  const [portA, portB] = await freePorts(2);
  [a, b] = await Promise.all([startAppInstance(env, portA!), startAppInstance(env, portB!)]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  // Kept for a failure's diagnosis, next to the suite's own server.log.
  await mkdir("test-results", { recursive: true });
  if (a) await writeFile("test-results/scale-out-a.log", a.output());
  if (b) await writeFile("test-results/scale-out-b.log", b.output());
  await disconnectDb();
  await cluster?.stop();
});

/** One browser signed in as a new user of the role; cookies are per host, so it is signed in on A and B alike. */
async function signedIn(browser: Browser, role: Role): Promise<{ page: Page; userId: string; close: () => Promise<void> }> {
  const user = await signedInUser(role);
  const context = await browser.newContext({ locale: "en-GB", extraHTTPHeaders: ownNetwork() });
  await context.addCookies([{ name: SESSION_COOKIE, value: user.cookie, url: a.url, httpOnly: true, sameSite: "Lax" }]);
  return { page: await context.newPage(), userId: user.id, close: () => context.close() };
}

/** The dashboard's open-case total for Mongolia, as instance `on` shows it. */
async function openInMongolia(page: Page, on: AppInstance): Promise<string | null> {
  const response = await page.goto(`${on.url}/dashboard?country=MN`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  return page.getByRole("region", { name: "Key figures" }).getByTestId("figure-link").first().textContent();
}

/** The first row of a query on the replica itself (what it holds: proof that a page did not read it). */
async function onStandby(sql: string, values: unknown[]): Promise<Record<string, unknown> | undefined> {
  const client = new pg.Client({ connectionString: cluster.standbyUrl(DATABASE) });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows[0] as Record<string, unknown> | undefined;
  } finally {
    await client.end();
  }
}

test("an admin deactivates a user through instance A: the user's next request to instance B is refused", async ({ browser }) => {
  const admin = await signedIn(browser, "ADMIN");
  const user = await signedIn(browser, "CASEWORKER");
  await user.page.goto(`${b.url}/account`);
  await expect(user.page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  const email = (await db().user.findUniqueOrThrow({ where: { id: user.userId } })).email;

  await admin.page.goto(`${a.url}/admin/users`);
  const row = admin.page.getByRole("listitem").filter({ hasText: email });
  await row.getByRole("button", { name: "Deactivate" }).click();
  await admin.page
    .getByRole("dialog", { name: `Deactivate ${email}?` })
    .getByRole("button", { name: "Deactivate" })
    .click();
  await expect(row.getByText("Deactivated", { exact: true })).toBeVisible(SERVER_ROUND_TRIP);

  await user.page.goto(`${b.url}/account`);
  await expect(user.page).toHaveURL(/\/login\?ended=(revoked|deactivated)$/);
  await Promise.all([admin.close(), user.close()]);
});

test("sign-in failures counted on instance A throttle the right password on instance B", async ({ browser }) => {
  const user = await createUser({ role: "CASEWORKER" });
  // One network for both instances, as one person behind the load balancer.
  const context = await browser.newContext({ locale: "en-GB", extraHTTPHeaders: ownNetwork() });
  const onA = await context.newPage();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await signIn(onA, { email: user.email, password: `wrong-password-${attempt}`, code: totpCodeAt(user.totpSecret!) }, a.url);
    await expect(onA.getByRole("alert").filter({ hasText: "The e-mail, password or code is not correct." })).toBeVisible(SERVER_ROUND_TRIP);
  }
  const onB = await context.newPage();
  await signIn(onB, { email: user.email, password: user.password, code: totpCodeAt(user.totpSecret!) }, b.url);
  await expect(onB.getByRole("alert").filter({ hasText: TOO_MANY })).toBeVisible(SERVER_ROUND_TRIP);
  expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  await context.close();
});

test("dashboards read the replica: with its replay paused, B's dashboard does not count a case created through A, B's case list does", async ({
  browser,
}) => {
  const coordinator = await signedIn(browser, "COORDINATOR");
  const worker = await signedIn(browser, "CASEWORKER");
  await createCase({ createdById: worker.userId, assignedToId: worker.userId, currentCountry: "MN" });
  await cluster.caughtUp();
  expect(await openInMongolia(coordinator.page, b)).toBe("1");

  await cluster.pauseReplay();
  try {
    await worker.page.goto(`${a.url}/cases/new`);
    await worker.page.getByLabel("Age band").selectOption({ label: "25–34" });
    await worker.page.getByLabel("Service category").selectOption({ label: "Mobilised" });
    await worker.page.getByLabel("Risk level").selectOption({ label: "High risk" });
    await worker.page.getByLabel("Current country").selectOption("MN");
    await worker.page.getByLabel("Contact channel").fill("Signal @scale_out_contact");
    await worker.page.getByRole("button", { name: "Create case" }).click();
    await expect(worker.page).toHaveURL(/\/cases\/WP-[A-Z0-9]{4}-[A-Z0-9]{4}\?created=1$/, SERVER_ROUND_TRIP);

    // The case list reads the primary: both cases. The dashboard reads the paused replica: one.
    await coordinator.page.goto(`${b.url}/cases?country=MN`);
    await expect(coordinator.page.getByTestId("case-count")).toHaveText("2 cases");
    expect(await openInMongolia(coordinator.page, b)).toBe("1");
  } finally {
    await cluster.resumeReplay();
  }
  // Replayed, the replica has caught up, and so has the dashboard.
  expect(await openInMongolia(coordinator.page, b)).toBe("2");
  await Promise.all([coordinator.close(), worker.close()]);
});

test("a status change through instance A shows on instance B's case page and list at once, even while the replica lags", async ({
  browser,
}) => {
  const worker = await signedIn(browser, "CASEWORKER");
  const kase = await createCase({ createdById: worker.userId, assignedToId: worker.userId, currentCountry: "MN" });
  await cluster.caughtUp();

  await cluster.pauseReplay();
  try {
    await worker.page.goto(`${a.url}/cases/${kase.code}`);
    await worker.page.getByRole("button", { name: "Move to Verifying" }).click();
    await expect(worker.page.getByRole("region", { name: "Verification" })).toBeVisible(SERVER_ROUND_TRIP);
    // The replica has not seen the change: whatever shows it below read the primary.
    expect(await onStandby("SELECT status::text FROM cases WHERE code = $1", [kase.code])).toEqual({ status: "NEW" });

    // The same person's next requests land on B.
    await worker.page.goto(`${b.url}/cases/${kase.code}`);
    await expect(worker.page.getByRole("region", { name: "Verification" })).toBeVisible();
    await expect(worker.page.getByRole("button", { name: "Move to Verifying" })).toHaveCount(0);
    await worker.page.goto(`${b.url}/cases?country=MN`);
    const row = worker.page.getByTestId("case-row").filter({ hasText: kase.code });
    await expect(row.locator(".case-status")).toContainText("Verifying");
  } finally {
    await cluster.resumeReplay();
  }
  await worker.close();
});

test("a bulk move through B's dashboard shows in the figures that B renders right after it, even while the replica lags", async ({
  browser,
}) => {
  const leaving = await createUser({ role: "CASEWORKER" });
  const taking = await createUser({ role: "CASEWORKER" });
  await Promise.all([0, 1].map(() => createCase({ createdById: leaving.id, assignedToId: leaving.id, currentCountry: "MN" })));
  await cluster.caughtUp();
  const coordinator = await signedIn(browser, "COORDINATOR");
  const page = coordinator.page;
  const openFigure = page.getByRole("region", { name: "Key figures" }).getByTestId("figure-link").first();
  await page.goto(`${b.url}/dashboard?assignee=${leaving.id}`);
  await expect(openFigure).toHaveText("2");

  await cluster.pauseReplay();
  try {
    await page.getByRole("button", { name: `Reassign all open cases of ${leaving.email}` }).click();
    const form = page.getByRole("form", { name: `Reassign all open cases of ${leaving.email}` });
    await form.getByLabel("Move all to…").selectOption({ label: taking.email });
    await form.getByRole("button", { name: "Reassign all" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reassign all" }).click();
    await expect(page.getByText("2 cases moved.")).toBeVisible(SERVER_ROUND_TRIP);
    // The replica still has both cases with the leaving caseworker; the figures say they are gone.
    expect(await onStandby("SELECT count(*)::int AS n FROM cases WHERE assigned_to_id = $1", [leaving.id])).toEqual({ n: 2 });
    await expect(openFigure).toHaveText("0");
  } finally {
    await cluster.resumeReplay();
  }
  await coordinator.close();
});

test("with the replica killed, B's dashboard reads the primary and logs one warning, not an error", async ({ browser }) => {
  const coordinator = await signedIn(browser, "COORDINATOR");
  // The read pool holds live connections to the replica before it dies.
  const before = await openInMongolia(coordinator.page, b);
  expect(b.output()).not.toContain(REPLICA_WARNING);

  await cluster.killStandby();
  // The primary's figures: every open case in Mongolia so far.
  const open = await db().case.count({ where: { currentCountry: "MN", status: { not: "CLOSED" } } });
  expect(await openInMongolia(coordinator.page, b)).toBe(String(open));
  expect(Number(before)).toBe(open);
  // Again, within the back-off: the dead replica is not asked, and nothing more is logged.
  expect(await openInMongolia(coordinator.page, b)).toBe(String(open));
  await coordinator.page.goto(`${b.url}/cases?country=MN`);
  await expect(coordinator.page.getByTestId("case-count")).toHaveText(`${open} cases`);

  const warnings = b
    .output()
    .split("\n")
    .filter((line) => line.includes(REPLICA_WARNING));
  expect(warnings).toHaveLength(1);
  const entry = JSON.parse(warnings[0]!) as { level: number; reason: string };
  expect(entry.level).toBe(40); // pino's "warn"
  expect(entry.reason).not.toBe("");
  // Nothing failed on B's side: no error line.
  expect(b.output()).not.toMatch(/"level":50/);
  await coordinator.close();
});
