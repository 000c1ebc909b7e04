import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/testing/factories";
import { personForUser, personWithRole } from "./support/contexts";

test.describe("a caseworker runs a case", () => {
  // One long journey through every part of the case page.
  test.setTimeout(180_000);

  test("takes in a person, records documents, moves them to Kazakhstan, applies for a French visa, writes a note; a coordinator reassigns; the first caseworker loses access", async ({
    browser,
    baseURL,
  }) => {
    const worker = await personWithRole(browser, baseURL!, "CASEWORKER");
    const page = worker.page;

    // Intake
    await page.goto("/cases/new");
    await page.getByLabel("Age band").selectOption({ label: "25–34" });
    await page.getByLabel("Service category").selectOption({ label: "Mobilised" });
    await page.getByLabel("Risk level").selectOption({ label: "High risk" });
    await page.getByLabel("Current country").selectOption("RU");
    // A city from the list of big cities (its list loads once the country is chosen).
    await page.getByLabel("City or area (optional)").selectOption({ label: "Kazan" });
    await page.getByLabel("Contact channel").fill("Signal @journey_contact_e2e");
    await page.getByRole("button", { name: "Create case" }).click();
    await expect(page).toHaveURL(/\/cases\/WP-[A-Z0-9]{4}-[A-Z0-9]{4}\?created=1$/);
    const code = page.url().match(/WP-[A-Z0-9]{4}-[A-Z0-9]{4}/)![0];
    await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
    await expect(page.getByText("The person is in Russia")).toBeVisible();

    // The contact channel is hidden until shown, and shown only to the assigned caseworker.
    await expect(page.getByTestId("contact-channel")).toHaveCount(0);
    await page.getByRole("button", { name: "Show contact channel" }).click();
    await expect(page.getByTestId("contact-channel")).toHaveText("Signal @journey_contact_e2e");

    // Documents: no valid travel document until a foreign passport is recorded as held.
    await expect(page.getByText("No valid travel document", { exact: true }).first()).toBeVisible();
    await page.getByLabel("State of: Internal passport").selectOption("HELD");
    await page.getByLabel("State of: Foreign travel passport").selectOption("CONFISCATED");
    await page.getByLabel("State of: Military ID").selectOption("HELD");
    await page.getByRole("button", { name: "Save documents" }).click();
    await expect(page.getByRole("form", { name: "Documents held" }).getByText("Saved.")).toBeVisible();
    await expect(page.getByLabel("State of: Foreign travel passport")).toHaveValue("CONFISCATED");

    // The status moves forward through the workflow; leaving VERIFYING takes two people's sign-offs.
    await page.getByRole("button", { name: "Move to Verifying" }).click();
    await expect(page.getByRole("region", { name: "Verification" })).toBeVisible();
    const signOff = async (p: typeof page) => {
      const form = p.getByRole("form", { name: "Sign off" });
      for (const question of [
        "Story consistent across conversations",
        "Service status plausible",
        "No indication of involvement in crimes against civilians",
        "No sign of a provocation or infiltration attempt",
      ]) {
        await form.getByRole("group", { name: question }).getByLabel("Yes").check();
      }
      await form.getByLabel("Verified: I vouch for this person").check();
      await form.getByRole("button", { name: "Sign off" }).click();
      // The form gives way to a lasting note once the sign-off is recorded.
      await expect(p.getByText("You have signed off this case.")).toBeVisible();
    };
    await signOff(page);
    await page.getByRole("button", { name: "Move to Planning exit" }).click();
    await expect(page.getByText("Two sign-offs by two different people are needed before the exit can be planned.").first()).toBeVisible();
    const vouching = await personWithRole(browser, baseURL!, "COORDINATOR");
    await vouching.page.goto(`/cases/${code}`);
    await signOff(vouching.page);
    await vouching.context.close();
    await page.reload();
    for (const status of ["Planning exit", "In transit"]) {
      await page.getByRole("button", { name: `Move to ${status}` }).click();
      await expect(page.getByText(status, { exact: true }).first()).toBeVisible();
      await expect(page.getByRole("button", { name: `Move to ${status}` })).toHaveCount(0);
    }

    // Moves from Russia to Kazakhstan: the extradition-risk warning appears.
    await page.getByText("Record a move…").click();
    const move = page.getByRole("form", { name: "Record a move" });
    await move.getByRole("combobox", { name: "Country", exact: true }).selectOption("KZ");
    await move.getByLabel("City or area (optional)").selectOption({ label: "Almaty" });
    await move.getByRole("button", { name: "Record a move" }).click();
    await expect(page.getByText("The person is in Kazakhstan")).toBeVisible();
    await expect(page.getByText("This country has handed people back.")).toBeVisible();
    await page.getByRole("button", { name: "Move to In third country" }).click();
    await expect(page.getByRole("button", { name: "Move to Applying" })).toBeVisible();

    // A French humanitarian visa application, planned.
    await page.getByText("New application…").click();
    const application = page.getByRole("form", { name: "Add an application" });
    await application.getByLabel("Type").selectOption("HUMANITARIAN_VISA");
    await application.getByLabel("Destination country").selectOption("FR");
    // The French consulate where the person waits: a city of Kazakhstan, offered beside those of France.
    await application.getByLabel("Consulate or office city").selectOption({ label: "Almaty" });
    await application.getByRole("button", { name: "Add an application" }).click();
    await expect(page.getByTestId("application").getByText("Humanitarian visa · France")).toBeVisible();
    await page.getByRole("button", { name: "Move to Applying" }).click();
    await expect(page.getByRole("button", { name: "Move to Relocated" })).toBeVisible();

    // A note with an identifier is refused, naming the problem and keeping the text; a clean one is kept.
    const noteForm = page.getByRole("form", { name: "Add note" });
    await noteForm.getByLabel("New note").fill("Call him on +7 912 345 67 89 tomorrow");
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await expect(noteForm.getByText(/Remove identifying details: a phone number/)).toBeVisible();
    await expect(noteForm.getByLabel("New note")).toHaveValue("Call him on +7 912 345 67 89 tomorrow");
    await noteForm.getByLabel("New note").fill("Consulate slot requested; waiting for the answer.");
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("note").getByText("Consulate slot requested; waiting for the answer.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Changes, oldest first" }).getByText("Note added")).toBeVisible();

    // A coordinator reassigns the case to another caseworker.
    const second = await createUser({ role: "CASEWORKER" });
    const coordinator = await personWithRole(browser, baseURL!, "COORDINATOR");
    await coordinator.page.goto(`/cases/${code}`);
    await expect(coordinator.page.getByText("Only the caseworker assigned to this case can see the contact channel.")).toBeVisible();
    await coordinator.page.getByLabel("Caseworker").selectOption({ label: second.email });
    await coordinator.page.getByRole("button", { name: "Assign" }).click();
    await expect(coordinator.page.getByText(`assigned to ${second.email}`).first()).toBeVisible();

    // The first caseworker can no longer open it: the same answer as for a case that does not exist.
    const gone = await page.goto(`/cases/${code}`);
    expect(gone?.status()).toBe(404);
    const missing = await page.goto("/cases/WP-2222-2222");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

    // The new caseworker sees it in their list.
    const newWorker = await personForUser(browser, baseURL!, second);
    await newWorker.page.goto("/cases");
    await expect(newWorker.page.getByRole("link", { name: code }).first()).toBeVisible();

    // Reads and changes are in the audit log.
    const kase = await db().case.findUniqueOrThrow({ where: { code }, select: { id: true } });
    // Entries about a case name no case: they are linked to it (and the links go with the case).
    const links = await db().caseAuditLink.findMany({ where: { caseId: kase.id }, select: { auditId: true } });
    const actions = (await db().auditLog.findMany({ where: { id: { in: links.map((l) => l.auditId) } }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "case.created",
        "case.read",
        "case.contact_revealed",
        "case.documents_updated",
        "case.status_changed",
        "case.location_changed",
        "case.application_added",
        "case.note_added",
        "case.assigned",
      ]),
    );

    for (const person of [worker, coordinator, newWorker]) await person.context.close();
  });
});
