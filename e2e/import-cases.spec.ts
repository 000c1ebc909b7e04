import { db } from "@/lib/db/client";
import { IMPORT_COLUMNS } from "@/lib/cases/import/columns";
import { createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Bringing a spreadsheet in (issue 19): a coordinator uploads 500 cases, the dry run refuses three
 * rows (a country that is not one, a phone number typed as the place, a caseworker nobody is) by row
 * and reason, the import creates the other 497 at once, the caseworker is told, and the same file is
 * refused the second time. In English and Russian.
 */
const WORDS = {
  en: {
    file: "Spreadsheet (CSV)",
    check: "Check the file",
    import: "Import 497 cases",
    imported: "497 cases imported.",
    country: "Choose a country.",
    phone: "Remove identifying details: a phone number.",
    caseworker: "No active caseworker has this e-mail.",
    again: "This file was already imported.",
    template: "Download the template",
  },
  ru: {
    file: "Таблица (CSV)",
    check: "Проверить файл",
    import: "Импортировать 497 дел",
    imported: "Импортировано 497 дел.",
    country: "Выберите страну.",
    phone: "Удалите идентифицирующие данные: номер телефона.",
    caseworker: "Нет активного куратора с таким e-mail.",
    again: "Этот файл уже импортирован.",
    template: "Скачать шаблон",
  },
} as const;

/** Rows 51, 202 and 403 of the spreadsheet (the header is row 1) are the refused ones. */
function spreadsheet(tag: string, caseworker: string): string {
  const rows = Array.from({ length: 500 }, (_, i) => {
    const row = i + 2;
    const country = row === 51 ? "XX" : "KZ";
    const place = row === 202 ? "+7 912 345 67 89" : "";
    const who = row === 403 ? "nobody@example.invalid" : caseworker;
    return `AGE_25_34,MOBILISED,1,ru,HIGH,${country},${place ? "" : "Almaty"},${place},signal: @${tag}.${row},${who},VERIFYING,2026-10-0${(row % 9) + 1}`;
  });
  return [IMPORT_COLUMNS.join(","), ...rows].join("\n");
}

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a coordinator imports 500 cases after a dry run that refuses three rows (${locale}, ${width} px)`, async ({ page, loginAs }) => {
    test.setTimeout(120_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    await loginAs("COORDINATOR", { locale });
    const caseworker = await createUser({ role: "CASEWORKER" });
    const file = {
      name: "cases.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(spreadsheet(`e2e.${locale}.${Date.now()}`, caseworker.email)),
    };

    await page.goto("/cases");
    await page.getByRole("link", { name: locale === "en" ? "Import" : "Импорт", exact: true }).click();
    await expect(page).toHaveURL(/\/cases\/import$/);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: w.template }).click();
    expect((await download).suggestedFilename()).toBe("waypoint-cases-template.csv");

    await page.getByLabel(w.file).setInputFiles(file);
    await page.getByRole("button", { name: w.check }).click();
    await expect(page.getByTestId("import-rows")).toHaveText("500");
    await expect(page.getByTestId("import-ready")).toHaveText("497");
    await expect(page.getByTestId("import-refusedRows")).toHaveText("3");
    const refused = page.getByRole("table");
    await expect(refused.getByRole("row").filter({ has: page.getByTestId("refused-row-51") })).toContainText(w.country);
    await expect(refused.getByRole("row").filter({ has: page.getByTestId("refused-row-202") })).toContainText(w.phone);
    await expect(refused.getByRole("row").filter({ has: page.getByTestId("refused-row-403") })).toContainText(w.caseworker);
    await expectNoSidewaysScroll(page);
    expect(await db().case.count({ where: { assignedToId: caseworker.id } })).toBe(0);

    await page.getByRole("button", { name: w.import }).click();
    await expect(page.getByTestId("import-done")).toHaveText(w.imported);
    // One check form stays, and the import form is gone.
    await expect(page.getByRole("button", { name: w.check })).toHaveCount(1);
    expect(await db().case.count({ where: { assignedToId: caseworker.id, status: "VERIFYING" } })).toBe(497);
    expect(await db().notification.findMany({ where: { userId: caseworker.id }, select: { kind: true, count: true } })).toEqual([
      { kind: "CASES_IMPORTED", count: 497 },
    ]);

    // The same file again: the dry run says it was imported, and offers no import.
    await page.reload();
    await page.getByLabel(w.file).setInputFiles(file);
    await page.getByRole("button", { name: w.check }).click();
    await expect(page.getByText(w.again)).toBeVisible();
    await expect(page.getByRole("button", { name: w.import })).toHaveCount(0);
  });
}
