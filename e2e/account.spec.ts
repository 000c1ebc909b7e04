import type { Locator, Page } from "@playwright/test";
import { homePath, type Role } from "@/lib/access/policy";
import { hashSessionId } from "@/lib/auth/sessions";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";

/**
 * A signed-in user looks after their own account on /account. A new password, new recovery codes
 * and signing out everywhere ask for a fresh code from the authenticator app (or a recovery code):
 * whoever holds only the session cannot keep the account or shut its owner out.
 */

/** A server action (argon2, a re-render) can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };
const STEP_MS = 30_000;
const CODE_FIELD = "Code from your authenticator app (or a recovery code)";
const REFUSED_CODE =
  "This code is not correct, or it was already used. Wait for the next code in your app, or use an unused recovery code.";

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

/** The refusal shown under a form's code field. */
function codeRefusal(form: Locator) {
  return form.getByText(REFUSED_CODE);
}

/** As if the current step's code had just been used (to sign in, or by whoever watched it being typed). */
async function spendCurrentCode(userId: string) {
  await db().user.update({ where: { id: userId }, data: { totpLastStep: Math.floor(Date.now() / STEP_MS) } });
}

/** A code the server accepts now that the current step's is spent: the next step's (±1 step is accepted). */
function nextCode(secret: string): string {
  return totpCodeAt(secret, Date.now() + STEP_MS);
}

test.describe("a user's own account", () => {
  test("a user changes their password: a wrong current password, no code or a replayed code is refused; success ends their other session but not this one", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    // Six server round trips with argon2 and three browsers: slow on a loaded two-core machine.
    test.setTimeout(120_000);
    const user = await loginAs("CASEWORKER");
    const elsewhere = await openBrowser();
    await elsewhere.loginAsUser(user.id);
    await expectAccountPage(elsewhere.page);

    const hashBefore = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    await page.goto("/account");
    const form = page.getByRole("region", { name: "Password", exact: true });
    const newPassword = "amber-cobble-meadow-5812";
    const submit = async (currentPassword: string, code: string) => {
      await form.getByRole("textbox", { name: "Current password", exact: true }).fill(currentPassword);
      await form.getByRole("textbox", { name: "New password", exact: true }).fill(newPassword);
      await form.getByRole("textbox", { name: "Repeat the new password", exact: true }).fill(newPassword);
      await form.getByRole("textbox", { name: CODE_FIELD }).fill(code);
      await form.getByRole("button", { name: "Change password" }).click();
    };

    await submit("definitely-not-my-password", totpCodeAt(user.totpSecret!));
    await expect(form.getByRole("alert").filter({ hasText: "The current password is not correct." })).toBeVisible(SERVER_ROUND_TRIP);

    // The password alone is not enough.
    await submit(user.password, "");
    await expect(form.getByText("This field is required.")).toBeVisible(SERVER_ROUND_TRIP);

    // The code that was just typed at a sign-in (as someone who watched it, or stole the session then, would have it).
    const seen = totpCodeAt(user.totpSecret!);
    const signedIn = (await openBrowser()).page;
    await signIn(signedIn, { email: user.email, password: user.password, code: seen });
    await expectSignedInAt(signedIn, user.role);
    await submit(user.password, seen);
    await expect(codeRefusal(form)).toBeVisible(SERVER_ROUND_TRIP);
    await expectAccountPage(elsewhere.page);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(hashBefore);

    await submit(user.password, nextCode(user.totpSecret!));
    await expect(form.getByText("Password changed. 2 other sessions were ended.")).toBeVisible(SERVER_ROUND_TRIP);
    await expectSignedOut(elsewhere.page);
    await expectAccountPage(page);
    const changed = await db().auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "account.password_changed" } });
    expect(changed.meta).toMatchObject({ secondFactor: "totp" });

    // The old password no longer signs in; the new one does (a minute later, as far as codes go).
    await db().user.update({ where: { id: user.id }, data: { totpLastStep: null } });
    const fresh = (await openBrowser()).page;
    const code = totpCodeAt(user.totpSecret!);
    await signIn(fresh, { email: user.email, password: user.password, code });
    await expectRefusedSignIn(fresh);
    await signIn(fresh, { email: user.email, password: newPassword, code });
    await expectSignedInAt(fresh, user.role);
  });

  test("a user sees where they are signed in and ends another session; that browser is signed out on its next request", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
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

  test("signing out everywhere asks for a fresh code: without one, or with a replayed one, every session stays", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    const user = await loginAs("CASEWORKER");
    const elsewhere = await openBrowser();
    await elsewhere.loginAsUser(user.id);

    await page.goto("/account");
    const form = page.getByRole("form", { name: "Sign out everywhere" });
    const confirm = async (code: string) => {
      await form.getByRole("textbox", { name: CODE_FIELD }).fill(code);
      await form.getByRole("button", { name: "Sign out everywhere" }).click();
      await page.getByRole("dialog", { name: "Sign out everywhere?" }).getByRole("button", { name: "Sign out everywhere" }).click();
    };

    await confirm("");
    await expect(form.getByText("This field is required.")).toBeVisible(SERVER_ROUND_TRIP);
    await spendCurrentCode(user.id);
    await confirm(totpCodeAt(user.totpSecret!));
    await expect(codeRefusal(form)).toBeVisible(SERVER_ROUND_TRIP);
    await expectAccountPage(elsewhere.page);
    await expectAccountPage(page);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(2);

    await confirm(nextCode(user.totpSecret!));
    await expect(page).toHaveURL(/\/login\?notice=signedOut$/, SERVER_ROUND_TRIP);
    await expectSignedOut(elsewhere.page);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  test("a user makes new recovery codes with their password and a fresh code: shown once, they replace the old ones, and one of them signs in", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    const user = await loginAs("ADMIN", { withRecoveryCodes: true });
    await page.goto("/account");
    const recovery = page.getByRole("region", { name: "Recovery codes" });
    await expect(recovery).toContainText("You have 10 unused recovery codes.");
    const password = recovery.getByRole("textbox", { name: "Current password", exact: true });
    const code = recovery.getByRole("textbox", { name: CODE_FIELD });
    const shown = recovery.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
    const make = async (typedPassword: string, typedCode: string) => {
      await password.fill(typedPassword);
      await code.fill(typedCode);
      await recovery.getByRole("button", { name: "Make new recovery codes" }).click();
    };

    await make("definitely-not-my-password", user.recoveryCodes[1]!);
    await expect(recovery.getByRole("alert").filter({ hasText: "The current password is not correct." })).toBeVisible(SERVER_ROUND_TRIP);
    await expect(shown).toHaveCount(0);

    // The password alone, with a replayed authenticator code, is refused.
    await spendCurrentCode(user.id);
    await make(user.password, totpCodeAt(user.totpSecret!));
    await expect(codeRefusal(recovery)).toBeVisible(SERVER_ROUND_TRIP);
    await expect(shown).toHaveCount(0);
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } }), "nothing was used up").toBe(10);

    // A recovery code stands in for the authenticator.
    await make(user.password, user.recoveryCodes[1]!);
    await expect(shown).toHaveCount(10, SERVER_ROUND_TRIP);
    const codes = await shown.allInnerTexts();
    for (const made of codes) expect(made).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(codes.filter((made) => user.recoveryCodes.includes(made))).toEqual([]);

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

  test("a session that keeps failing the code check is ended: its holder is sent to the sign-in page", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    const user = await loginAs("COORDINATOR");
    const owner = await openBrowser();
    await owner.loginAsUser(user.id);
    await page.goto("/account");
    const form = page.getByRole("form", { name: "Sign out everywhere" });
    const guesses = ["000000", "111111", "222222", "333333", "444444"].filter(
      (guess) => ![-1, 0, 1].some((step) => totpCodeAt(user.totpSecret!, Date.now() + step * STEP_MS) === guess),
    );
    const failed = () => db().auditLog.count({ where: { actorId: user.id, action: "auth.step_up_failed" } });
    const submit = form.getByRole("button", { name: "Sign out everywhere" });
    for (const [i, guess] of guesses.slice(0, 4).entries()) {
      // React resets the form when the previous submission's answer lands: a code typed while it is
      // still on its way would be wiped and an empty one sent. The button is back when it has landed.
      await expect(submit, `guess ${i + 1}`).toBeEnabled(SERVER_ROUND_TRIP);
      await form.getByRole("textbox", { name: CODE_FIELD }).fill(guess);
      await submit.click();
      await page.getByRole("dialog", { name: "Sign out everywhere?" }).getByRole("button", { name: "Sign out everywhere" }).click();
      // The refusal shown stays from the previous guess: wait for the server to have counted this one.
      await expect.poll(failed, { message: `guess ${i + 1}`, ...SERVER_ROUND_TRIP }).toBe(i + 1);
      await expect(codeRefusal(form), `guess ${i + 1}`).toBeVisible(SERVER_ROUND_TRIP);
    }
    await expect(submit).toBeEnabled(SERVER_ROUND_TRIP);
    await form.getByRole("textbox", { name: CODE_FIELD }).fill("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    await submit.click();
    await page.getByRole("dialog", { name: "Sign out everywhere?" }).getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login\?ended=revoked$/, SERVER_ROUND_TRIP);
    await expectSignedOut(page);
    expect((await db().session.findUniqueOrThrow({ where: { idHash: hashSessionId(user.sessionId) } })).revokedAt).not.toBeNull();
    // The owner's own session elsewhere goes on.
    await expectAccountPage(owner.page);
    expect(await db().auditLog.count({ where: { actorId: user.id, action: "auth.step_up_session_ended" } })).toBe(1);
  });
});
