import { recordMove } from "@/lib/cases/movements";
import { actorFor, createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * A person has waited in Kazakhstan (the demo seed's rule: 90 days in any 180, unverified) for 70
 * days. The case page counts the stay; the caseworker finds the arrival was earlier, corrects it
 * with the reason, and the stay now runs out within 14 days: the page, the timeline and the
 * caseworker's home say so. In English and Russian, on a phone and on a desk; the stay is saved as
 * a screenshot of each. A coordinator's dashboard counts such stays and opens them in the list.
 */

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY - n * DAY);
const iso = (d: Date) => d.toISOString().slice(0, 10);

const WORDS = {
  en: {
    heading: "Stay in Kazakhstan",
    unverified: "rule not verified",
    usedBefore: "71 of 90 days used in the last 180 days",
    leftBefore: "19 days left",
    correct: "Correct the days",
    arrived: "Arrived on",
    reason: "Reason for the correction",
    save: "Save correction",
    saved: "Correction saved.",
    usedAfter: "86 of 90 days used in the last 180 days",
    leftAfter: "4 days left",
    timeline: "Days in Kazakhstan corrected",
    homeStays: "Stays running out within 14 days",
  },
  ru: {
    heading: "Пребывание: Казахстан",
    unverified: "правило не проверено",
    usedBefore: "Использовано 71 из 90 дн. за последние 180 дн.",
    leftBefore: "осталось 19 дней",
    correct: "Исправить даты",
    arrived: "Дата прибытия",
    reason: "Причина исправления",
    save: "Сохранить исправление",
    saved: "Исправление сохранено.",
    usedAfter: "Использовано 86 из 90 дн. за последние 180 дн.",
    leftAfter: "осталось 4 дня",
    timeline: "Исправлены даты пребывания (Казахстан)",
    homeStays: "Сроки пребывания, истекающие в ближайшие 14 дней",
  },
} as const;

for (const locale of ["en", "ru"] as const) {
  for (const width of [390, 1280]) {
    test(`a corrected arrival in Kazakhstan brings the stay's end within 14 days, on the case page and the home (${locale}, ${width} px)`, async ({
      page,
      loginAs,
    }) => {
      test.setTimeout(90_000);
      const w = WORDS[locale];
      await page.setViewportSize({ width, height: 900 });
      const user = await loginAs("CASEWORKER", { locale });
      const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "RU", status: "IN_TRANSIT" });
      await recordMove(await actorFor({ id: user.id, email: user.email, role: "CASEWORKER" }), {
        code: kase.code,
        version: 1,
        country: "KZ",
        arrivedOn: daysAgo(70),
      });

      await page.goto(`/cases/${kase.code}`);
      const stay = page.getByTestId("stay-panel");
      await expect(stay.getByRole("heading", { name: w.heading })).toBeVisible();
      await expect(stay.getByText(w.unverified)).toBeVisible();
      await expect(stay).toContainText(w.usedBefore);
      await expect(stay.getByTestId("stay-ends")).toContainText(w.leftBefore);

      const movement = page
        .getByRole("listitem")
        .filter({ has: page.getByText(w.correct) })
        .last();
      await movement.getByText(w.correct).click();
      const form = movement.getByRole("form", { name: w.correct });
      await form.getByLabel(w.arrived).fill(iso(daysAgo(85)));
      await form.getByLabel(w.reason).fill("border stamp read again");
      await form.getByRole("button", { name: w.save }).click();
      await expect(page.getByText(w.saved)).toBeVisible();
      await expect(page.getByTestId("stay-panel")).toContainText(w.usedAfter);
      await expect(page.getByTestId("stay-ends")).toContainText(w.leftAfter);
      await expect(page.getByText(w.timeline).first()).toBeVisible();
      await expect(page.getByText("border stamp read again").first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.getByTestId("stay-panel").screenshot({ path: `test-results/stays/stay-${locale}-${width}.png` });

      await page.goto("/home");
      const stays = page.getByRole("region", { name: w.homeStays });
      await expect(stays.getByRole("link", { name: kase.code })).toBeVisible();
      await expectNoSidewaysScroll(page);
    });
  }
}

test("the coordinator's dashboard counts stays running out within 14 days and opens them in the list, soonest first", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs("COORDINATOR", { locale: "en" });
  await page.goto("/dashboard");
  // The tile's figure is the link; its label sits beside it.
  const tile = page.getByText("Stay runs out within 14 days", { exact: true }).locator("..").getByRole("link");
  await expect(tile).toBeVisible();
  await tile.click();
  await expect(page).toHaveURL(/view=stay/);
  await expect(page).toHaveURL(/sort=stay/);
  await expect(page.getByText("stay runs out in the week of").first()).toBeVisible();
});
