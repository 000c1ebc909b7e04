import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { createCase, createUser } from "@/lib/testing/factories";
import { personWithRole } from "./support/contexts";

test.describe("a coordinator runs the team", () => {
  test.setTimeout(180_000);

  test("filters the dashboard by country, follows a figure to its cases, reassigns two in bulk and exports a report", async ({
    browser,
    baseURL,
  }) => {
    // Mongolia: a country no other test or demo case uses, so the figures are exactly ours.
    await db().countryRisk.upsert({ where: { countryCode: "MN" }, create: { countryCode: "MN", risk: "TRANSIT" }, update: {} });
    const from = await createUser({ role: "CASEWORKER" });
    const to = await createUser({ role: "CASEWORKER" });
    const cases = await Promise.all(
      [0, 1, 2].map((i) =>
        createCase({
          createdById: from.id,
          assignedToId: from.id,
          status: "IN_THIRD_COUNTRY",
          currentCountry: "MN",
          contactChannel: `@dashboard_canary_${i}`,
        }),
      ),
    );

    const coordinator = await personWithRole(browser, baseURL!, "COORDINATOR");
    const page = coordinator.page;
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();

    // Filter by country: the figures are those of Mongolia only.
    await page.getByRole("search", { name: "Dashboard filters" }).getByLabel("Country").selectOption("MN");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/country=MN/);
    const openFigure = page.getByRole("region", { name: "Key figures" }).getByTestId("figure-link").first();
    await expect(openFigure).toHaveText("3");

    // The figure opens the case list showing exactly the cases it counts.
    await openFigure.click();
    await expect(page).toHaveURL(/\/cases\?country=MN/);
    await expect(page.getByTestId("case-count")).toHaveText("3 cases");
    for (const kase of cases) await expect(page.getByRole("link", { name: kase.code })).toBeVisible();

    // Reassign two of them in bulk.
    await page.getByRole("checkbox", { name: `Select ${cases[0]!.code}` }).check();
    await page.getByRole("checkbox", { name: `Select ${cases[1]!.code}` }).check();
    await page.getByRole("form", { name: "Reassign selected cases" }).getByLabel("New caseworker").selectOption({ label: to.email });
    await page.getByRole("button", { name: "Reassign selected" }).click();
    await expect(page.getByText("2 cases moved.")).toBeVisible();
    const after = await db().case.findMany({ where: { id: { in: cases.map((c) => c.id) } }, select: { code: true, assignedToId: true } });
    expect(
      after
        .filter((c) => c.assignedToId === to.id)
        .map((c) => c.code)
        .sort(),
    ).toEqual([cases[0]!.code, cases[1]!.code].sort());
    expect(after.find((c) => c.code === cases[2]!.code)?.assignedToId).toBe(from.id);

    // Export the report for Mongolia and read the file.
    await page.goto("/dashboard?country=MN");
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export report (CSV)" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^waypoint-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv).toContain("Waypoint aggregate report");
    expect(csv).toMatch(/Period,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2}/);
    expect(csv).toContain("Generated at");
    expect(csv).toContain("country=MN");
    // Three open cases in third country: a count from 1 to 4, so written "<5".
    expect(csv).toMatch(/IN_THIRD_COUNTRY,<5/);
    // Aggregates only: no case code, contact channel or staff e-mail.
    for (const kase of cases) expect(csv).not.toContain(kase.code);
    expect(csv).not.toContain("dashboard_canary");
    expect(csv).not.toContain(from.email);
    expect(csv).not.toContain(to.email);
    const audited = await db().auditLog.count({ where: { action: "report.exported", actorId: coordinator.userId } });
    expect(audited).toBe(1);

    await coordinator.context.close();
  });

  test("moves every open case of a caseworker who leaves to another, from the dashboard", async ({ browser, baseURL }) => {
    const leaving = await createUser({ role: "CASEWORKER" });
    const taking = await createUser({ role: "CASEWORKER" });
    const open = await Promise.all(
      [0, 1].map(() => createCase({ createdById: leaving.id, assignedToId: leaving.id, status: "PLANNING_EXIT", currentCountry: "MN" })),
    );
    const closed = await createCase({
      createdById: leaving.id,
      assignedToId: leaving.id,
      status: "CLOSED",
      statusBeforeClose: "NEW",
      closedAt: new Date(),
      currentCountry: "MN",
    });

    const coordinator = await personWithRole(browser, baseURL!, "COORDINATOR");
    const page = coordinator.page;
    await page.goto(`/dashboard?assignee=${leaving.id}`);
    // The form appears only when asked for; the choice of caseworker then has the focus.
    await page.getByRole("button", { name: `Reassign all open cases of ${leaving.email}` }).click();
    const form = page.getByRole("form", { name: `Reassign all open cases of ${leaving.email}` });
    await expect(form.getByLabel("Move all to…")).toBeFocused();
    await form.getByLabel("Move all to…").selectOption({ label: taking.email });
    await form.getByRole("button", { name: "Reassign all" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Reassign all" }).click();
    await expect(page.getByText("2 cases moved.")).toBeVisible();

    const after = await db().case.findMany({
      where: { id: { in: [...open.map((c) => c.id), closed.id] } },
      select: { id: true, assignedToId: true },
    });
    expect(
      after
        .filter((c) => c.assignedToId === taking.id)
        .map((c) => c.id)
        .sort(),
    ).toEqual(open.map((c) => c.id).sort());
    expect(after.find((c) => c.id === closed.id)?.assignedToId).toBe(leaving.id);
    await coordinator.context.close();
  });
});
