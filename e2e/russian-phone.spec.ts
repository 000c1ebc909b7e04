import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * A Russian-speaking caseworker on a phone (390 px) does the day's core work: takes in a person,
 * sees the contact channel, moves the case on, writes a note. Every label, message and date is
 * Russian, and nothing makes the page scroll sideways.
 */

test.use({ viewport: { width: 390, height: 844 }, locale: "ru-RU", hasTouch: true, isMobile: true });

test("на телефоне: приём дела, канал связи, смена статуса и заметка — all in Russian at 390 px", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("CASEWORKER", { locale: "ru" });

  // The home page and its menu, in Russian.
  await page.goto("/home");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.getByText("Меню").click();
  await page.getByRole("navigation", { name: "Основное меню" }).getByRole("link", { name: "Новое дело" }).click();
  await page.waitForURL(/\/cases\/new$/);

  // Intake: a refused submission says what is missing, in Russian.
  await page.getByRole("button", { name: "Создать дело" }).click();
  await expect(page.getByLabel("Возрастная группа")).toHaveAttribute("aria-invalid", "true", { timeout: 30_000 });
  await expectNoSidewaysScroll(page, "intake with errors");
  await page.getByLabel("Возрастная группа").selectOption({ label: "25–34" });
  await page.getByLabel("Категория службы").selectOption({ label: "Мобилизованный" });
  await page.getByLabel("Уровень риска").selectOption({ label: "Высокий риск" });
  await page.getByLabel("Текущая страна").selectOption("RU");
  await page.getByLabel("Город или регион (необязательно)").selectOption({ label: "Kazan" });
  await page.getByLabel("Канал связи").fill("Signal @phone_journey_ru");
  await page.getByRole("button", { name: "Создать дело" }).click();
  await expect(page).toHaveURL(/\/cases\/WP-[A-Z0-9]{4}-[A-Z0-9]{4}\?created=1$/, { timeout: 30_000 });
  const code = page.url().match(/WP-[A-Z0-9]{4}-[A-Z0-9]{4}/)![0];
  await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
  // Country names come from the browser's own data, in Russian.
  await expect(page.getByText("Человек находится в стране: Россия")).toBeVisible();
  await expectNoSidewaysScroll(page, "case page");

  // The contact channel, shown on request.
  await page.getByRole("button", { name: "Показать канал связи" }).click();
  await expect(page.getByTestId("contact-channel")).toHaveText("Signal @phone_journey_ru");

  // Status: the outcome is said in Russian.
  await page.getByRole("button", { name: "Перевести в статус «Проверка»" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Статус изменён: Проверка." })).toBeVisible({ timeout: 30_000 });

  // A note.
  await page.getByRole("textbox", { name: "Новая заметка" }).fill("Созвонились, маршрут согласован.");
  await page.getByRole("button", { name: "Добавить заметку" }).click();
  await expect(page.getByText("Заметка добавлена.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Созвонились, маршрут согласован.")).toBeVisible();
  await expectNoSidewaysScroll(page, "case page after the note");
});
