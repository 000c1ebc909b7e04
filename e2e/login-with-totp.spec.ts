import { randomBytes, randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { homePath, type Role } from "@/lib/access/policy";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/seed/demo-seed";
import { createUser } from "@/lib/testing/factories";
import { expect, ownNetwork, test } from "./fixtures";
import { signIn } from "./support/sign-in";

/**
 * The only spec that types passwords and authenticator codes: every other journey starts signed in
 * through `loginAs`. Codes are computed from the secret with the server's own TOTP function.
 */

const GENERIC_REFUSAL = "The e-mail, password or code is not correct.";
const STEP_MS = 30_000;
/** A sign-in (argon2) or another server action can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };

async function expectSignedIn(page: Page, user: { email: string; role: Role }) {
  // Signing in leads to the start page, which sends each role to its own home; /account is every role's.
  await page.waitForURL((url) => url.pathname === homePath(user.role));
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByText(user.email).first()).toBeVisible();
}

async function expectRefused(page: Page, message: string | RegExp = GENERIC_REFUSAL) {
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible(SERVER_ROUND_TRIP);
  await expect(page).toHaveURL(/\/login$/);
}

/** Why the server refused this account's sign-ins, in order (the audit log knows; the visitor does not). */
async function refusalReasons(userId: string): Promise<string[]> {
  const entries = await db().auditLog.findMany({
    where: { action: "auth.sign_in_failed", targetId: userId },
    orderBy: { id: "asc" },
    select: { meta: true },
  });
  return entries.map((e) => String((e.meta as { reason?: unknown }).reason));
}

/** A six-digit code that matches none of the steps the server accepts now (now ± one step). */
function wrongCodeFor(secret: string): string {
  const accepted = new Set([-1, 0, 1, 2].map((step) => totpCodeAt(secret, Date.now() + step * STEP_MS)));
  let code: string;
  do code = String(randomInt(1_000_000)).padStart(6, "0");
  while (accepted.has(code));
  return code;
}

test.describe("sign-in with password and authenticator code", () => {
  test("an invited caseworker accepts the approved invitation with the approver's activation code, enrols an authenticator, signs in with a code and signs out", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    // The admin invites a new e-mail as caseworker and reads the one-time link off the page.
    await loginAs("ADMIN");
    const email = `invited-${randomBytes(4).toString("hex")}@test.example`;
    await page.goto("/admin/users");
    const inviteForm = page.getByRole("region", { name: "Invite a user" });
    await inviteForm.getByRole("textbox", { name: "E-mail", exact: true }).fill(email);
    await inviteForm.getByLabel("Role").selectOption({ label: "Caseworker" });
    await inviteForm.getByRole("button", { name: "Create invitation" }).click();
    const link = await inviteForm.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

    // The link works once a coordinator (a second person) approves it, and only with the activation
    // code shown to that coordinator, who gives it to the invitee in person.
    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    await coordinator.page.goto("/admin/approvals");
    const request = coordinator.page.getByTestId("access-request").filter({ hasText: email });
    await request.getByRole("button", { name: "Approve" }).click();
    await expect(request.getByText("Approved", { exact: true })).toBeVisible(SERVER_ROUND_TRIP);
    const activationCode = await request.getByTestId("activation-code").innerText();

    // The invitee opens it in their own browser, types the code and chooses a password.
    const invitee = (await openBrowser()).page;
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { name: "Create your account" })).toBeVisible();
    await expect(invitee.getByText(email)).toBeVisible();
    await invitee.getByLabel("Activation code").fill(activationCode);
    const password = "violet-harbour-tundra-1942-quill";
    await invitee.getByRole("textbox", { name: "Password", exact: true }).fill(password);
    await invitee.getByRole("textbox", { name: "Repeat the password" }).fill(password);
    await invitee.getByRole("button", { name: "Create account" }).click();

    // Enrolment: the key is shown, a code from it confirms it, ten recovery codes are shown once.
    await expect(invitee).toHaveURL(/\/enrol$/);
    await expect(invitee.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
    const secret = (await invitee.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await invitee.getByLabel("Code from the app").fill(totpCodeAt(secret));
    await invitee.getByRole("button", { name: "Confirm" }).click();
    const recoveryCodes = invitee.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
    await expect(recoveryCodes).toHaveCount(10, SERVER_ROUND_TRIP);
    await invitee.getByRole("button", { name: "I have saved my recovery codes: sign in" }).click();
    await expect(invitee).toHaveURL(/\/login\?notice=enrolled$/);
    await expect(invitee.getByText("Your authenticator is set up.")).toBeVisible();

    // Sign in: the enrolment used the current step's code, so take the next step's (±1 step is accepted).
    await signIn(invitee, { email, password, code: totpCodeAt(secret, Date.now() + STEP_MS) });
    await expectSignedIn(invitee, { email, role: "CASEWORKER" });
    const user = await db().user.findUniqueOrThrow({ where: { email }, select: { role: true, totpEnrolledAt: true } });
    expect(user.role).toBe("CASEWORKER");
    expect(user.totpEnrolledAt).not.toBeNull();

    // Sign out: back on the sign-in page, and the session is gone.
    await invitee.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(invitee).toHaveURL(/\/login\?notice=signedOut$/);
    await expect(invitee.getByText("You are signed out.")).toBeVisible();
    await invitee.goto("/account");
    await expect(invitee).toHaveURL(/\/login(\?|$)/);
  });

  test("a wrong code, a wrong password and an unknown e-mail all get the same generic refusal", async ({ page }) => {
    const user = await createUser({ role: "CASEWORKER" });

    await signIn(page, { email: user.email, password: user.password, code: wrongCodeFor(user.totpSecret!) });
    await expectRefused(page);

    await signIn(page, { email: user.email, password: `${user.password}-not`, code: totpCodeAt(user.totpSecret!) });
    await expectRefused(page);

    await signIn(page, { email: `nobody-${randomBytes(4).toString("hex")}@test.example`, password: user.password, code: "123456" });
    await expectRefused(page);

    // A password without a code is refused the same way for an enrolled account.
    await signIn(page, { email: user.email, password: user.password });
    await expectRefused(page);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await refusalReasons(user.id)).toEqual(["bad_code", "bad_password", "code_missing"]);
  });

  test("a code that was used once is refused the second time (replay)", async ({ page, openBrowser }) => {
    const user = await createUser({ role: "COORDINATOR" });
    const code = totpCodeAt(user.totpSecret!);

    await signIn(page, { email: user.email, password: user.password, code });
    await expectSignedIn(page, user);

    const other = (await openBrowser()).page;
    await signIn(other, { email: user.email, password: user.password, code });
    await expectRefused(other);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
    expect(await refusalReasons(user.id)).toEqual(["replayed_code"]);
  });

  test("after 5 wrong passwords for one account, even the correct password and code get 'Too many attempts'", async ({ openBrowser }) => {
    const { page } = await openBrowser({ extraHTTPHeaders: ownNetwork() });
    const user = await createUser({ role: "CASEWORKER" });

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signIn(page, { email: user.email, password: `wrong-password-${attempt}`, code: totpCodeAt(user.totpSecret!) });
      await expectRefused(page);
    }
    await signIn(page, { email: user.email, password: user.password, code: totpCodeAt(user.totpSecret!) });
    await expectRefused(page, /Too many attempts\. Wait \d+ minutes? and try again\./);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("the demo coordinator signs in with the published password and the seeded authenticator secret", async ({ page }) => {
    // Only this test signs in as a demo account, once per run: a code cannot be used twice.
    const coordinator = DEMO_ACCOUNTS.find((a) => a.email === "coordinator@example.org")!;
    await signIn(page, { email: coordinator.email, password: DEMO_PASSWORD, code: totpCodeAt(coordinator.totpSecret) });
    await expectSignedIn(page, coordinator);
    await expect(page.getByText("Coordinator").first()).toBeVisible();
  });
});
