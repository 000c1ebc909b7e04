import { createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Supervision notes (issue 19): a coordinator writes one on a case; the caseworker the case is
 * assigned to reads it, without a form to write one. In English and Russian.
 */
const WORDS = {
  en: {
    section: "Supervision",
    add: "Add supervision note",
    field: "Supervision note",
    added: "Supervision note added.",
    event: "Supervision note added",
  },
  ru: {
    section: "Заметки координаторов",
    add: "Добавить заметку координатора",
    field: "Заметка координатора",
    added: "Заметка координатора добавлена.",
    event: "Добавлена заметка координатора",
  },
} as const;

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a coordinator writes a supervision note and the case's caseworker reads it (${locale}, ${width} px)`, async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    await loginAs("COORDINATOR", { locale });
    const worker = await createUser({ role: "CASEWORKER", locale });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });

    await page.goto(`/cases/${kase.code}`);
    const section = page.getByRole("region", { name: w.section });
    const form = section.getByRole("form", { name: w.add });
    await form.getByLabel(w.field).fill("Wait for the lawyer before booking the flight");
    await form.getByRole("button", { name: w.add }).click();
    await expect(page.getByText(w.added)).toBeVisible();
    await expect(section.getByTestId("supervision-note")).toContainText("Wait for the lawyer before booking the flight");
    await expect(page.getByText(w.event, { exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page);

    const theirs = await openBrowser({ locale: locale === "ru" ? "ru-RU" : "en-GB" });
    await theirs.loginAsUser(worker.id);
    await theirs.page.goto(`/cases/${kase.code}`);
    const seen = theirs.page.getByRole("region", { name: w.section });
    await expect(seen.getByTestId("supervision-note")).toContainText("Wait for the lawyer before booking the flight");
    await expect(seen.getByRole("form")).toHaveCount(0);
  });
}

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a coordinator reads who read and changed a case, this reading included (${locale}, ${width} px)`, async ({ page, loginAs }) => {
    const words = {
      en: { link: "Who read and changed it", opened: "Opened the case", trailRead: "Read this trail", note: "Supervision note added" },
      ru: {
        link: "Кто читал и менял",
        opened: "Открыл(а) дело",
        trailRead: "Прочитал(а) эту историю",
        note: "Добавлена заметка координатора",
      },
    }[locale];
    await page.setViewportSize({ width, height: 900 });
    const coordinator = await loginAs("COORDINATOR", { locale });
    const worker = await createUser({ role: "CASEWORKER", locale });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });

    await page.goto(`/cases/${kase.code}`);
    await page.getByRole("link", { name: words.link }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/${kase.code}/trail$`));
    const entries = page.getByTestId("trail-entry");
    // Newest first: this reading, then the case page read just before it.
    await expect(entries.first()).toContainText(words.trailRead);
    await expect(entries.first()).toContainText(coordinator.email);
    await expect(entries.nth(1)).toContainText(words.opened);
    await expectNoSidewaysScroll(page);
  });
}
