import type { Page } from "@playwright/test";
import { homePath, type Role } from "@/lib/auth/policy";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";

/** A signed-in user looks after their own account on /account. */

/** A server action (argon2, a re-render) can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };

async function expectAccountPage(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
}

async function expectSignedOut(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login(\?|$)/);
}

async function expectSignedInAt(page: Page, role: Role) {
  await page.waitForURL((url) => url.pathname === homePath(role));
}

async function expectRefusedSignIn(page: Page) {
  await expect(page.getByRole("alert").filter({ hasText: "The e-mail, password or code is not correct." })).toBeVisible(SERVER_ROUND_TRIP);
  await expect(page).toHaveURL(/\/login$/);
}

test.describe("a user's own account", () => {
  test("a user changes their password: a wrong current password is refused; success ends their other session but not this one", async ({ page, loginAs, openBrowser }) => {
    const user = await loginAs("CASEWORKER");
    const elsewhere = await openBrowser();
    await elsewhere.loginAsUser(user.id);
    await expectAccountPage(elsewhere.page);

    const hashBefore = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    await page.goto("/account");
    const form = page.getByRole("region", { name: "Password", exact: true });
    const newPassword = "amber-cobble-meadow-5812";
    const submit = async (currentPassword: string) => {
      await form.getByRole("textbox", { name: "Current password", exact: true }).fill(currentPassword);
      await form.getByRole("textbox", { name: "New password", exact: true }).fill(newPassword);
      await form.getByRole("textbox", { name: "Repeat the new password", exact: true }).fill(newPassword);
      await form.getByRole("button", { name: "Change password" }).click();
    };

    await submit("definitely-not-my-password");
    await expect(form.getByRole("alert").filter({ hasText: "The current password is not correct." })).toBeVisible(SERVER_ROUND_TRIP);
    await expectAccountPage(elsewhere.page);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(hashBefore);

    await submit(user.password);
    await expect(form.getByText("Password changed. 1 other session was ended.")).toBeVisible(SERVER_ROUND_TRIP);
    await expectSignedOut(elsewhere.page);
    await expectAccountPage(page);

    // The old password no longer signs in; the new one does.
    const fresh = (await openBrowser()).page;
    const code = totpCodeAt(user.totpSecret!);
    await signIn(fresh, { email: user.email, password: user.password, code });
    await expectRefusedSignIn(fresh);
    await signIn(fresh, { email: user.email, password: newPassword, code });
    await expectSignedInAt(fresh, user.role);
  });

  test("a user sees where they are signed in and ends another session; that browser is signed out on its next request", async ({ page, loginAs, openBrowser }) => {
    const user = await loginAs("COORDINATOR");
    const elsewhere = await openBrowser();
    await elsewhere.loginAsUser(user.id);
    await expectAccountPage(elsewhere.page);

    await page.goto("/account");
    const sessions = page.getByRole("region", { name: "Where you are signed in" }).getByRole("listitem");
    await expect(sessions).toHaveCount(2);
    const thisOne = sessions.filter({ hasText: "this device" });
    await expect(thisOne).toHaveCount(1);
    await expect(thisOne.getByRole("button", { name: "Sign out here" })).toBeVisible();

    await sessions.filter({ hasNotText: "this device" }).getByRole("button", { name: "End", exact: true }).click();
    await expect(sessions).toHaveCount(1, SERVER_ROUND_TRIP);
    await expectSignedOut(elsewhere.page);
    await expectAccountPage(page);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);

    // Ending this device's own session signs out here.
    await page.getByRole("region", { name: "Where you are signed in" }).getByRole("button", { name: "Sign out here" }).click();
    await expect(page).toHaveURL(/\/login\?notice=signedOut$/);
    await expectSignedOut(page);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  test("a user makes new recovery codes: shown once, they replace the old ones, and one of them signs in", async ({ page, loginAs, openBrowser }) => {
    const user = await loginAs("ADMIN", { withRecoveryCodes: true });
    await page.goto("/account");
    const recovery = page.getByRole("region", { name: "Recovery codes" });
    await expect(recovery).toContainText("You have 10 unused recovery codes.");
    const password = recovery.getByRole("textbox", { name: "Current password", exact: true });
    const shown = recovery.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");

    await password.fill("definitely-not-my-password");
    await recovery.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(recovery.getByRole("alert").filter({ hasText: "The current password is not correct." })).toBeVisible(SERVER_ROUND_TRIP);
    await expect(shown).toHaveCount(0);

    await password.fill(user.password);
    await recovery.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(shown).toHaveCount(10, SERVER_ROUND_TRIP);
    const codes = await shown.allInnerTexts();
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(codes.filter((code) => user.recoveryCodes.includes(code))).toEqual([]);

    // Shown once: after a reload only the count remains.
    await page.reload();
    await expect(recovery).toContainText("You have 10 unused recovery codes.");
    await expect(shown).toHaveCount(0);
    expect(await page.content()).not.toContain(codes[0]!);

    // An old code no longer works; a new one signs in (once).
    const fresh = (await openBrowser()).page;
    await signIn(fresh, { email: user.email, password: user.password, code: user.recoveryCodes[0]! });
    await expectRefusedSignIn(fresh);
    await signIn(fresh, { email: user.email, password: user.password, code: codes[0]! });
    await expectSignedInAt(fresh, user.role);
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
  });
});
