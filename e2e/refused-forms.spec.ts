import { db } from "@/lib/db/client";
import { createCase, createInvite, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { SERVER_ROUND_TRIP } from "./support/accounts";

/**
 * React 19 resets a form after its action, even when the action refused it. Every action goes through
 * one builder (lib/errors/action.ts) that hands back what was typed with the refusal, so each form
 * family below is refused once in the browser and must still show what the user typed. What is never
 * handed back: passwords, link tokens, activation codes and one-time codes.
 */

const STEP_UP_REQUIRED = "Security actions need a fresh code first";

test.describe("a refused form keeps what was typed", () => {
  test("sign-in: the e-mail stays, the password and the code do not", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("nobody-here@refused.example");
    await page.getByLabel("Password").fill("not-the-password-at-all");
    await page.getByLabel("Authenticator code").fill("123456");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The e-mail, password or code is not correct." })).toBeVisible(
      SERVER_ROUND_TRIP,
    );
    await expect(page.getByLabel("E-mail")).toHaveValue("nobody-here@refused.example");
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByLabel("Authenticator code")).toHaveValue("");
  });

  test("invitation: a refusal names the field, and neither the activation code nor a password comes back", async ({ page }) => {
    const invite = await createInvite();
    await page.goto(`/invite/${invite.token}`);
    await page.getByLabel("Activation code").fill(invite.code!);
    await page.getByRole("textbox", { name: "Password", exact: true }).fill("quiet-lantern-orchard-7351");
    await page.getByRole("textbox", { name: "Repeat the password" }).fill("quiet-lantern-orchard-7352");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("The two passwords are not the same.")).toBeVisible(SERVER_ROUND_TRIP);
    await expect(page.getByLabel("Activation code")).toHaveValue("");
    await expect(page.getByRole("textbox", { name: "Password", exact: true })).toHaveValue("");
    await expect(page.getByRole("textbox", { name: "Repeat the password" })).toHaveValue("");
    expect(await db().user.count({ where: { email: invite.email } }), "no account was made").toBe(0);
  });

  test("account: a refused password change hands back none of its secrets", async ({ page, loginAs }) => {
    await loginAs("CASEWORKER");
    await page.goto("/account");
    const form = page.getByRole("region", { name: "Password", exact: true });
    const field = (name: string) => form.getByRole("textbox", { name, exact: !name.startsWith("Code") });
    const fields = ["Current password", "New password", "Repeat the new password", "Code from your authenticator app"];
    for (const name of fields) await field(name).fill(name === fields[0] ? "not-the-password" : "quiet-lantern-orchard-7351");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("alert")).toBeVisible(SERVER_ROUND_TRIP);
    for (const name of fields) await expect(field(name)).toHaveValue("");
  });

  test("admin, users: an invitation refused for want of a fresh code keeps the e-mail and the role", async ({ page, loginAs }) => {
    await loginAs("ADMIN", { steppedUpAt: null });
    await page.goto("/admin/users");
    const form = page.getByRole("region", { name: "Invite a user" });
    await form.getByRole("textbox", { name: "E-mail", exact: true }).fill("kept-after-refusal@refused.example");
    await form.getByLabel("Role").selectOption({ label: "Coordinator" });
    await form.getByRole("button", { name: "Create invitation" }).click();
    await expect(form.getByRole("alert")).toContainText(STEP_UP_REQUIRED, SERVER_ROUND_TRIP);
    await expect(form.getByRole("textbox", { name: "E-mail", exact: true })).toHaveValue("kept-after-refusal@refused.example");
    await expect(form.getByLabel("Role")).toHaveValue("COORDINATOR");
  });

  test("admin, countries: a risk refused for want of a fresh code keeps the country and the risk chosen", async ({ page, loginAs }) => {
    await loginAs("ADMIN", { steppedUpAt: null });
    await page.goto("/admin/countries");
    const form = page.getByRole("form", { name: "Set a country's risk" });
    await form.getByLabel("Country").selectOption("MN");
    await form.getByLabel("Jurisdiction risk").selectOption("EXTRADITION_RISK");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("alert")).toContainText(STEP_UP_REQUIRED, SERVER_ROUND_TRIP);
    await expect(form.getByLabel("Country")).toHaveValue("MN");
    await expect(form.getByLabel("Jurisdiction risk")).toHaveValue("EXTRADITION_RISK");
  });

  test("intake: a form refused for a missing field keeps everything else", async ({ page, loginAs }) => {
    await loginAs("CASEWORKER");
    await page.goto("/cases/new");
    await page.getByLabel("Age band").selectOption({ label: "25–34" });
    await page.getByLabel("Service category").selectOption({ label: "Mobilised" });
    await page.getByLabel("Current country").selectOption("KZ");
    await page.getByLabel("Contact channel").fill("Signal @kept_after_refusal");
    // No risk level chosen.
    await page.getByRole("button", { name: "Create case" }).click();
    await expect(page.getByText("This field is required.").first()).toBeVisible(SERVER_ROUND_TRIP);
    await expect(page).toHaveURL(/\/cases\/new$/);
    await expect(page.getByLabel("Contact channel")).toHaveValue("Signal @kept_after_refusal");
    await expect(page.getByLabel("Current country")).toHaveValue("KZ");
    await expect(page.getByLabel("Age band")).not.toHaveValue("");
  });

  test("case page: a next step refused for an identifier keeps its text, owner and due date", async ({ page, loginAs }) => {
    const caseworker = await loginAs("CASEWORKER");
    const kase = await createCase({
      createdById: caseworker.id,
      assignedToId: caseworker.id,
      status: "IN_THIRD_COUNTRY",
      currentCountry: "KZ",
    });
    await page.goto(`/cases/${kase.code}`);
    const form = page.getByRole("form", { name: "Add step" });
    await form.getByLabel("What needs doing").fill("Call him on +7 912 345 67 89 about the ticket");
    await form.getByLabel("Due on").fill("2031-03-14");
    await form.getByRole("button", { name: "Add step" }).click();
    await expect(form.getByText(/Remove identifying details: a phone number/)).toBeVisible(SERVER_ROUND_TRIP);
    await expect(form.getByLabel("What needs doing")).toHaveValue("Call him on +7 912 345 67 89 about the ticket");
    await expect(form.getByLabel("Due on")).toHaveValue("2031-03-14");
    expect(await db().nextStep.count({ where: { caseId: kase.id } })).toBe(0);
  });

  test("dashboard: reassigning all to a caseworker who has just left keeps the choice and says why", async ({ page, loginAs }) => {
    await loginAs("COORDINATOR");
    const leaving = await createUser({ role: "CASEWORKER" });
    const taking = await createUser({ role: "CASEWORKER" });
    await createCase({ createdById: leaving.id, assignedToId: leaving.id, status: "NEW", currentCountry: "KZ" });
    await page.goto(`/dashboard?assignee=${leaving.id}`);
    await page.getByRole("button", { name: `Reassign all open cases of ${leaving.email}` }).click();
    const form = page.getByRole("form", { name: `Reassign all open cases of ${leaving.email}` });
    await form.getByLabel("Move all to…").selectOption({ label: taking.email });
    // Deactivated while the coordinator was choosing.
    await db().user.update({ where: { id: taking.id }, data: { status: "DEACTIVATED", deactivatedAt: new Date() } });
    await form.getByRole("button", { name: "Reassign all" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reassign all" }).click();
    await expect(form.getByText("Choose an active caseworker.").first()).toBeVisible(SERVER_ROUND_TRIP);
    await expect(form.getByLabel("Move all to…")).toHaveValue(taking.id);
  });
});
