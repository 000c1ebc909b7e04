import { db } from "@/lib/db/client";
import { totpCodeAt } from "@/lib/auth/totp";
import { createInvite, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import {
  acceptOnPage,
  approveOnPage,
  confirmOnPage,
  freshEmail,
  inviteOnPage,
  requestAbout,
  SERVER_ROUND_TRIP,
  shownSecret,
  WRONG_CODE,
} from "./support/accounts";
import { callServerAction, describeOutcome, findAction, formData } from "./support/server-actions";
import { signIn } from "./support/sign-in";

/**
 * Issue 15: no single person, and no stolen session, can take an account or widen access (ADR 013).
 * The admin who invites holds a link, the coordinator who approves holds an activation code: neither
 * can complete the account alone; the invitee, given both, can. A reset second factor cannot be
 * re-enrolled with the password. Admin accounts, the last coordinators and lowered country risks
 * wait for a second person.
 */

const PASSWORD = "amber-lantern-orchard-2031-fjord";
const INVITE_ACTIONS = "app/invite/[token]/actions.ts";
const GENERIC_REFUSAL = "The e-mail, password or code is not correct.";

test.describe("split knowledge: an account needs the admin's link and the approver's code", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the admin cannot finish an approved invitation with what they saw, nor the coordinator with what they saw; the invitee with both can", async ({
    page,
    loginAs,
    openBrowser,
    httpClient,
    baseURL,
  }) => {
    const admin = await loginAs("ADMIN");
    const email = freshEmail();
    const link = await inviteOnPage(page, email, "Coordinator");
    const token = link.split("/invite/")[1]!;

    const coordinatorBrowser = await openBrowser();
    await coordinatorBrowser.loginAs("COORDINATOR");
    const code = (await approveOnPage(coordinatorBrowser.page, email))!;
    // What each saw: the coordinator's pages never carry the link; the admin's never the code.
    expect(await coordinatorBrowser.page.content()).not.toContain(token);
    for (const path of ["/admin/users", "/admin/approvals", "/admin/audit"]) {
      await page.goto(path);
      const html = await page.content();
      expect(html, path).not.toContain(code);
      expect(html, path).not.toContain(code.replace(/-/g, ""));
    }

    // The admin opens the approved link: it asks for the code, and guesses are refused.
    await acceptOnPage(page, link, "0000-0000-0000", PASSWORD);
    await expect(page.getByText(WRONG_CODE).first()).toBeVisible(SERVER_ROUND_TRIP);
    await expect(page).toHaveURL(link);
    const crafted = await callServerAction(await httpClient(admin.cookie), {
      id: findAction(INVITE_ACTIONS, "acceptInviteAction").id,
      path: `/invite/${token}`,
      args: [null, formData({ token, activationCode: "", password: PASSWORD, confirmPassword: PASSWORD })],
      origin: baseURL!,
    });
    expect(crafted.result, describeOutcome(crafted)).toMatchObject({ ok: false, status: 422 });
    expect(await db().user.count({ where: { email } })).toBe(0);

    // The coordinator has the code but no link: another approved link refuses it, a made-up one is not valid.
    const otherInvite = await createInvite({ createdById: admin.id });
    await acceptOnPage(coordinatorBrowser.page, `/invite/${otherInvite.token}`, code, PASSWORD);
    await expect(coordinatorBrowser.page.getByText(WRONG_CODE).first()).toBeVisible(SERVER_ROUND_TRIP);
    await coordinatorBrowser.page.goto(`/invite/${"B".repeat(43)}`);
    await expect(coordinatorBrowser.page.getByText("This invitation link is not valid.")).toBeVisible();
    expect(await db().user.count({ where: { email: { in: [email, otherInvite.email] } } })).toBe(0);

    // The invitee, given the link by the admin and the code by the coordinator, completes the account.
    const invitee = (await openBrowser()).page;
    await acceptOnPage(invitee, link, code.toLowerCase(), PASSWORD);
    const secret = await shownSecret(invitee);
    await confirmOnPage(invitee, secret);
    await signIn(invitee, { email, password: PASSWORD, code: totpCodeAt(secret, Date.now() + 30_000) });
    await invitee.waitForURL((url) => url.pathname === "/dashboard", SERVER_ROUND_TRIP);
    expect(await db().user.findUniqueOrThrow({ where: { email }, select: { role: true, activationPending: true } })).toEqual({
      role: "COORDINATOR",
      activationPending: false,
    });
    // Completed: the link is spent.
    await invitee.goto(link);
    await expect(invitee.getByText("This invitation link is not valid.")).toBeVisible();
  });

  test("a reset second factor cannot be re-enrolled with the password; the recovery link and code can, with a fresh secret for each enrolment", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    const user = await createUser({ role: "CASEWORKER", withRecoveryCodes: true });

    await page.goto("/admin/users");
    const row = page.getByTestId("user-row").filter({ hasText: user.email });
    await row.getByRole("button", { name: "Reset 2FA" }).click();
    await page
      .getByRole("dialog", { name: `Reset the second factor of ${user.email}?` })
      .getByRole("button", { name: "Reset 2FA" })
      .click();
    const link = await row.getByLabel("Recovery link").inputValue({ timeout: SERVER_ROUND_TRIP.timeout });
    expect(link).toMatch(/\/recover\/[A-Za-z0-9_-]{43}$/);

    // Whoever knows the password: the same refusal as a wrong password, and no way to /enrol.
    const someone = (await openBrowser()).page;
    await signIn(someone, { email: user.email, password: user.password });
    await expect(someone.getByRole("alert").filter({ hasText: GENERIC_REFUSAL })).toBeVisible(SERVER_ROUND_TRIP);
    await expect(someone).toHaveURL(/\/login$/);
    await someone.goto("/enrol");
    await expect(someone).toHaveURL(/\/login(\?|$)/);
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

    // The link before approval says it waits; a coordinator approves and is shown the code.
    await someone.goto(link);
    await expect(someone.getByText("This recovery link is waiting for a coordinator's approval.")).toBeVisible();
    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    const code = (await approveOnPage(coordinator.page, user.email, "New authenticator"))!;

    // Two browsers use link and code: each enrolment shows its own secret, and the first one ends.
    const first = (await openBrowser()).page;
    const second = (await openBrowser()).page;
    const useLink = async (browser: typeof first) => {
      await browser.goto(link);
      await expect(browser.getByRole("heading", { name: "Set up a new authenticator" })).toBeVisible();
      await browser.getByLabel("Activation code").fill(code);
      await browser.getByRole("button", { name: "Continue" }).click();
      return shownSecret(browser);
    };
    const firstSecret = await useLink(first);
    const secondSecret = await useLink(second);
    expect(secondSecret).not.toBe(firstSecret);
    expect(secondSecret).not.toBe(user.totpSecret);
    await first.reload();
    await expect(first).toHaveURL(/\/login(\?|$)/);
    await confirmOnPage(second, secondSecret);
    await signIn(second, { email: user.email, password: user.password, code: totpCodeAt(secondSecret, Date.now() + 30_000) });
    await second.waitForURL((url) => url.pathname === "/home", SERVER_ROUND_TRIP);
  });

  test("a forgotten password: the admin's recovery link and the approver's code set a new one and end every session; the authenticator stays", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    const user = await createUser({ role: "COORDINATOR" });
    const elsewhere = await openBrowser();
    await elsewhere.loginAsUser(user.id);
    await page.goto("/admin/users");
    const row = page.getByTestId("user-row").filter({ hasText: user.email });
    await row.getByRole("button", { name: "Reset password" }).click();
    await page
      .getByRole("dialog", { name: `Reset the password of ${user.email}?` })
      .getByRole("button", { name: "Reset password" })
      .click();
    const link = await row.getByLabel("Recovery link").inputValue({ timeout: SERVER_ROUND_TRIP.timeout });
    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    const code = (await approveOnPage(coordinator.page, user.email, "New password"))!;

    const person = (await openBrowser()).page;
    await person.goto(link);
    await expect(person.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await person.getByLabel("Activation code").fill(code);
    await person.getByRole("textbox", { name: "New password", exact: true }).fill(PASSWORD);
    await person.getByRole("textbox", { name: "Repeat the password" }).fill(PASSWORD);
    await person.getByRole("button", { name: "Set the new password" }).click();
    await expect(person).toHaveURL(/\/login\?notice=passwordReset$/, SERVER_ROUND_TRIP);
    await elsewhere.page.goto("/account");
    await expect(elsewhere.page).toHaveURL(/\/login(\?|$)/);
    await signIn(person, { email: user.email, password: PASSWORD, code: totpCodeAt(user.totpSecret!) });
    await person.waitForURL((url) => url.pathname === "/dashboard", SERVER_ROUND_TRIP);
  });
});

test.describe("a second person for admin accounts, the last coordinators and lower country risks", () => {
  test.describe.configure({ timeout: 120_000 });

  test("an admin invitation and a promotion to admin wait for a coordinator", async ({ page, loginAs, openBrowser }) => {
    await loginAs("ADMIN");
    const email = freshEmail("admin");
    const link = await inviteOnPage(page, email, "Admin");
    const early = (await openBrowser()).page;
    await early.goto(link);
    await expect(early.getByText("This invitation is waiting for a coordinator's approval.")).toBeVisible();

    const other = await openBrowser();
    const caseworker = await other.loginAs("CASEWORKER");
    await page.goto("/admin/users");
    const row = page.getByTestId("user-row").filter({ hasText: caseworker.email });
    await row.getByRole("combobox", { name: `Role of ${caseworker.email}`, exact: true }).selectOption("ADMIN");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(row.getByText("Sent for approval: a coordinator must approve it at Approvals.")).toBeVisible(SERVER_ROUND_TRIP);
    expect((await other.page.goto("/admin/users"))!.status()).toBe(404);
    expect((await db().user.findUniqueOrThrow({ where: { id: caseworker.id } })).role).toBe("CASEWORKER");

    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    await coordinator.page.goto("/admin/approvals");
    await expect(requestAbout(coordinator.page, email).getByText("Invitation as Admin")).toBeVisible();
    await expect(requestAbout(coordinator.page, caseworker.email).getByText("Role change to Admin")).toBeVisible();
    expect(await approveOnPage(coordinator.page, email)).toMatch(/^[0-9A-Z]{4}-/);
    expect(await approveOnPage(coordinator.page, caseworker.email)).toBeNull();
    expect((await other.page.goto("/admin/users"))!.status()).toBe(200);
  });

  test("demoting one of the last two coordinators waits for the other; so does deactivating the last", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    const [c1, c2] = [await createUser({ role: "COORDINATOR" }), await createUser({ role: "COORDINATOR" })];
    // The shared database holds many coordinators: for this test, only these two are active.
    const others = await db().user.findMany({
      where: { role: "COORDINATOR", status: "ACTIVE", id: { notIn: [c1.id, c2.id] } },
      select: { id: true },
    });
    await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: "DEACTIVATED" } });
    try {
      await page.goto("/admin/users");
      const row = page.getByTestId("user-row").filter({ hasText: c1.email });
      await row.getByRole("combobox", { name: `Role of ${c1.email}`, exact: true }).selectOption("CASEWORKER");
      await row.getByRole("button", { name: "Change role" }).click();
      await expect(row.getByText("Sent for approval: a coordinator must approve it at Approvals.")).toBeVisible(SERVER_ROUND_TRIP);
      expect((await db().user.findUniqueOrThrow({ where: { id: c1.id } })).role).toBe("COORDINATOR");

      // c1 cannot decide about themselves; c2 approves.
      const first = await openBrowser();
      await first.loginAsUser(c1.id);
      await first.page.goto("/admin/approvals");
      await expect(requestAbout(first.page, c1.email).getByText("This is about you: another coordinator must decide.")).toBeVisible();
      const second = await openBrowser();
      await second.loginAsUser(c2.id);
      expect(await approveOnPage(second.page, c1.email, "Role change to Caseworker")).toBeNull();
      expect((await db().user.findUniqueOrThrow({ where: { id: c1.id } })).role).toBe("CASEWORKER");

      // c2 is the last: deactivating them waits (and nobody is left to approve it).
      await page.goto("/admin/users");
      const last = page.getByTestId("user-row").filter({ hasText: c2.email });
      await last.getByRole("button", { name: "Deactivate" }).click();
      await page
        .getByRole("dialog", { name: `Deactivate ${c2.email}?` })
        .getByRole("button", { name: "Deactivate" })
        .click();
      await expect(last.getByText("Sent for approval: fewer than two coordinators would remain.")).toBeVisible(SERVER_ROUND_TRIP);
      expect((await db().user.findUniqueOrThrow({ where: { id: c2.id } })).status).toBe("ACTIVE");
    } finally {
      await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: "ACTIVE" } });
      await db().accessRequest.updateMany({
        where: { subjectId: c2.id, status: "PENDING" },
        data: { status: "REJECTED", decidedAt: new Date() },
      });
    }
  });

  test("lowering a country's risk waits for a coordinator's confirmation; raising applies at once", async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    await loginAs("ADMIN");
    await db().countryRisk.deleteMany({ where: { countryCode: "MN" } });
    await db().accessRequest.updateMany({
      where: { countryCode: "MN", status: "PENDING" },
      data: { status: "REJECTED", decidedAt: new Date() },
    });
    await page.goto("/admin/countries");
    await expect(page.getByText("a lower one (for example from extradition risk to safe").first()).toBeVisible();
    const form = page.getByRole("form", { name: "Set a country's risk" });
    await form.getByLabel("Country").selectOption("MN");
    await form.getByLabel("Jurisdiction risk").selectOption("EXTRADITION_RISK");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("Saved.")).toBeVisible(SERVER_ROUND_TRIP);
    expect((await db().countryRisk.findUniqueOrThrow({ where: { countryCode: "MN" } })).risk).toBe("EXTRADITION_RISK");

    await page.goto("/admin/countries");
    const mongolia = page.getByRole("form", { name: "Jurisdiction risk of Mongolia" });
    await mongolia.getByRole("combobox").selectOption("SAFE");
    await mongolia.getByRole("button", { name: "Save" }).click();
    await expect(mongolia.getByText("A lower risk waits for a coordinator's confirmation at Approvals")).toBeVisible(SERVER_ROUND_TRIP);
    expect((await db().countryRisk.findUniqueOrThrow({ where: { countryCode: "MN" } })).risk).toBe("EXTRADITION_RISK");
    await page.goto("/admin/countries");
    await expect(
      page.getByTestId("pending-country-change").filter({ hasText: "Mongolia" }).getByText("Extradition risk → Safe"),
    ).toBeVisible();

    const coordinator = await openBrowser();
    await coordinator.loginAs("COORDINATOR");
    await coordinator.page.goto("/admin/approvals");
    await expect(requestAbout(coordinator.page, "Mongolia").getByText("Lower risk: Extradition risk → Safe")).toBeVisible();
    expect(await approveOnPage(coordinator.page, "Mongolia")).toBeNull();
    expect((await db().countryRisk.findUniqueOrThrow({ where: { countryCode: "MN" } })).risk).toBe("SAFE");
    await page.goto("/admin/countries");
    await expect(page.getByTestId("pending-country-change")).toHaveCount(
      await db().accessRequest.count({ where: { kind: "COUNTRY_RISK", status: "PENDING", expiresAt: { gt: new Date() } } }),
    );
  });
});
