import { hashSessionId } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { expect, test } from "./fixtures";

/**
 * Before the idle timeout (30 minutes here) ends a session, the page warns and offers to stay; if
 * nobody answers, it leaves for the sign-in page rather than keep case data on an unattended
 * screen. The browser's clock is moved forward; the server's is not.
 */

test("the idle warning appears before the timeout, 'Stay signed in' renews the session, and an unanswered warning ends at the sign-in page", async ({
  page,
  loginAs,
}) => {
  const user = await loginAs("CASEWORKER");
  const installedAt = Date.now();
  await page.clock.install();
  await page.goto("/account");
  const warning = page.getByRole("alertdialog", { name: "Still there?" });
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  // The heading is server-rendered: wait until this page's idle timer has mounted (it records the
  // moment of activity, at or after the clock's start) before moving the clock, or it would start
  // counting only after the jump.
  await expect
    .poll(() => page.evaluate(() => Number(window.localStorage.getItem("waypoint.lastActivity"))))
    .toBeGreaterThanOrEqual(installedAt);

  // 25 minutes of nothing: no warning yet.
  await page.clock.runFor("25:00");
  await expect(warning).toHaveCount(0);

  // Past 26 minutes: the warning, with the time left, and focus on the way to stay.
  await page.clock.runFor("01:30");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/signed out in \d+ minutes?/);
  await expect(warning.getByRole("button", { name: "Stay signed in" })).toBeFocused();

  // The session row is older than a minute by now (in the server's time), so staying renews it.
  await db().session.update({ where: { idHash: hashSessionId(user.sessionId) }, data: { lastSeenAt: new Date(Date.now() - 5 * 60_000) } });
  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toHaveCount(0);
  await expect
    .poll(async () => (await db().session.findUniqueOrThrow({ where: { idHash: hashSessionId(user.sessionId) } })).lastSeenAt.getTime())
    .toBeGreaterThan(Date.now() - 60_000);

  // The full idle time again without an answer: the session ends (on the server too, so reloading
  // the tab shows no case data) and the page goes to the sign-in page, saying why.
  await page.clock.runFor("26:30");
  await expect(warning).toBeVisible();
  await page.clock.runFor("03:00");
  await page.waitForURL(/\/login\?notice=signedOutIdle$/);
  await expect(
    page.getByText("You were signed out after a period of inactivity. Nothing of the cases stayed on the screen."),
  ).toBeVisible();
  expect((await db().session.findUniqueOrThrow({ where: { idHash: hashSessionId(user.sessionId) } })).revokedAt).not.toBeNull();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});
