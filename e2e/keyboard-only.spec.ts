import type { Locator, Page } from "@playwright/test";
import { totpCodeAt } from "@/lib/auth/totp";
import { createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";

/**
 * A caseworker who cannot use a mouse does a day's work with the keyboard alone: signs in, opens a
 * case, moves it on, writes a note (after a refused empty one), and opens and leaves the close
 * dialog. After every action focus lands somewhere sensible and is always visible.
 */

/** What has focus, described for messages, and whether a sighted keyboard user can see it. */
async function focusState(page: Page): Promise<{ description: string; onBody: boolean; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { description: "<body>", onBody: true, visible: false };
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ringed = style.boxShadow !== "none" && style.boxShadow !== "";
    const label = element.getAttribute("aria-label") ?? element.textContent?.trim().slice(0, 40) ?? "";
    return {
      description: `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}> "${label}"`,
      onBody: false,
      // Elements that only receive focus from script (tabindex=-1 status messages, <main>) show
      // where the user is through what they announce, not a ring; the rest must show a ring.
      visible: outlined || ringed || element.tabIndex < 0,
    };
  });
}

async function expectVisibleFocus(page: Page, when: string) {
  const state = await focusState(page);
  expect(state.onBody, `${when}: focus is on an element, not lost to the page (${state.description})`).toBe(false);
  expect(state.visible, `${when}: the focused element shows a focus indicator (${state.description})`).toBe(true);
}

/** Presses Tab until the target has focus, checking the indicator at every stop on the way. */
async function tabTo(page: Page, target: Locator, what: string, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      await expectVisibleFocus(page, `reaching ${what}`);
      return;
    }
    const state = await focusState(page);
    if (!state.onBody) expect(state.visible, `on the way to ${what}: ${state.description} shows a focus indicator`).toBe(true);
  }
  throw new Error(`${what} was not reached with ${limit} presses of Tab`);
}

test("a caseworker signs in, opens a case, changes its status, adds a note and uses the close dialog with the keyboard only", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const caseworker = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id, status: "NEW" });

  // Sign in.
  await page.goto("/login");
  await tabTo(page, page.getByLabel("E-mail"), "the e-mail field");
  await page.keyboard.type(caseworker.email);
  await tabTo(page, page.getByLabel("Password"), "the password field");
  await page.keyboard.type(caseworker.password);
  await tabTo(page, page.getByLabel("Authenticator code"), "the code field");
  await page.keyboard.type(totpCodeAt(caseworker.totpSecret!));
  await tabTo(page, page.getByRole("button", { name: "Sign in" }), "the sign-in button");
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/home", { timeout: 30_000 });

  // The skip link is the first stop and takes focus to the page's content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  // Open the case from the list.
  await tabTo(page, page.getByRole("link", { name: "Cases", exact: true }).first(), "the Cases link");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/cases$/);
  await tabTo(page, page.getByRole("link", { name: kase.code }), `the link to ${kase.code}`);
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/cases/${kase.code}$`));
  await expect(page.getByRole("heading", { name: kase.code, level: 1 })).toBeVisible();

  // Change the status: the outcome takes focus, so it is announced and the user stays in place.
  await tabTo(page, page.getByRole("button", { name: "Move to Verifying" }), "the status button");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Verification" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Move to Verifying" })).toHaveCount(0);
  await expectVisibleFocus(page, "after the status change");

  // An empty note is refused: focus goes to the field, which names its error.
  const note = page.getByRole("textbox", { name: "New note" });
  const addNote = page.getByRole("button", { name: "Add note" });
  await tabTo(page, addNote, "the Add note button");
  await page.keyboard.press("Enter");
  await expect(note).toBeFocused({ timeout: 30_000 });
  await expect(note).toHaveAttribute("aria-invalid", "true");
  await expect(note).toHaveAccessibleDescription(/This field is required\./);
  await page.keyboard.type("Second call done; route through the north crossing agreed.");
  await page.keyboard.press("Tab");
  await expect(addNote).toBeFocused();
  await page.keyboard.press("Enter");
  const added = page.getByText("Note added.");
  await expect(added).toBeVisible({ timeout: 30_000 });
  await expectVisibleFocus(page, "after adding the note");
  await expect(page.getByText("Second call done; route through the north crossing agreed.")).toBeVisible();

  // Closing: the form's first question takes focus; the confirmation dialog takes focus, keeps it
  // inside, gives it back when left with Escape, and closes the case when confirmed.
  await tabTo(page, page.getByRole("button", { name: "Close case…" }), "the Close case… button");
  await page.keyboard.press("Enter");
  const reason = page.getByRole("combobox", { name: "Reason" });
  await expect(reason).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(reason).not.toHaveValue("");
  const confirmOpener = page.getByRole("button", { name: "Close case", exact: true });
  await tabTo(page, confirmOpener, "the Close case button");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Close case ${kase.code}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep it open" })).toBeFocused();
  for (let presses = 0; presses < 6; presses++) {
    await page.keyboard.press("Tab");
    expect(
      await dialog.evaluate((element) => element.contains(document.activeElement)),
      `focus stays in the dialog after ${presses + 1} presses of Tab`,
    ).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(confirmOpener).toBeFocused();
  await expect(page.getByText("Closed", { exact: true })).toHaveCount(0);

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Close case", exact: true }), "the dialog's Close case button", 6);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Only a coordinator can reopen a closed case.")).toBeVisible({ timeout: 30_000 });
  await expectVisibleFocus(page, "after closing the case");
});
