import { randomBytes } from "node:crypto";
import { createBudgetLine, createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Help given (ADR 022): a caseworker records a ticket above its budget line's threshold, which waits;
 * a coordinator approves it on the case page; the budget page counts it as spent, and the donor
 * report lists tickets. The case page's new labels in Russian; nothing scrolls sideways at 390 px.
 */

const month = () => new Date().toISOString().slice(0, 7);

for (const width of [390, 1280]) {
  test(`a ticket above the threshold is recorded, approved by a coordinator and counted (${width} px)`, async ({ page, loginAs }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 900 });
    const worker = await loginAs("CASEWORKER", { locale: "en" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });
    const line = await createBudgetLine({ label: `Tickets ${randomBytes(3).toString("hex")}`, approvalThresholdMinor: 20_000 });

    await page.goto(`/cases/${kase.code}`);
    const section = page.getByRole("region", { name: "Help given" });
    const form = section.getByRole("form", { name: "Record help" });
    await form.getByLabel("Kind of help").selectOption("TICKET");
    await form.getByLabel("Budget line").selectOption({ label: `${line.label} (EUR)` });
    await form.getByLabel("Amount").fill("450");
    await form.getByLabel("Month").fill(month());
    await form.getByRole("button", { name: "Record help" }).click();
    await expect(page.getByText("Help recorded.")).toBeVisible();
    const item = section.getByTestId("assistance-item").first();
    await expect(item).toContainText("Ticket");
    await expect(item).toContainText("awaiting approval");
    await expect(item.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expectNoSidewaysScroll(page);

    await loginAs("COORDINATOR", { locale: "en" });
    await page.goto(`/cases/${kase.code}`);
    const waiting = page.getByRole("region", { name: "Help given" }).getByTestId("assistance-item").first();
    await waiting.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("region", { name: "Help given" }).getByTestId("assistance-item").first()).toContainText("approved");
    await expect(page.getByText("Ticket approved").first()).toBeVisible();

    await page.goto(`/budget?from=${month()}&to=${month()}`);
    const row = page.getByRole("row").filter({ hasText: line.label });
    await expect(row).toContainText("€450.00");
    await expectNoSidewaysScroll(page);

    await page.goto(`/budget/donor-report?from=${month()}&to=${month()}`);
    await expect(page.getByRole("table", { name: "Help given, by kind" }).getByRole("row").filter({ hasText: "Ticket" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
}

test("the case page's help section in Russian", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  const worker = await loginAs("CASEWORKER", { locale: "ru" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
  await createBudgetLine();
  await page.goto(`/cases/${kase.code}`);
  const section = page.getByRole("region", { name: "Оказанная помощь" });
  await expect(section.getByRole("button", { name: "Записать помощь" })).toBeVisible();
  await expect(section.getByLabel("Вид помощи")).toBeVisible();
  await expectNoSidewaysScroll(page);
});
