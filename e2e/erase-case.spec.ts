import { db } from "@/lib/db/client";
import { createCase, createNote, createUser, databaseText } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Erasing one case now (issue 19): a coordinator asks on the case page, typing the code again; a
 * second coordinator is told, approves on the approvals page, and the case is gone: its page answers
 * like a case that never existed, and every row of every table in the database holds nothing of it
 * (the real `pg_dump` of an erased case: lib/crypto/at-rest.integration.test.ts). In English and
 * Russian.
 */
const WORDS = {
  en: {
    section: "Erase this case",
    confirmCode: (code: string) => `Type the code ${code} to confirm`,
    ask: "Ask to erase",
    askTitle: (code: string) => `Ask for ${code} to be erased?`,
    pending: "asked for this case to be erased",
    event: "Erasure of the case asked for",
    told: "A request waits for your approval",
    kind: "Erase the case now",
    approve: "Approve",
    eraseTitle: (code: string) => `Erase ${code} for good?`,
    approved: "Approved",
    gone: "An erased case",
    mismatch: "Type the code of this case exactly as shown at the top of the page.",
  },
  ru: {
    section: "Удалить дело",
    confirmCode: (code: string) => `Введите код ${code} для подтверждения`,
    ask: "Запросить удаление",
    askTitle: (code: string) => `Запросить удаление ${code}?`,
    pending: "запросил(а) удаление этого дела",
    event: "Запрошено удаление дела",
    told: "Запрос ждёт вашего согласования",
    kind: "Удалить дело сейчас",
    approve: "Согласовать",
    eraseTitle: (code: string) => `Удалить ${code} навсегда?`,
    approved: "Согласовано",
    gone: "Удалённое дело",
    mismatch: "Введите код этого дела точно так, как он указан вверху страницы.",
  },
} as const;

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`two coordinators erase a case and nothing of it is left in the database (${locale}, ${width} px)`, async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(120_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    await loginAs("COORDINATOR", { locale });
    const worker = await createUser({ role: "CASEWORKER", locale });
    const contact = `Signal @erase_${locale}_${Date.now().toString(36)}`;
    const note = `detained at the border ${Date.now().toString(36)}`;
    const kase = await createCase({
      createdById: worker.id,
      assignedToId: worker.id,
      currentCountry: "KZ",
      status: "IN_THIRD_COUNTRY",
      contactChannel: contact,
    });
    await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: worker.id, body: note });
    const approver = await createUser({ role: "COORDINATOR", locale });

    await page.goto(`/cases/${kase.code}`);
    const section = page.getByRole("region", { name: w.section });
    // A wrong code is refused by the form, and nothing is asked for.
    await section.getByLabel(w.confirmCode(kase.code)).fill("WP-AAAA-AAAA");
    await section.getByRole("button", { name: w.ask }).click();
    await page
      .getByRole("dialog", { name: w.askTitle(kase.code) })
      .getByRole("button", { name: w.ask })
      .click();
    await expect(section.getByText(w.mismatch)).toBeVisible();
    expect(await db().accessRequest.count({ where: { caseId: kase.id } })).toBe(0);

    await section.getByLabel(w.confirmCode(kase.code)).fill(kase.code);
    await section.getByRole("button", { name: w.ask }).click();
    await page
      .getByRole("dialog", { name: w.askTitle(kase.code) })
      .getByRole("button", { name: w.ask })
      .click();
    await expect(section.getByTestId("erasure-pending")).toContainText(w.pending);
    await expect(page.getByText(w.event, { exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page);

    // The second coordinator is told, and approves.
    const theirs = await openBrowser({ locale: locale === "ru" ? "ru-RU" : "en-GB" });
    await theirs.loginAsUser(approver.id);
    await theirs.page.setViewportSize({ width, height: 900 });
    await theirs.page.goto("/notifications");
    await expect(theirs.page.getByTestId("notification").filter({ hasText: w.told })).toHaveCount(1);
    await theirs.page.goto("/admin/approvals");
    const request = theirs.page.getByTestId("access-request").filter({ hasText: kase.code });
    await expect(request).toContainText(w.kind);
    await request.getByRole("button", { name: w.approve }).click();
    await theirs.page
      .getByRole("dialog", { name: w.eraseTitle(kase.code) })
      .getByRole("button", { name: w.approve })
      .click();
    const done = theirs.page.getByTestId("access-request").filter({ hasText: w.gone }).filter({ hasText: w.approved });
    await expect(done.first()).toBeVisible();
    await expectNoSidewaysScroll(theirs.page);

    // Gone for everyone: the page answers like a case that never existed.
    const response = await page.goto(`/cases/${kase.code}`);
    expect(response?.status()).toBe(404);
    const all = await databaseText();
    for (const value of [kase.code, kase.id, kase.dataKeyWrapped, contact, note]) expect(all, value).not.toContain(value);
  });
}
