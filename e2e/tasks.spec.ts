import { createCase, createNextStep, createUser } from "@/lib/testing/factories";
import { db } from "@/lib/db/client";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * Tasks (issue 19): a coordinator gives a caseworker's overdue tasks to another coordinator from
 * the team board, and the new owner finds them on their own list and is told in the notification
 * centre; a caseworker marks a weekly
 * check-in done on "My tasks" and the next one is there, due a week later; on the case page a task
 * is edited and a done one undone. In English and Russian.
 */

const WORDS = {
  en: {
    boardTitle: "Team board",
    byOwner: "Open tasks by owner",
    select: (code: string, text: string) => `Select ${code}: ${text}`,
    newOwner: "New owner",
    give: "Give tasks",
    given: "2 tasks given.",
    myTasks: "My tasks",
    overdueSince: "Overdue since",
    timeline: "2 next steps given to someone else from the team board",
    done: "Done",
    edit: "Edit",
    stepText: "What needs doing",
    save: "Save step",
    saved: "Step saved.",
    changed: "Next step changed: text",
    undo: "Not done",
    doneSteps: "1 step done",
    givenNotice: "2 tasks were given to you",
    markAllRead: "Mark all read",
  },
  ru: {
    boardTitle: "Доска команды",
    byOwner: "Открытые задачи по исполнителям",
    select: (code: string, text: string) => `Выбрать ${code}: ${text}`,
    newOwner: "Новый исполнитель",
    give: "Передать задачи",
    given: "Переданы 2 задачи.",
    myTasks: "Мои задачи",
    overdueSince: "Просрочено с",
    timeline: "2 следующих шага переданы другому исполнителю с доски команды",
    done: "Готово",
    edit: "Изменить",
    stepText: "Что нужно сделать",
    save: "Сохранить шаг",
    saved: "Шаг сохранён.",
    changed: "Следующий шаг изменён: текст",
    undo: "Не выполнено",
    doneSteps: "1 шаг выполнен",
    givenNotice: "Вам переданы 2 задачи",
    markAllRead: "Отметить все прочитанными",
  },
} as const;

const DAY = 86_400_000;
const dayFromNow = (days: number) => new Date(`${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`);

for (const [locale, width] of [
  ["en", 1280],
  ["ru", 390],
] as const) {
  test(`a coordinator gives overdue tasks to another coordinator from the board, who finds them on their list (${locale}, ${width} px)`, async ({
    page,
    loginAs,
    openBrowser,
  }) => {
    test.setTimeout(90_000);
    const w = WORDS[locale];
    await page.setViewportSize({ width, height: 900 });
    const coordinator = await loginAs("COORDINATOR", { locale });
    const away = await createUser({ role: "CASEWORKER" });
    const other = await createUser({ role: "COORDINATOR", locale });
    const kase = await createCase({ createdById: away.id, assignedToId: away.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });
    for (const [text, days] of [
      ["Call the lawyer in Almaty", -3],
      ["Send the support letter", -1],
    ] as const)
      await createNextStep({
        caseId: kase.id,
        dataKeyWrapped: kase.dataKeyWrapped,
        text,
        ownerId: away.id,
        dueOn: dayFromNow(days),
        createdById: away.id,
      });

    await page.goto("/tasks/board");
    await expect(page.getByRole("heading", { name: w.boardTitle, level: 1 })).toBeVisible();
    await page.getByRole("region", { name: w.byOwner }).getByRole("link", { name: away.email }).click();
    await page.getByRole("checkbox", { name: w.select(kase.code, "Call the lawyer in Almaty") }).check();
    await page.getByRole("checkbox", { name: w.select(kase.code, "Send the support letter") }).check();
    await page.getByLabel(w.newOwner).selectOption({ label: other.email });
    await page.getByRole("button", { name: w.give }).click();
    await expect(page.getByText(w.given)).toBeVisible();
    await expectNoSidewaysScroll(page);

    const theirs = await openBrowser({ locale: locale === "ru" ? "ru-RU" : "en-GB" });
    await theirs.loginAsUser(other.id);
    await theirs.page.goto("/tasks");
    await expect(theirs.page.getByRole("heading", { name: w.myTasks, level: 1 })).toBeVisible();
    const list = theirs.page.getByTestId("task");
    await expect(list).toHaveCount(2);
    await expect(list.first()).toContainText("Call the lawyer in Almaty");
    await expect(list.first()).toContainText(w.overdueSince);

    // They were told: one notification for the case (two tasks), in the shell and on its page.
    const bell = theirs.page.getByTestId("notifications-link");
    await expect(bell).toContainText("1");
    await bell.click();
    const notice = theirs.page.getByTestId("notification");
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText(w.givenNotice);
    await expect(notice.getByRole("link", { name: kase.code })).toBeVisible();
    await theirs.page.getByRole("button", { name: w.markAllRead }).click();
    await expect(theirs.page.getByRole("button", { name: w.markAllRead })).toHaveCount(0);
    await expect(bell).not.toContainText("1");

    await page.goto(`/cases/${kase.code}`);
    await expect(page.getByText(w.timeline)).toBeVisible();
    expect(coordinator.id).not.toBe(other.id);
  });
}

test("a caseworker marks a weekly check-in done on My tasks and the next one follows; on the case page a task is edited and a done one undone", async ({
  page,
  loginAs,
}) => {
  test.setTimeout(90_000);
  const w = WORDS.en;
  const worker = await loginAs("CASEWORKER", { locale: "en" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });
  const { id } = await createNextStep({
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    text: "Weekly check-in call",
    ownerId: worker.id,
    dueOn: dayFromNow(-1),
    createdById: worker.id,
  });
  await db().nextStep.update({ where: { id }, data: { repeatDays: 7 } });

  await page.goto("/tasks");
  const task = page.getByTestId("task");
  await expect(task).toHaveCount(1);
  await expect(task).toContainText("every 7 days");
  await task.getByRole("button", { name: new RegExp(`${w.done}\\s*: Weekly check-in call`) }).click();
  await expect(task).toHaveCount(1);
  await expect(task).not.toContainText(w.overdueSince);
  const next = await db().nextStep.findFirstOrThrow({ where: { caseId: kase.id, doneAt: null } });
  expect(next.dueOn).toEqual(dayFromNow(7));

  await page.goto(`/cases/${kase.code}`);
  const open = page.getByTestId("next-step");
  await open.getByText(w.edit).click();
  const form = open.getByRole("form", { name: w.edit });
  await form.getByLabel(w.stepText).fill("Weekly check-in call, by Signal");
  await form.getByRole("button", { name: w.save }).click();
  await expect(page.getByText(w.saved)).toBeVisible();
  await expect(open.getByText("Weekly check-in call, by Signal", { exact: true })).toBeVisible();
  await expect(page.getByText(w.changed)).toBeVisible();

  await page.getByText(w.doneSteps).click();
  await page
    .getByTestId("done-step")
    .getByRole("button", { name: new RegExp(`${w.undo}\\s*: Weekly check-in call`) })
    .click();
  await expect(page.getByTestId("next-step")).toHaveCount(2);
});
