import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { totpCodeAt } from "@/lib/auth/totp";

/**
 * The steps of the split-knowledge journeys (ADR 013) as people take them in the browser: the admin
 * reads a link off /admin/users, the coordinator reads an activation code off /admin/approvals, the
 * person types the code on the link's page and sets up an authenticator.
 */

/** A server action and the re-render it triggers can be slow on a loaded two-core machine. */
export const SERVER_ROUND_TRIP = { timeout: 30_000 };
export const WRONG_CODE = "That activation code is not the one for this link.";

export function freshEmail(prefix = "invited"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@test.example`;
}

/** The admin invites on /admin/users and reads the link shown once. */
export async function inviteOnPage(page: Page, email: string, role: "Caseworker" | "Coordinator" | "Admin"): Promise<string> {
  await page.goto("/admin/users");
  const inviteForm = page.getByRole("region", { name: "Invite a user" });
  await inviteForm.getByRole("textbox", { name: "E-mail", exact: true }).fill(email);
  await inviteForm.getByLabel("Role").selectOption({ label: role });
  await inviteForm.getByRole("button", { name: "Create invitation" }).click();
  const link = await inviteForm.getByLabel("Invitation link").inputValue({ timeout: SERVER_ROUND_TRIP.timeout });
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  // The page says that the link alone opens nothing.
  await expect(inviteForm.getByText("On its own the link opens nothing")).toBeVisible();
  return link;
}

/** The request about `subject` on /admin/approvals. */
export const requestAbout = (page: Page, subject: string) => page.getByTestId("access-request").filter({ hasText: subject });

/** A coordinator approves the request about `subject` (optionally of one kind) and reads the activation code, if one is shown. */
export async function approveOnPage(page: Page, subject: string, kind?: string): Promise<string | null> {
  await page.goto("/admin/approvals");
  let request = requestAbout(page, subject).filter({ hasText: "Waiting" });
  if (kind) request = request.filter({ hasText: kind });
  await request.getByRole("button", { name: "Approve" }).click();
  const approved = requestAbout(page, subject).filter({ hasText: "Approved" }).first();
  await expect(approved.getByText("Approved", { exact: true })).toBeVisible(SERVER_ROUND_TRIP);
  const code = approved.getByTestId("activation-code");
  if ((await code.count()) === 0) return null;
  await expect(approved.getByText("Shown only now.")).toBeVisible();
  return (await code.innerText()).trim();
}

/** The person opens the invitation link, types the code and a password; lands on /enrol (when both are right). */
export async function acceptOnPage(page: Page, link: string, code: string, password: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Activation code").fill(code);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("textbox", { name: "Repeat the password" }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** On /enrol: the key shown (without spaces). */
export async function shownSecret(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/enrol$/, SERVER_ROUND_TRIP);
  await expect(page.getByRole("heading", { name: "Set up your authenticator" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  return secret;
}

/** Confirms the enrolment with a code from the secret and leaves through the recovery codes. */
export async function confirmOnPage(page: Page, secret: string): Promise<void> {
  await page.getByLabel("Code from the app").fill(totpCodeAt(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem")).toHaveCount(10, SERVER_ROUND_TRIP);
  await page.getByRole("button", { name: "I have saved my recovery codes: sign in" }).click();
  await expect(page).toHaveURL(/\/login\?notice=enrolled$/, SERVER_ROUND_TRIP);
}
