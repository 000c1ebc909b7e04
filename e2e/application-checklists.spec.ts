import { randomBytes } from "node:crypto";
import { addApplication } from "@/lib/cases/records";
import { actorFor, createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll } from "./support/layout";

/**
 * A coordinator keeps the checklist of a humanitarian visa to Iceland; a caseworker marks an item
 * ready on a person's application; the dashboard shows the outcomes per destination and type
 * (ADR 021). A way to reach someone is refused as an item.
 */

const DAY = 86_400_000;
const day = (n: number) => new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY);

test("a coordinator keeps a checklist, a caseworker marks an item ready, the dashboard counts the outcome", async ({
  page,
  loginAs,
  openBrowser,
}) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString("hex");
  const letter = `Support letter ${tag}`;
  const photos = `Passport-size photos ${tag}`;
  await loginAs("COORDINATOR", { locale: "en" });
  await page.goto("/applications/checklists");
  await expect(page.getByRole("heading", { level: 1, name: "Application checklists" })).toBeVisible();

  const add = page.getByRole("form", { name: "Add item" });
  await add.getByLabel("Destination").selectOption("IS");
  await add.getByLabel("Application type").selectOption("HUMANITARIAN_VISA");
  // A phone number is a way to reach someone: refused, nothing added.
  await add.getByLabel("Item").fill("Call the embassy +354 555 1234");
  await add.getByRole("button", { name: "Add item" }).click();
  await expect(add.getByText(/phone/i).first()).toBeVisible();
  for (const label of [letter, photos]) {
    await add.getByLabel("Destination").selectOption("IS");
    await add.getByLabel("Application type").selectOption("HUMANITARIAN_VISA");
    await add.getByLabel("Item").fill(label);
    await add.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("form", { name: `Edit ${label}` })).toBeVisible();
  }
  // The photos go first.
  await page
    .getByRole("form", { name: `Move ${photos}` })
    .getByRole("button", { name: `Move ${photos} up` })
    .click();
  const list = page.getByRole("region", { name: "Iceland · Humanitarian visa" });
  await expect(list.getByTestId("checklist-item").first().getByRole("textbox")).toHaveValue(photos);
  await page.screenshot({ path: "test-results/application-checklists-1280.png", fullPage: true });

  // The caseworker, in another browser, marks the support letter ready on an application to Iceland.
  const caseworker = await openBrowser();
  const user = await caseworker.loginAs("CASEWORKER", { locale: "en" });
  const kase = await createCase({ createdById: user.id, assignedToId: user.id, currentCountry: "KZ", status: "APPLYING" });
  const actor = await actorFor({ id: user.id, email: user.email, role: "CASEWORKER" });
  await addApplication(actor, {
    code: kase.code,
    version: 1,
    type: "HUMANITARIAN_VISA",
    destinationCountry: "IS",
    status: "APPROVED",
    submittedOn: day(-40),
    decisionOn: day(-5),
  });
  const cw = caseworker.page;
  await cw.setViewportSize({ width: 390, height: 900 });
  await cw.goto(`/cases/${kase.code}`);
  const checklist = cw.getByRole("form", { name: "Application checklist" });
  await expect(checklist.getByText("Checklist: 0 of 2 ready")).toBeVisible();
  await checklist.getByLabel(letter).selectOption("READY");
  await checklist.getByLabel(photos).selectOption("MISSING");
  await checklist.getByRole("button", { name: "Save checklist" }).click();
  await expect(cw.getByText("Checklist: 1 of 2 ready")).toBeVisible();
  await expect(cw.getByText("Checklist for Iceland: 2 items changed")).toBeVisible();
  await expectNoSidewaysScroll(cw);
  await cw.screenshot({ path: "test-results/application-checklist-case-390.png", fullPage: true });

  // The coordinator's dashboard counts the approved humanitarian visa to Iceland, linked to the case.
  await page.goto("/dashboard");
  const outcomes = page.getByRole("region", { name: "Outcomes by destination and type" });
  const approved = outcomes.getByTestId("outcome-approved-IS-HUMANITARIAN_VISA");
  await expect(approved).toBeVisible();
  await approved.getByRole("link").click();
  await expect(page.getByRole("link", { name: kase.code })).toBeVisible();
});
