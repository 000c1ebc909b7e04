import type { Page } from "@playwright/test";
import { db } from "@/lib/db/client";
import { createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";
import { callServerAction, describeOutcome, findAction, formData } from "./support/server-actions";

/**
 * An admin manages people on /admin/users. Sessions live in the database, so every change below
 * reaches the affected user on their very next request.
 */

const ADMIN_ACTIONS = "app/(app)/admin/users/actions.ts";
/** A server action and the re-render it triggers can be slow on a loaded two-core machine. */
const SERVER_ROUND_TRIP = { timeout: 30_000 };

/** The row of one user in the list on /admin/users. */
const userRow = (page: Page, email: string) => page.getByRole("listitem").filter({ hasText: email });

/** Opens /account and expects to be sent to the sign-in page instead. */
async function expectSignedOut(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function expectAccountPage(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
}

test.describe("an admin manages users", () => {
  // /admin/users lists every account, and the suite creates many: give its re-renders time on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test("an ADMIN deactivates a user: the user's open session is refused on its very next request", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    const other = await openBrowser();
    const user = await other.loginAs("CASEWORKER");
    await expectAccountPage(other.page);

    await page.goto("/admin/users");
    const row = userRow(page, user.email);
    await row.getByRole("button", { name: "Deactivate" }).click();
    await page
      .getByRole("dialog", { name: `Deactivate ${user.email}?` })
      .getByRole("button", { name: "Deactivate" })
      .click();
    await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible(SERVER_ROUND_TRIP);
    await expect(row.getByText("Deactivated", { exact: true })).toBeVisible();

    await other.page.goto("/account");
    await expect(other.page).toHaveURL(/\/login\?ended=(revoked|deactivated)$/);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DEACTIVATED");
  });

  test("a CASEWORKER made ADMIN (once a coordinator approves) sees /admin/users and loses their open cases; made CASEWORKER again, they get none back", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    const other = await openBrowser();
    const user = await other.loginAs("CASEWORKER");
    const cases = [
      await createCase({ createdById: user.id, assignedToId: user.id }),
      await createCase({ createdById: user.id, assignedToId: user.id, status: "VERIFYING" }),
    ];
    await other.page.goto("/cases");
    for (const kase of cases) await expect(other.page.getByRole("link", { name: kase.code }).first()).toBeVisible();
    expect((await other.page.goto("/admin/users"))!.status()).toBe(404);
    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");

    const changeRole = async (role: string) => {
      await page.goto("/admin/users");
      const row = userRow(page, user.email);
      await row.getByRole("combobox", { name: `Role of ${user.email}`, exact: true }).selectOption(role);
      await row.getByRole("button", { name: "Change role" }).click();
      await expect(row.getByText("Sent for approval: a coordinator must approve it at Approvals.")).toBeVisible(SERVER_ROUND_TRIP);
    };
    const approve = async (kind: string) => {
      await coordinator.page.goto("/admin/approvals");
      const request = coordinator.page
        .getByTestId("access-request")
        .filter({ hasText: user.email })
        .filter({ hasText: kind })
        .filter({ hasText: "Waiting" });
      await request.getByRole("button", { name: "Approve" }).click();
      await expect(
        coordinator.page
          .getByTestId("access-request")
          .filter({ hasText: user.email })
          .filter({ hasText: kind })
          .getByText("Approved", { exact: true })
          .first(),
      ).toBeVisible(SERVER_ROUND_TRIP);
    };

    // Becoming an admin manages every account: it waits for a coordinator's approval.
    await changeRole("ADMIN");
    await page.goto("/admin/users");
    await expect(userRow(page, user.email).getByText("role change to Admin waiting for approval")).toBeVisible();
    expect((await other.page.goto("/admin/users"))!.status()).toBe(404);
    await approve("Role change to Admin");
    expect((await other.page.goto("/admin/users"))!.status()).toBe(200);
    await expect(other.page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    // Their open cases are unassigned work now, visible to coordinators as such.
    for (const kase of cases) expect((await db().case.findUniqueOrThrow({ where: { id: kase.id } })).assignedToId).toBeNull();
    // Audited: the role change says how many cases it released, and one entry names the cases, by the approver.
    const roleChange = await db().auditLog.findFirstOrThrow({
      where: { action: "user.role_changed", targetId: user.id },
      orderBy: { id: "desc" },
    });
    expect(roleChange.meta).toMatchObject({ from: "CASEWORKER", to: "ADMIN", casesUnassigned: 2 });
    const links = await db().caseAuditLink.findMany({ where: { caseId: { in: cases.map((c) => c.id) } } });
    const release = await db().auditLog.findFirstOrThrow({ where: { action: "case.unassigned", id: { in: links.map((l) => l.auditId) } } });
    expect(release.actorId).toBe(roleChange.actorId);
    expect(
      links
        .filter((l) => l.auditId === release.id)
        .map((l) => l.caseId)
        .sort(),
    ).toEqual(cases.map((c) => c.id).sort());
    await coordinator.page.goto("/cases?assignee=none");
    for (const kase of cases) await expect(coordinator.page.getByRole("link", { name: kase.code }).first()).toBeVisible();

    // Back to CASEWORKER lets the account read cases again: it waits too, and brings no case back.
    await changeRole("CASEWORKER");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("ADMIN");
    await approve("Role change to Caseworker");
    expect((await other.page.goto("/admin/users"))!.status()).toBe(404);
    await other.page.goto("/cases");
    for (const kase of cases) await expect(other.page.getByRole("link", { name: kase.code })).toHaveCount(0);
    expect(await db().case.count({ where: { assignedToId: user.id } })).toBe(0);
  });

  test("making a CASEWORKER a COORDINATOR changes nothing until a coordinator approves it", async ({ page, loginAs, openBrowser }) => {
    await loginAs("ADMIN");
    const other = await openBrowser();
    const user = await other.loginAs("CASEWORKER");
    expect((await other.page.goto("/dashboard"))!.status()).toBe(404);

    await page.goto("/admin/users");
    const row = userRow(page, user.email);
    await row.getByRole("combobox", { name: `Role of ${user.email}`, exact: true }).selectOption("COORDINATOR");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(row.getByText("Sent for approval: a coordinator must approve it at Approvals.")).toBeVisible(SERVER_ROUND_TRIP);
    await page.goto("/admin/users");
    await expect(userRow(page, user.email).getByText("role change to Coordinator waiting for approval")).toBeVisible();
    // Still a caseworker: no coordinator page.
    expect((await other.page.goto("/dashboard"))!.status()).toBe(404);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("CASEWORKER");

    // A second request about the same account waits behind the first.
    await userRow(page, user.email)
      .getByRole("combobox", { name: `Role of ${user.email}`, exact: true })
      .selectOption("COORDINATOR");
    await userRow(page, user.email).getByRole("button", { name: "Change role" }).click();
    await expect(userRow(page, user.email).getByText("A request about this account is already waiting for approval.")).toBeVisible(
      SERVER_ROUND_TRIP,
    );

    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    await coordinator.page.goto("/admin/approvals");
    const request = coordinator.page.getByTestId("access-request").filter({ hasText: user.email });
    await request.getByRole("button", { name: "Approve" }).click();
    await expect(request.getByText("Approved", { exact: true })).toBeVisible(SERVER_ROUND_TRIP);
    expect((await other.page.goto("/dashboard"))!.status()).toBe(200);
  });

  test("'sign out everyone' ends every other user's session but not the admin's own", async ({ page, loginAs, openBrowser }) => {
    const admin = await loginAs("ADMIN");
    const caseworker = await openBrowser();
    await caseworker.loginAs("CASEWORKER");
    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    await expectAccountPage(caseworker.page);
    await expectAccountPage(coordinator.page);

    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Sign out everyone" }).click();
    await page.getByRole("dialog", { name: "Sign out everyone?" }).getByRole("button", { name: "Sign out everyone" }).click();
    await expect(page.getByText("Everyone else was signed out.")).toBeVisible(SERVER_ROUND_TRIP);

    await expectSignedOut(caseworker.page);
    await expectSignedOut(coordinator.page);
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    expect(await db().session.count({ where: { userId: admin.id, revokedAt: null } })).toBe(1);
  });

  test("an ADMIN resets a user's second factor: their session ends and their password alone no longer signs in, not even to enrol", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    const user = await createUser({ role: "COORDINATOR", withRecoveryCodes: true });
    const other = await openBrowser();
    await other.loginAsUser(user.id);
    await expectAccountPage(other.page);

    await page.goto("/admin/users");
    const row = userRow(page, user.email);
    await expect(row.getByText("2FA on")).toBeVisible();
    await row.getByRole("button", { name: "Reset 2FA" }).click();
    await page
      .getByRole("dialog", { name: `Reset the second factor of ${user.email}?` })
      .getByRole("button", { name: "Reset 2FA" })
      .click();
    await expect(row.getByText("Second factor removed; the recovery link waits for a coordinator's approval.")).toBeVisible(
      SERVER_ROUND_TRIP,
    );
    await expect(row.getByLabel("Recovery link")).toHaveValue(/\/recover\/[A-Za-z0-9_-]{43}$/);
    await page.goto("/admin/users");
    await expect(userRow(page, user.email).getByText("2FA not set up")).toBeVisible();
    await expect(userRow(page, user.email).getByText("second-factor reset waiting for approval")).toBeVisible();

    await expectSignedOut(other.page);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);

    // The password alone, with or without an old code: the generic refusal, and no enrolment page.
    for (const code of [undefined, user.recoveryCodes[0]]) {
      await signIn(other.page, { email: user.email, password: user.password, code });
      await expect(other.page.getByRole("alert").filter({ hasText: "The e-mail, password or code is not correct." })).toBeVisible(
        SERVER_ROUND_TRIP,
      );
      await expect(other.page).toHaveURL(/\/login$/);
    }
    await other.page.goto("/enrol");
    await expect(other.page).toHaveURL(/\/login(\?|$)/);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ totpSecretEnc: null, totpEnrolledAt: null });
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  test("an ADMIN cannot change their own role or deactivate themselves: no such controls, and the server refuses if called", async ({
    page,
    loginAs,
    httpClient,
    baseURL,
  }) => {
    const admin = await loginAs("ADMIN");
    await page.goto("/admin/users");
    const row = userRow(page, admin.email);
    await expect(row.getByText("you", { exact: true })).toBeVisible();
    await expect(row.getByRole("form", { name: `Change the role of ${admin.email}` })).toHaveCount(0);
    await expect(row.getByRole("combobox", { name: `Role of ${admin.email}`, exact: true })).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Change role" })).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Deactivate" })).toHaveCount(0);

    // Called directly, as a crafted request would.
    const client = await httpClient(admin.cookie);
    const call = async (name: string, fields: Record<string, string>) =>
      callServerAction(client, {
        id: findAction(ADMIN_ACTIONS, name).id,
        path: "/admin/users",
        args: [null, formData(fields)],
        origin: baseURL!,
      });
    const demote = await call("changeRoleAction", { userId: admin.id, role: "CASEWORKER" });
    expect(demote.result, describeOutcome(demote)).toEqual({
      ok: false,
      status: 409,
      error: "cannot_change_own_role",
      words: { message: "You cannot change your own role. Ask another admin." },
      values: { userId: admin.id, role: "CASEWORKER" },
    });
    const deactivate = await call("deactivateUserAction", { userId: admin.id });
    expect(deactivate.result, describeOutcome(deactivate)).toEqual({
      ok: false,
      status: 409,
      error: "cannot_deactivate_self",
      words: { message: "You cannot deactivate your own account. Ask another admin." },
      values: { userId: admin.id },
    });

    const stored = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored.role).toBe("ADMIN");
    expect(stored.status).toBe("ACTIVE");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  });
});
