import { addApplication } from "@/lib/cases/records";
import { db } from "@/lib/db/client";
import { caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Time zones (issue 19, ADR 030): a caseworker in Almaty sets their zone on /account and records a
 * consulate appointment typed 10:30; it is stored as 05:30 UTC, shows 10:30 to them with the zone
 * named, and 08:30 to a coordinator in Moscow. An admin sets the organisation's zone, which users
 * without their own then follow. In English (1280 px) and Russian (390 px). The organisation's zone
 * is everyone's, so the file runs in order and each test puts UTC back whatever happens.
 */
test.describe.configure({ mode: "serial" });

const WORDS = {
  en: {
    yourZone: "Your time zone",
    saveZone: "Save time zone",
    zoneSaved: "Time zone saved.",
    update: "Update application",
    status: "Status",
    appointment: "Appointment",
    saved: "Saved.",
    orgZone: "Time zone",
    save: "Save",
    follow: "The organisation's (Asia/Tbilisi)",
  },
  ru: {
    yourZone: "Ваш часовой пояс",
    saveZone: "Сохранить часовой пояс",
    zoneSaved: "Часовой пояс сохранён.",
    update: "Обновить заявление",
    status: "Статус",
    appointment: "Запись",
    saved: "Сохранено.",
    orgZone: "Часовой пояс",
    save: "Сохранить",
    follow: "Как у организации (Asia/Tbilisi)",
  },
} as const;

const utcAgain = () => db().organisationState.update({ where: { id: 1 }, data: { timeZone: "UTC" } });

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a caseworker in Almaty types an appointment at 10:30 and sees it in their zone; a coordinator in Moscow sees 08:30 (${locale}, ${width} px)`, async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(120_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    const user = await loginAs("CASEWORKER", { locale });
    const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "KZ", status: "APPLYING" });
    await addApplication(await actorFor({ id: user.id, email: user.email, role: "CASEWORKER" }), {
      code: kase.code,
      version: 1,
      type: "VISA",
      destinationCountry: "FR",
      status: "SUBMITTED",
      submittedOn: new Date("2026-11-02T00:00:00.000Z"),
    });

    await page.goto("/account");
    await page.getByLabel(w.yourZone).selectOption("Asia/Almaty");
    await page.getByRole("button", { name: w.saveZone }).click();
    await expect(page.getByText(w.zoneSaved)).toBeVisible();
    await expectNoSidewaysScroll(page);

    await page.goto(`/cases/${kase.code}`);
    const form = page.getByRole("form", { name: w.update });
    await expect(form).toContainText("Asia/Almaty");
    await form.getByLabel(w.status).selectOption("APPOINTMENT_SCHEDULED");
    await form.getByLabel(w.appointment).fill("2027-01-15T10:30");
    await form.getByRole("button", { name: w.update }).click();
    await expect(page.getByText(w.saved).first()).toBeVisible();
    const application = page.getByTestId("application");
    // "10:30 AM" in English, "10:30" in Russian; the zone named either way.
    await expect(application).toContainText(/10:30( AM)? \(Asia\/Almaty\)/);
    await expect(form.getByLabel(w.appointment)).toHaveValue("2027-01-15T10:30");
    expect((await caseState(kase.id)).applications[0]?.appointmentAt).toEqual(new Date("2027-01-15T05:30:00.000Z"));
    await expectNoSidewaysScroll(page);

    const moscow = await createUser({ role: "COORDINATOR", locale });
    await db().user.update({ where: { id: moscow.id }, data: { timeZone: "Europe/Moscow" } });
    const theirs = await openBrowser({ locale: locale === "ru" ? "ru-RU" : "en-GB" });
    await theirs.loginAsUser(moscow.id);
    await theirs.page.goto(`/cases/${kase.code}`);
    await expect(theirs.page.getByTestId("application")).toContainText(/\b0?8:30( AM)? \(Europe\/Moscow\)/);
  });

  test(`an admin sets the organisation's time zone; a user without their own follows it (${locale}, ${width} px)`, async ({
    page,
    loginAs,
  }) => {
    test.setTimeout(90_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    await loginAs("ADMIN", { locale });
    try {
      await page.goto("/admin/settings");
      await page.getByLabel(w.orgZone, { exact: true }).selectOption("Asia/Tbilisi");
      await page.getByRole("button", { name: w.save, exact: true }).click();
      await expect(page.getByText(w.zoneSaved)).toBeVisible();
      await expectNoSidewaysScroll(page);
      expect((await db().organisationState.findUniqueOrThrow({ where: { id: 1 } })).timeZone).toBe("Asia/Tbilisi");

      // The admin has no zone of their own: the account page offers to follow the organisation's.
      await page.goto("/account");
      await expect(page.getByLabel(w.yourZone).locator("option").first()).toHaveText(w.follow);
    } finally {
      await utcAgain();
    }
  });
}
