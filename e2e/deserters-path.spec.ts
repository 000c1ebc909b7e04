import { randomBytes } from "node:crypto";
import { recordMove } from "@/lib/cases/movements";
import { addApplication } from "@/lib/cases/records";
import { actorFor, createBudgetLine, createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Issue 18's whole journey, as a caseworker in Almaty and their coordinator would live it. A person
 * has waited 80 days in Kazakhstan (90 in any 180) with a French humanitarian visa applied for.
 * They learn of an interstate (CIS) search: the case turns critical with the reason shown. The visa
 * is granted with a day to enter by; the stay's countdown and the entry deadline appear on the
 * caseworker's home. A ticket out is recorded above its budget line's threshold and waits; the
 * coordinator approves it; the donor report counts it. English and Russian, 390 and 1280 px.
 */

const DAY = 86_400_000;
const day = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY);
const iso = (n: number) => day(n).toISOString().slice(0, 10);

const WORDS = {
  en: {
    legal: "Legal danger",
    newEntry: "New wanted list entry…",
    addEntry: "Add wanted list entry",
    list: "List",
    state: "Requesting state",
    critical: "Critical under the legal risk rules",
    reason: "An interstate or Interpol search while the person is in an extradition-risk country.",
    stayHeading: "Stay in Kazakhstan",
    updateApplication: "Update application",
    status: "Status",
    decision: "Decision",
    validFrom: "Valid from",
    validUntil: "Valid until",
    enterBy: "Enter by",
    saved: "Saved.",
    help: "Help given",
    recordHelp: "Record help",
    kind: "Kind of help",
    line: "Budget line",
    amount: "Amount",
    month: "Month",
    recorded: "Help recorded.",
    waiting: "awaiting approval",
    approve: "Approve",
    approved: "approved",
    homeStays: "Stays running out within 14 days",
    homeEntries: "Visa entry deadlines within 14 days",
  },
  ru: {
    legal: "Правовая опасность",
    newEntry: "Новая запись о розыске…",
    addEntry: "Добавить запись о розыске",
    list: "Вид розыска",
    state: "Запросившее государство",
    critical: "Критический риск по правилам правового риска",
    reason: "Межгосударственный розыск или розыск Интерпола, а человек в стране с риском выдачи.",
    stayHeading: "Пребывание: Казахстан",
    updateApplication: "Обновить заявление",
    status: "Статус",
    decision: "Решение",
    validFrom: "Действует с",
    validUntil: "Действует до",
    enterBy: "Въехать до",
    saved: "Сохранено.",
    help: "Оказанная помощь",
    recordHelp: "Записать помощь",
    kind: "Вид помощи",
    line: "Статья бюджета",
    amount: "Сумма",
    month: "Месяц",
    recorded: "Помощь записана.",
    waiting: "ждёт одобрения",
    approve: "Одобрить",
    approved: "одобрено",
    homeStays: "Сроки пребывания, истекающие в ближайшие 14 дней",
    homeEntries: "Сроки въезда по визам в ближайшие 14 дней",
  },
} as const;

/** A month of its own for each run, long past, so the donor report's count is this ticket's alone. */
const MONTHS = { "en-390": "2016", "en-1280": "2017", "ru-390": "2018", "ru-1280": "2019" } as const;

for (const locale of ["en", "ru"] as const) {
  for (const width of [390, 1280] as const) {
    test(`a person in Kazakhstan: interstate search, critical with the reason, stay and visa deadlines on the home, a ticket approved and counted (${locale}, ${width} px)`, async ({
      page,
      loginAs,
      openBrowser,
    }) => {
      test.setTimeout(120_000);
      const w = WORDS[locale];
      const month = `${MONTHS[`${locale}-${width}`]}-${String(1 + (randomBytes(1)[0]! % 12)).padStart(2, "0")}`;
      await page.setViewportSize({ width, height: 900 });
      const user = await loginAs("CASEWORKER", { locale });
      const actor = await actorFor({ id: user.id, email: user.email, role: "CASEWORKER" });
      const kase = await createCase({
        createdById: user.id,
        assignedToId: user.id,
        currentCountry: "RU",
        status: "APPLYING",
        riskLevel: "HIGH",
      });
      await recordMove(actor, { code: kase.code, version: 1, country: "KZ", arrivedOn: day(-80) });
      await addApplication(actor, {
        code: kase.code,
        version: 2,
        type: "HUMANITARIAN_VISA",
        destinationCountry: "FR",
        status: "SUBMITTED",
        submittedOn: day(-40),
      });
      const line = await createBudgetLine({ label: `Tickets ${randomBytes(3).toString("hex")}`, approvalThresholdMinor: 20_000 });

      // The interstate search: critical, and why.
      await page.goto(`/cases/${kase.code}`);
      const legal = page.getByRole("region", { name: w.legal });
      await legal.getByText(w.newEntry).click();
      const entry = legal.getByRole("form", { name: w.addEntry });
      await entry.getByLabel(w.list).selectOption("INTERSTATE");
      await entry.getByLabel(w.state).selectOption("RU");
      await entry.getByRole("button", { name: w.addEntry }).click();
      await expect(page.getByRole("alert").filter({ hasText: w.critical }).getByText(w.reason)).toBeVisible();
      await expect(page.getByTestId("stay-panel").getByRole("heading", { name: w.stayHeading })).toBeVisible();

      // The visa is granted, to be used within ten days.
      const application = page.getByRole("form", { name: w.updateApplication });
      await application.getByLabel(w.status).selectOption("APPROVED");
      await application.getByLabel(w.decision).fill(iso(-2));
      await application.getByLabel(w.validFrom).fill(iso(-1));
      await application.getByLabel(w.validUntil).fill(iso(89));
      await application.getByLabel(w.enterBy).fill(iso(10));
      await application.getByRole("button", { name: w.updateApplication }).click();
      await expect(page.getByText(w.saved).first()).toBeVisible();

      // A ticket out, above the line's threshold: it waits for a coordinator.
      const help = page.getByRole("region", { name: w.help });
      const form = help.getByRole("form", { name: w.recordHelp });
      await form.getByLabel(w.kind).selectOption("TICKET");
      await form.getByLabel(w.line).selectOption({ label: `${line.label} (EUR)` });
      await form.getByLabel(w.amount).fill("450");
      await form.getByLabel(w.month).fill(month);
      await form.getByRole("button", { name: w.recordHelp }).click();
      await expect(page.getByText(w.recorded)).toBeVisible();
      await expect(help.getByTestId("assistance-item").first()).toContainText(w.waiting);
      await expectNoSidewaysScroll(page);

      // The caseworker's home: the stay's countdown and the visa's entry deadline.
      await page.goto("/home");
      await expect(page.getByRole("region", { name: w.homeStays }).getByRole("link", { name: kase.code })).toBeVisible();
      await expect(page.getByRole("region", { name: w.homeEntries }).getByRole("link", { name: kase.code })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `test-results/journey/home-${locale}-${width}.png`, fullPage: true });

      // The coordinator approves the ticket; before that, the donor report had no ticket that month.
      const coordinator = await openBrowser({ locale: locale === "ru" ? "ru-RU" : "en-GB", viewport: { width, height: 900 } });
      await coordinator.loginAs("COORDINATOR", { locale });
      const report = `/budget/donor-report?from=${month}&to=${month}`;
      const ticketRow = coordinator.page.getByTestId("donor-row").filter({ hasText: locale === "ru" ? "Билет" : "Ticket" });
      await coordinator.page.goto(report);
      await expect(coordinator.page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(ticketRow).toHaveCount(0);
      await coordinator.page.goto(`/cases/${kase.code}`);
      const waiting = coordinator.page.getByRole("region", { name: w.help }).getByTestId("assistance-item").first();
      await waiting.getByRole("button", { name: w.approve }).click();
      await expect(coordinator.page.getByRole("region", { name: w.help }).getByTestId("assistance-item").first()).toContainText(w.approved);

      await coordinator.page.goto(report);
      await expect(ticketRow).toHaveCount(1);
      await expect(ticketRow).toContainText("<5");
      await expectNoSidewaysScroll(coordinator.page);
      await coordinator.page.screenshot({ path: `test-results/journey/donor-${locale}-${width}.png`, fullPage: true });
    });
  }
}
