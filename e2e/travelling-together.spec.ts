import { linkCases } from "@/lib/cases/groups";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Two people travelling together (issue 18): a caseworker links their two cases by code, sees the
 * other's code on each page (and nothing of a third member of the group that a coordinator linked
 * and that is someone else's case), then records one move for both from one form: it shows on both
 * pages and both timelines. In English and Russian, on a phone and on a desk.
 */

const WORDS = {
  en: {
    section: "Travelling together",
    linkOpen: "Link to someone travelling with this person…",
    link: "Link the cases",
    otherCode: "Case code of the other person",
    kind: "Kind of group",
    family: "Family",
    linked: "Cases linked.",
    kindIs: "Group: Family",
    moveOpen: "Record a move…",
    move: "Record a move",
    alsoForGroup: "Also for the 1 other person in this group you can work on",
    recorded: "Move recorded.",
    armenia: "Armenia",
    joined: "Linked with people travelling together (Family)",
  },
  ru: {
    section: "Едут вместе",
    linkOpen: "Связать с тем, кто едет вместе с этим человеком…",
    link: "Связать дела",
    otherCode: "Код дела другого человека",
    kind: "Тип группы",
    family: "Семья",
    linked: "Дела связаны.",
    kindIs: "Группа: Семья",
    moveOpen: "Записать перемещение…",
    move: "Записать перемещение",
    alsoForGroup: "Также для 1 другого человека этой группы, с делом которого вы работаете",
    recorded: "Перемещение записано.",
    armenia: "Армения",
    joined: "Связано с теми, кто едет вместе (Семья)",
  },
} as const;

for (const locale of ["en", "ru"] as const) {
  for (const width of [390, 1280]) {
    test(`a caseworker links two cases and records one move for both (${locale}, ${width} px)`, async ({ page, loginAs }) => {
      test.setTimeout(90_000);
      const w = WORDS[locale];
      await page.setViewportSize({ width, height: 900 });
      const user = await loginAs("CASEWORKER", { locale });
      const [a, b] = [
        await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "RU", status: "IN_TRANSIT" }),
        await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "RU", status: "IN_TRANSIT" }),
      ];
      const someoneElse = await createUser({ role: "CASEWORKER" });
      const theirs = await createCase({ createdById: someoneElse.id, assignedToId: someoneElse.id, currentCountry: "RU" });

      await page.goto(`/cases/${a.code}`);
      const section = page.getByRole("region", { name: w.section });
      await section.getByText(w.linkOpen).click();
      const form = section.getByRole("form", { name: w.link });
      await form.getByLabel(w.otherCode).fill(b.code.toLowerCase());
      await form.getByLabel(w.kind).selectOption({ label: w.family });
      await form.getByRole("button", { name: w.link }).click();
      await expect(page.getByText(w.linked)).toBeVisible();
      await expect(section.getByText(w.kindIs)).toBeVisible();
      await expect(section.getByRole("link", { name: b.code })).toBeVisible();

      // A coordinator adds someone else's case to the group: this caseworker sees nothing of it.
      const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
      await linkCases(coordinator, { code: theirs.code, version: 1, otherCode: a.code, kind: "FAMILY" });
      await page.reload();
      await expect(section.getByRole("link", { name: b.code })).toBeVisible();
      await expect(page.locator("body")).not.toContainText(theirs.code);

      await page.getByText(w.moveOpen).click();
      const move = page.getByRole("form", { name: w.move });
      await move.getByRole("combobox", { name: locale === "en" ? "Country" : "Страна", exact: true }).selectOption("AM");
      await move.getByLabel(w.alsoForGroup).check();
      await move.getByRole("button", { name: w.move }).click();
      await expect(page.getByText(w.recorded)).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `test-results/travelling-together/case-${locale}-${width}.png`, fullPage: true });

      await page.goto(`/cases/${b.code}`);
      const groupOfB = page.getByRole("region", { name: w.section });
      await expect(groupOfB.getByRole("link", { name: a.code })).toBeVisible();
      await expect(page.getByRole("list", { name: locale === "en" ? "Movement history" : "История перемещений" })).toContainText(w.armenia);
      await expect(page.getByText(w.joined).first()).toBeVisible();
      await expectNoSidewaysScroll(page);
    });
  }
}
