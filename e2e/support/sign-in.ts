import type { Page } from "@playwright/test";

/** Fills and submits the sign-in form as a person would (on `origin`, by default the suite's server). */
export async function signIn(page: Page, input: { email: string; password: string; code?: string }, origin = ""): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel("E-mail").fill(input.email);
  await page.getByLabel("Password").fill(input.password);
  await page.getByLabel("Authenticator code").fill(input.code ?? "");
  await page.getByRole("button", { name: "Sign in" }).click();
}
