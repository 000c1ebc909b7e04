import { createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * A person waiting in Kazakhstan learns of an interstate (CIS) search: the caseworker records it,
 * and the case turns critical with the reason on the page and in the timeline; in English and
 * Russian, on a phone and on a desk. The legal section is saved as a screenshot of each.
 */

const WORDS = {
  en: {
    legal: "Legal danger",
    newEntry: "New wanted list entry…",
    add: "Add wanted list entry",
    list: "List",
    state: "Requesting state",
    month: "Known since (month)",
    reason: "An interstate or Interpol search while the person is in an extradition-risk country.",
    critical: "Critical under the legal risk rules",
    badge: "Critical risk",
    entry: "Interstate (CIS) search · Russia · known since March 2025",
    timeline: "Risk changed from High risk to Critical risk by the legal risk rules",
    timelineList: "Changes, oldest first",
    raised: "Saved. The legal risk rules raised the risk: see why above.",
    newProceedings: "New extradition proceedings…",
    addProceedings: "Add extradition proceedings",
    stage: "Stage",
    appealDue: "Appeal due by",
    lawyer: "Lawyer",
    proceedings: /Kazakhstan.*Court decision.*Appeal due by.*country not bound.*A partner lawyer/s,
  },
  ru: {
    legal: "Правовая опасность",
    newEntry: "Новая запись о розыске…",
    add: "Добавить запись о розыске",
    list: "Вид розыска",
    state: "Запросившее государство",
    month: "Известно с (месяц)",
    reason: "Межгосударственный розыск или розыск Интерпола, а человек в стране с риском выдачи.",
    critical: "Критический риск по правилам правового риска",
    badge: "Критический риск",
    entry: "Межгосударственный розыск (СНГ) · Россия · известно: март 2025",
    timelineList: "Изменения, сначала старые",
    raised: "Сохранено. Правила правового риска повысили риск: причина указана выше.",
    newProceedings: "Новый процесс экстрадиции…",
    addProceedings: "Добавить процесс экстрадиции",
    stage: "Стадия",
    appealDue: "Срок обжалования",
    lawyer: "Адвокат",
    proceedings: /Казахстан.*Решение суда.*Срок обжалования.*страна не связана конвенцией.*Адвокат-партнёр/s,
    timeline: "по правилам правового риска",
  },
} as const;

for (const locale of ["en", "ru"] as const) {
  for (const width of [390, 1280]) {
    test(`an interstate search recorded for a person in Kazakhstan makes the case critical, with the reason (${locale}, ${width} px)`, async ({
      page,
      loginAs,
    }) => {
      test.setTimeout(90_000);
      const w = WORDS[locale];
      await page.setViewportSize({ width, height: 900 });
      const user = await loginAs("CASEWORKER", { locale });
      const kase = await createCase({
        createdById: user.id,
        assignedToId: user.id,
        currentCountry: "KZ",
        status: "IN_THIRD_COUNTRY",
        riskLevel: "HIGH",
      });
      await page.goto(`/cases/${kase.code}`);
      const legal = page.getByRole("region", { name: w.legal });
      await expect(legal).toBeVisible();

      await legal.getByText(w.newEntry).click();
      const form = legal.getByRole("form", { name: w.add });
      await form.getByLabel(w.list).selectOption("INTERSTATE");
      await form.getByLabel(w.state).selectOption("RU");
      await form.getByLabel(w.month).fill("2025-03");
      await form.getByRole("button", { name: w.add }).click();
      await expect(form.getByText(w.raised)).toBeVisible();

      // The header says why the case is critical; the legal section lists the rules; the entry is listed.
      await expect(page.getByRole("alert").filter({ hasText: w.critical }).getByText(w.reason)).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: kase.code }).locator("..").getByText(w.badge)).toBeVisible();
      await expect(legal.getByTestId("risk-rules").getByText(w.reason)).toBeVisible();
      await expect(legal.getByTestId("wanted-entry")).toHaveText(new RegExp(w.entry.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"));
      await expect(
        page
          .getByRole("list", { name: locale === "en" ? "Changes, oldest first" : undefined })
          .getByText(w.timeline)
          .first(),
      ).toBeVisible();

      // Proceedings in Kazakhstan: a court decision with an appeal deadline; Kazakhstan is not bound by the ECHR.
      await legal.getByText(w.newProceedings).click();
      const proceedings = legal.getByRole("form", { name: w.addProceedings });
      await expect(proceedings.getByRole("combobox", { name: w.stage })).toBeVisible();
      await proceedings.getByRole("combobox", { name: w.stage }).selectOption("COURT_DECISION");
      await proceedings.getByLabel(w.appealDue).fill("2031-02-26");
      await proceedings.getByLabel(w.lawyer, { exact: true }).selectOption("PARTNER");
      await proceedings.getByRole("button", { name: w.addProceedings }).click();
      await expect(legal.getByTestId("extradition")).toContainText(w.proceedings);
      await expectNoSidewaysScroll(page);
      await legal.screenshot({ path: `test-results/legal/legal-${locale}-${width}.png` });
    });
  }
}
