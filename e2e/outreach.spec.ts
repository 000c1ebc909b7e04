import { totpCodeAt } from "@/lib/auth/totp";
import { revealContact } from "@/lib/cases/queries";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { SERVER_ROUND_TRIP } from "./support/accounts";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * An outreach window after an arrest (ADR 028): a coordinator opens one for a country with a fresh
 * code; the caseworker of the cases there is told, sees it on the list and the case page, and
 * reveals past the hourly limit without being paused; the coordinator closes it early. In English
 * and Russian. Each run uses a country no other spec uses and deletes its windows whatever happens.
 */
const WORDS = {
  en: {
    form: "Open a window",
    country: "Country",
    hours: "For",
    reason: "Reason",
    code: "Fresh code",
    open: "Open the window",
    opened: "Window opened.",
    until: "until",
    notice: "Outreach window open until",
    caseNotice: "Outreach window open until",
    show: "Show contact channel",
    close: "Close now",
    closeTitle: "Close this outreach window?",
    none: "No outreach window is open.",
  },
  ru: {
    form: "Открыть окно",
    country: "Страна",
    hours: "На срок",
    reason: "Причина",
    code: "Новый код",
    open: "Открыть окно",
    opened: "Окно открыто.",
    until: "до",
    notice: "Окно связи открыто до",
    caseNotice: "Окно связи открыто до",
    show: "Показать канал связи",
    close: "Закрыть сейчас",
    closeTitle: "Закрыть это окно связи?",
    none: "Открытых окон связи нет.",
  },
} as const;

for (const [locale, width, country] of [
  ["en", 1280, "UY"],
  ["ru", 390, "PY"],
] as const) {
  test(`a coordinator opens an outreach window for a country; its caseworker reveals past the limit unpaused; the window is closed early (${locale}, ${width} px)`, async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(180_000);
    const w = WORDS[locale];
    const limit = env().READ_ALERT_REVEALS;
    await page.setViewportSize({ width, height: 900 });
    const coordinator = await loginAs("COORDINATOR", { locale });
    const worker = await createUser({ role: "CASEWORKER", locale });
    const cases = [];
    for (let i = 0; i < limit + 2; i++)
      cases.push(
        await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: country, status: "IN_THIRD_COUNTRY" }),
      );
    try {
      await page.goto("/emergency");
      const form = page.getByRole("form", { name: w.form });
      await form.getByLabel(w.country).selectOption(country);
      await form.getByLabel(w.hours).selectOption("6");
      await form.getByLabel(w.reason).selectOption("ARREST");
      await form.getByRole("textbox", { name: w.code }).fill(totpCodeAt(coordinator.totpSecret!));
      await form.getByRole("button", { name: w.open }).click();
      await expect(form.getByText(w.opened)).toBeVisible(SERVER_ROUND_TRIP);
      const listed = page.getByTestId("outreach-window");
      await expect(listed).toHaveCount(1);
      await expect(listed).toContainText(w.until);
      await expectNoSidewaysScroll(page);
      expect(await db().notification.findMany({ where: { userId: worker.id }, select: { kind: true, count: true } })).toEqual([
        { kind: "OUTREACH_OPENED", count: limit + 2 },
      ]);

      // Up to the limit through the data-access layer, then past it in the browser.
      const reader = await actorFor(worker);
      for (const kase of cases.slice(0, limit)) await revealContact(reader, kase.code);
      const theirs = await openBrowser({ locale: locale === "ru" ? "ru-RU" : "en-GB" });
      await theirs.loginAsUser(worker.id);
      await theirs.page.setViewportSize({ width, height: 900 });
      await theirs.page.goto("/cases");
      await expect(theirs.page.getByRole("status").filter({ hasText: w.notice })).toBeVisible();
      await expect(theirs.page.getByTestId("outreach-notice")).toContainText(String(limit + 2));
      for (const kase of cases.slice(limit)) {
        await theirs.page.goto(`/cases/${kase.code}`);
        await expect(theirs.page.getByTestId("outreach-until")).toContainText(w.caseNotice);
        await theirs.page.getByRole("button", { name: w.show }).click();
        await expect(theirs.page.getByTestId("contact-channel")).toHaveText(kase.contactChannel, SERVER_ROUND_TRIP);
      }
      expect((await db().user.findUniqueOrThrow({ where: { id: worker.id } })).suspendedAt).toBeNull();
      expect(await db().readingAlert.count({ where: { userId: worker.id } })).toBe(0);

      // Closed early: gone from the page, and the caseworker's list no longer says so.
      await listed.getByRole("button", { name: w.close }).click();
      await page.getByRole("dialog", { name: w.closeTitle }).getByRole("button", { name: w.close }).click();
      await expect(page.getByText(w.none)).toBeVisible(SERVER_ROUND_TRIP);
      await theirs.page.goto("/cases");
      await expect(theirs.page.getByTestId("outreach-notice")).toHaveCount(0);
    } finally {
      await db().outreachWindow.deleteMany({ where: { country } });
    }
  });
}
