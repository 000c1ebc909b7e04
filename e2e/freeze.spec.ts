import { db } from "@/lib/db/client";
import { createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Freezing Waypoint (issue 19): one coordinator freezes it from the emergency page; every page of
 * everyone says so and case pages close (the list stays); a second coordinator approves the lift
 * that the first asked for, and the case opens again. In English and Russian. The freeze is the
 * whole organisation's, so each run lifts it in the database whatever happens.
 */
const WORDS = {
  en: {
    freezeNow: "Freeze now",
    dialog: "Freeze Waypoint for everyone?",
    frozenSince: "Frozen since",
    banner: "Waypoint is frozen",
    askLift: "Ask to lift the freeze",
    liftWaits: "A lift of the freeze waits for another coordinator.",
    kind: "Lift the freeze",
    approve: "Approve",
    approved: "Approved",
  },
  ru: {
    freezeNow: "Заморозить сейчас",
    dialog: "Заморозить Waypoint для всех?",
    frozenSince: "Заморожено с",
    banner: "Waypoint заморожен",
    askLift: "Запросить снятие заморозки",
    liftWaits: "Снятие заморозки ждёт другого координатора.",
    kind: "Снять заморозку",
    approve: "Согласовать",
    approved: "Согласовано",
  },
} as const;

async function unfreeze() {
  await db().$executeRaw`UPDATE organisation_state SET frozen_since = NULL, frozen_by_id = NULL WHERE id = 1`;
  await db().accessRequest.updateMany({ where: { kind: "FREEZE_LIFT", status: "PENDING" }, data: { status: "REJECTED" } });
}

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a coordinator freezes Waypoint, case pages close for everyone, and two coordinators lift it (${locale}, ${width} px)`, async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(120_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    await loginAs("COORDINATOR", { locale });
    const worker = await createUser({ role: "CASEWORKER", locale });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });
    const second = await createUser({ role: "COORDINATOR", locale });
    const browserLocale = locale === "ru" ? "ru-RU" : "en-GB";
    try {
      await page.goto("/emergency");
      await page.getByRole("button", { name: w.freezeNow }).click();
      await page.getByRole("dialog", { name: w.dialog }).getByRole("button", { name: w.freezeNow }).click();
      await expect(page.getByTestId("freeze-state")).toContainText(w.frozenSince);
      await expect(page.getByTestId("frozen-banner")).toContainText(w.banner);
      await expectNoSidewaysScroll(page);

      // The caseworker's next request: the case page is closed, the list stays, and the banner says why.
      const theirs = await openBrowser({ locale: browserLocale });
      await theirs.loginAsUser(worker.id);
      await theirs.page.setViewportSize({ width, height: 900 });
      await theirs.page.goto(`/cases/${kase.code}`);
      await expect(theirs.page).toHaveURL(/\/cases$/);
      await expect(theirs.page.getByTestId("frozen-banner")).toContainText(w.banner);
      await expect(theirs.page.getByRole("link", { name: kase.code })).toBeVisible();

      await page.getByRole("button", { name: w.askLift }).click();
      await expect(page.getByText(w.liftWaits)).toBeVisible();

      const approver = await openBrowser({ locale: browserLocale });
      await approver.loginAsUser(second.id);
      await approver.page.setViewportSize({ width, height: 900 });
      await approver.page.goto("/admin/approvals");
      const request = approver.page.getByTestId("access-request").filter({ hasText: w.kind }).filter({ hasText: "Waypoint" }).first();
      await request.getByRole("button", { name: w.approve }).click();
      await expect(request.getByText(w.approved, { exact: true })).toBeVisible();

      await theirs.page.goto(`/cases/${kase.code}`);
      await expect(theirs.page).toHaveURL(new RegExp(`/cases/${kase.code}$`));
      await expect(theirs.page.getByTestId("frozen-banner")).toHaveCount(0);
    } finally {
      await unfreeze();
    }
  });
}
