import { db } from "@/lib/db/client";
import { createCaseFromIntake } from "@/lib/cases/mutations";
import { actorFor, createCase, createUser, intakeInput } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * A returning person (issue 19, ADR 031): a caseworker takes in someone whose contact channel, written
 * differently, is already another caseworker's case. The coordinator is told, sees the possible
 * duplicate on the new case, merges the old record into it; the old code then leads to the new case,
 * and the old record's history stays readable. In English and Russian.
 */
const WORDS = {
  en: {
    kind: "A case may be a person who is already known (same contact channel)",
    section: "Possible duplicates",
    confirm: (c: string) => `Type ${c} to confirm`,
    merge: (c: string) => `Merge ${c} into this case`,
    dialog: (o: string, c: string) => `Merge ${o} into ${c}?`,
    merged: (c: string) => `Merged with ${c}`,
    from: (o: string, c: string) => `${o} was merged into ${c}.`,
    history: (o: string) => `Open the history of ${o}`,
    into: (c: string) => `${c} was merged into`,
  },
  ru: {
    kind: "Дело может относиться к уже известному человеку (тот же канал связи)",
    section: "Возможные дубликаты",
    confirm: (c: string) => `Введите ${c} для подтверждения`,
    merge: (c: string) => `Объединить ${c} с этим делом`,
    dialog: (o: string, c: string) => `Объединить ${o} с ${c}?`,
    merged: (c: string) => `Объединено с ${c}`,
    from: (o: string, c: string) => `${o} объединено с ${c}.`,
    history: (o: string) => `Открыть историю ${o}`,
    into: (c: string) => `${c} объединено с делом`,
  },
} as const;

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a returning person is flagged to the coordinator and merged (${locale}, ${width} px)`, async ({ page, loginAs }) => {
    test.setTimeout(90_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    await loginAs("COORDINATOR", { locale });
    const anna = await createUser({ role: "CASEWORKER" });
    const boris = await createUser({ role: "CASEWORKER" });
    const handle = `back.${locale}.${Date.now().toString(36)}`;
    const old = await createCase({ createdById: anna.id, assignedToId: anna.id, contactChannel: `Signal @${handle}`, status: "VERIFYING" });
    // The person comes back through another caseworker, the handle written another way.
    const { code } = await createCaseFromIntake(
      await actorFor(boris),
      intakeInput({ currentCountry: "GE", contactChannel: `telegram: @${handle.toUpperCase()}` }),
    );
    // The caseworkers are told nothing.
    expect(await db().notification.count({ where: { userId: { in: [anna.id, boris.id] }, kind: "POSSIBLE_DUPLICATE" } })).toBe(0);

    await page.goto("/notifications");
    const told = page.getByTestId("notification").filter({ hasText: w.kind }).filter({ hasText: code });
    await told.getByRole("link", { name: code }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/${code}$`));
    const section = page.getByRole("region", { name: w.section });
    await expect(section.getByRole("link", { name: old.code })).toBeVisible();
    await expectNoSidewaysScroll(page);

    await section.getByLabel(w.confirm(old.code)).fill(old.code);
    await section.getByRole("button", { name: w.merge(old.code) }).click();
    await page
      .getByRole("dialog", { name: w.dialog(old.code, code) })
      .getByRole("button", { name: w.merge(old.code) })
      .click();
    await expect(page.getByRole("region", { name: w.section })).toHaveCount(0);
    await expect(page.getByText(w.merged(old.code))).toBeVisible();
    expect(await db().case.findUniqueOrThrow({ where: { id: old.id }, select: { status: true, closeReason: true } })).toEqual({
      status: "CLOSED",
      closeReason: "MERGED",
    });

    // The old code leads to the case it went into; its own history stays a click away.
    await page.goto(`/cases/${old.code}`);
    await expect(page).toHaveURL(new RegExp(`/cases/${code}\\?mergedFrom=${old.code}$`));
    await expect(page.getByTestId("merged-notice")).toContainText(w.from(old.code, code));
    await page.getByRole("link", { name: w.history(old.code) }).click();
    await expect(page.getByTestId("merged-notice")).toContainText(w.into(old.code));
    await expect(page.getByText(w.merged(code))).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
}
