import { addApplication } from "@/lib/cases/records";
import { actorFor, createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * A person waiting in Kazakhstan applied for a French humanitarian visa. The caseworker records it
 * approved, with its validity window and the day to enter by; the case page shows them and the home
 * lists the deadline (ADR 021). Another application is rejected and the case returns to
 * IN_THIRD_COUNTRY. English, with a Russian check of the new labels, at 390 and 1280 px.
 */

const DAY = 86_400_000;
const day = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY);
const iso = (n: number) => day(n).toISOString().slice(0, 10);

async function applyingCase(user: { id: string; email: string }) {
  const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "KZ", status: "APPLYING" });
  await addApplication(await actorFor({ id: user.id, email: user.email, role: "CASEWORKER" }), {
    code: kase.code,
    version: 1,
    type: "HUMANITARIAN_VISA",
    destinationCountry: "FR",
    status: "SUBMITTED",
    submittedOn: day(-30),
  });
  return kase;
}

for (const width of [390, 1280]) {
  test(`a humanitarian visa approved with its window and entry deadline shows on the case page and the home (${width} px)`, async ({
    page,
    loginAs,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 900 });
    const user = await loginAs("CASEWORKER", { locale: "en" });
    const kase = await applyingCase(user);
    await page.goto(`/cases/${kase.code}`);
    const form = page.getByRole("form", { name: "Update application" });
    await form.getByLabel("Status").selectOption("APPROVED");
    await form.getByLabel("Decision").fill(iso(-2));
    await form.getByLabel("Valid from").fill(iso(-1));
    await form.getByLabel("Valid until").fill(iso(89));
    await form.getByLabel("Enter by").fill(iso(9));
    await form.getByRole("button", { name: "Update application" }).click();
    await expect(page.getByText("Saved.").first()).toBeVisible();
    await expect(page.getByTestId("visa-facts")).toContainText("Enter by");
    await expectNoSidewaysScroll(page);

    await page.goto("/home");
    const entries = page.getByRole("region", { name: "Visa entry deadlines within 14 days" });
    await expect(entries.getByRole("link", { name: kase.code })).toBeVisible();
    await expect(entries).toContainText("9 days left, enter by");
    await expectNoSidewaysScroll(page);
  });
}

test("after a rejection the case returns to IN_THIRD_COUNTRY; the new labels in Russian", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const user = await loginAs("CASEWORKER", { locale: "ru" });
  const kase = await applyingCase(user);
  await page.goto(`/cases/${kase.code}`);
  const form = page.getByRole("form", { name: "Обновить заявление" });
  await expect(form.getByLabel("Въехать до")).toBeVisible();
  await form.getByLabel("Статус").selectOption("REJECTED");
  await form.getByLabel("Решение").fill(iso(-1));
  await form.getByLabel("Обжаловать до").fill(iso(13));
  await form.getByRole("button", { name: "Обновить заявление" }).click();
  await expect(page.getByText("Сохранено.").first()).toBeVisible();
  await expect(page.getByTestId("visa-facts")).toContainText("Обжаловать до");
  await page.getByRole("button", { name: "Перевести в статус «В третьей стране»" }).click();
  await expect(page.getByText("Статус изменён: В третьей стране.")).toBeVisible();
  await expectNoSidewaysScroll(page);
});
