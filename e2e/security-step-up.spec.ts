import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { SESSION_COOKIE, sessionCookieFor } from "@/lib/testing/e2e-session";
import { createSessionFor } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { freshEmail, requestAbout, SERVER_ROUND_TRIP } from "./support/accounts";

/**
 * A session alone — stolen, or left open — takes no security action: the admin's and the
 * coordinator's pages ask for a fresh code from the authenticator app first, and allow security
 * actions for ten minutes after it, in that session only (lib/auth/step-up.ts).
 */

const STEP_MS = 30_000;
const REQUIRED = "Security actions need a fresh code first";
const PANEL = "Confirm it is you";
const CODE_FIELD = "Code from your authenticator app (or a recovery code)";

/** As if the current step's code had just been typed at sign-in (by the owner, or watched by a thief). */
async function spendCurrentStep(userId: string) {
  await db().user.update({ where: { id: userId }, data: { totpLastStep: Math.floor(Date.now() / STEP_MS) } });
}

test.describe("step-up for security actions", () => {
  test("an admin's session that has not stepped up invites nobody; the sign-in code does not step it up; a fresh code does, for this session only", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(120_000);
    const admin = await loginAs("ADMIN", { steppedUpAt: null });
    await spendCurrentStep(admin.id);
    const email = freshEmail("stepup");

    await page.goto("/admin/users");
    const panel = page.getByRole("region", { name: PANEL });
    await expect(panel).toContainText("10 minutes, in this session only");
    const inviteForm = page.getByRole("region", { name: "Invite a user" });
    await inviteForm.getByRole("textbox", { name: "E-mail", exact: true }).fill(email);
    await inviteForm.getByLabel("Role").selectOption({ label: "Caseworker" });
    await inviteForm.getByRole("button", { name: "Create invitation" }).click();
    await expect(inviteForm.getByRole("alert")).toContainText(REQUIRED, SERVER_ROUND_TRIP);
    expect(await db().invite.count({ where: { email } })).toBe(0);

    // The code of the step used to sign in is spent: it does not confirm the session.
    await panel.getByRole("textbox", { name: CODE_FIELD }).fill(totpCodeAt(admin.totpSecret!));
    await panel.getByRole("button", { name: "Confirm" }).click();
    await expect(panel.getByRole("alert")).toBeVisible(SERVER_ROUND_TRIP);
    await expect(page.getByText("Security actions are confirmed for this session until")).toHaveCount(0);

    // A fresh code (the next step's) does; the page says until when.
    await panel.getByRole("textbox", { name: CODE_FIELD }).fill(totpCodeAt(admin.totpSecret!, Date.now() + STEP_MS));
    await panel.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Security actions are confirmed for this session until")).toBeVisible(SERVER_ROUND_TRIP);
    await expect(page.getByRole("region", { name: PANEL })).toHaveCount(0);
    const entries = await db().auditLog.findMany({ where: { actorId: admin.id, action: "auth.stepped_up" }, select: { meta: true } });
    expect(entries.map((e) => (e.meta as { secondFactor: string }).secondFactor)).toEqual(["totp"]);

    await inviteForm.getByRole("textbox", { name: "E-mail", exact: true }).fill(email);
    await inviteForm.getByLabel("Role").selectOption({ label: "Caseworker" });
    await inviteForm.getByRole("button", { name: "Create invitation" }).click();
    await expect(inviteForm.getByLabel("Invitation link")).toHaveValue(/\/invite\//, SERVER_ROUND_TRIP);
    expect(await db().invite.count({ where: { email } })).toBe(1);

    // The same admin's other session (another browser, or a stolen cookie) has not stepped up.
    const other = await openBrowser();
    const { sessionId } = await createSessionFor(admin.id, { steppedUpAt: null });
    await other.context.addCookies([
      { name: SESSION_COOKIE, value: await sessionCookieFor(sessionId), url: page.url(), httpOnly: true, sameSite: "Lax" },
    ]);
    await other.page.goto("/admin/users");
    await expect(other.page.getByRole("region", { name: PANEL })).toBeVisible();
    const otherEmail = freshEmail("stolen");
    const otherForm = other.page.getByRole("region", { name: "Invite a user" });
    await otherForm.getByRole("textbox", { name: "E-mail", exact: true }).fill(otherEmail);
    await otherForm.getByLabel("Role").selectOption({ label: "Admin" });
    await otherForm.getByRole("button", { name: "Create invitation" }).click();
    await expect(otherForm.getByRole("alert")).toContainText(REQUIRED, SERVER_ROUND_TRIP);
    expect(await db().invite.count({ where: { email: otherEmail } })).toBe(0);
  });

  test("a coordinator's session that has not stepped up approves nothing; after a recovery code it does", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(120_000);
    const adminBrowser = await openBrowser();
    await adminBrowser.loginAs("ADMIN");
    const email = freshEmail("approve");
    await adminBrowser.page.goto("/admin/users");
    const inviteForm = adminBrowser.page.getByRole("region", { name: "Invite a user" });
    await inviteForm.getByRole("textbox", { name: "E-mail", exact: true }).fill(email);
    await inviteForm.getByLabel("Role").selectOption({ label: "Caseworker" });
    await inviteForm.getByRole("button", { name: "Create invitation" }).click();
    await expect(inviteForm.getByLabel("Invitation link")).toHaveValue(/\/invite\//, SERVER_ROUND_TRIP);

    const coordinator = await loginAs("COORDINATOR", { steppedUpAt: null, withRecoveryCodes: true });
    await page.goto("/admin/approvals");
    const request = requestAbout(page, email).filter({ hasText: "Waiting" });
    await request.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("alert").filter({ hasText: REQUIRED })).toBeVisible(SERVER_ROUND_TRIP);
    const invite = await db().invite.findFirstOrThrow({ where: { email }, select: { id: true } });
    expect(await db().accessRequest.findFirstOrThrow({ where: { inviteId: invite.id }, select: { status: true } })).toEqual({
      status: "PENDING",
    });

    // A recovery code steps up too, and is used up by it.
    const panel = page.getByRole("region", { name: PANEL });
    await panel.getByRole("textbox", { name: CODE_FIELD }).fill(coordinator.recoveryCodes[0]!);
    await panel.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Security actions are confirmed for this session until")).toBeVisible(SERVER_ROUND_TRIP);
    expect(await db().recoveryCode.count({ where: { userId: coordinator.id, usedAt: { not: null } } })).toBe(1);

    await requestAbout(page, email).filter({ hasText: "Waiting" }).getByRole("button", { name: "Approve" }).click();
    const approved = requestAbout(page, email).filter({ hasText: "Approved" }).first();
    await expect(approved.getByTestId("activation-code")).toBeVisible(SERVER_ROUND_TRIP);
  });
});
