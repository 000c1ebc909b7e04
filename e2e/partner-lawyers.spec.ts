import { randomBytes } from "node:crypto";
import { createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * An admin keeps the list of partner lawyers; a caseworker says which of them acts in a person's
 * extradition proceedings. A way to reach a lawyer is refused on the list, and a partner taken off
 * the list is no longer offered for new proceedings.
 */
test("an admin adds a partner lawyer and a caseworker names them on an extradition", async ({ page, loginAs, openBrowser }) => {
  test.setTimeout(90_000);
  const tag = randomBytes(3).toString("hex");
  const label = `Almaty refugee-law clinic ${tag}`;
  await loginAs("ADMIN");
  await page.goto("/admin/lawyers");
  await expect(page.getByRole("heading", { level: 1, name: "Partner lawyers" })).toBeVisible();

  const add = page.getByRole("form", { name: "Add a partner lawyer" });
  // A phone number is a way to reach someone: refused, nothing added.
  await add.getByLabel("Name").fill("Clinic, call +7 701 555 12 34");
  await add.getByRole("button", { name: "Add a partner lawyer" }).click();
  await expect(add.getByText(/phone/i).first()).toBeVisible();
  await add.getByLabel("Name").fill(label);
  await add.getByLabel("Practises in").selectOption("KZ");
  await add.getByRole("button", { name: "Add a partner lawyer" }).click();
  await expect(add.getByText("Added.")).toBeVisible();
  await expect(page.getByRole("form", { name: `Change ${label}` })).toBeVisible();

  // The caseworker, in another browser, names the partner on proceedings in Kazakhstan.
  const caseworker = await openBrowser();
  const user = await caseworker.loginAs("CASEWORKER");
  const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });
  const cw = caseworker.page;
  await cw.setViewportSize({ width: 390, height: 900 });
  await cw.goto(`/cases/${kase.code}`);
  const legal = cw.getByRole("region", { name: "Legal danger" });
  await legal.getByText("New extradition proceedings…").click();
  const proceedings = legal.getByRole("form", { name: "Add extradition proceedings" });
  await proceedings.getByRole("combobox", { name: "Stage" }).selectOption("REQUEST_RECEIVED");
  await proceedings.getByLabel("Lawyer", { exact: true }).selectOption("PARTNER");
  await proceedings.getByLabel("Which partner lawyer").selectOption({ label });
  await proceedings.getByRole("button", { name: "Add extradition proceedings" }).click();
  await expect(legal.getByTestId("extradition")).toContainText(label);
  await expectNoSidewaysScroll(cw);

  // Taken off the list: the proceedings keep their partner, new proceedings are not offered them.
  const row = page.getByRole("form", { name: `Change ${label}` });
  await row.getByLabel("On the list").uncheck();
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText("Saved.")).toBeVisible();
  await cw.reload();
  await expect(legal.getByTestId("extradition")).toContainText(label);
  await legal.getByText("New extradition proceedings…").click();
  const again = legal.getByRole("form", { name: "Add extradition proceedings" });
  await expect(again.getByLabel("Which partner lawyer").locator("option", { hasText: label })).toHaveCount(0);
});
