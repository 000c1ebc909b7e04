import { createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Saved views of the case list (issue 19): a caseworker filters the list, saves the view under a
 * name, opens it again from the list, and deletes it. In English and Russian.
 */
const WORDS = {
  en: {
    risk: "Risk level",
    high: "High risk",
    apply: "Apply",
    name: "Name of the view",
    save: "Save this view",
    saved: "View saved.",
    delete: (n: string) => `Delete the saved view ${n}`,
  },
  ru: {
    risk: "Уровень риска",
    high: "Высокий риск",
    apply: "Применить",
    name: "Название вида",
    save: "Сохранить этот вид",
    saved: "Вид сохранён.",
    delete: (n: string) => `Удалить сохранённый вид ${n}`,
  },
} as const;

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a caseworker saves a filtered view of the list, opens it again and deletes it (${locale}, ${width} px)`, async ({
    page,
    loginAs,
  }) => {
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    const worker = await loginAs("CASEWORKER", { locale });
    const high = await createCase({ createdById: worker.id, assignedToId: worker.id, riskLevel: "HIGH" });
    const low = await createCase({ createdById: worker.id, assignedToId: worker.id, riskLevel: "LOW" });
    const label = locale === "en" ? "High risk cases" : "Высокий риск";

    await page.goto("/cases");
    await page.getByRole("combobox", { name: w.risk, exact: true }).selectOption({ label: w.high });
    await page.getByRole("button", { name: w.apply }).click();
    await expect(page).toHaveURL(/risk=HIGH/);
    await page.getByLabel(w.name).fill(label);
    await page.getByRole("button", { name: w.save }).click();
    await expect(page.getByText(w.saved)).toBeVisible();
    await expectNoSidewaysScroll(page);

    await page.goto("/cases?status=all");
    await page.getByTestId("saved-view").getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(/risk=HIGH/);
    await expect(page.getByRole("link", { name: high.code })).toBeVisible();
    await expect(page.getByRole("link", { name: low.code })).toHaveCount(0);

    await page.getByRole("button", { name: w.delete(label) }).click();
    await expect(page.getByTestId("saved-view")).toHaveCount(0);
  });
}
