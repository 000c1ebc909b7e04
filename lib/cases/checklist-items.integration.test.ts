import { describe, expect, test } from "vitest";
import { getCaseDetail } from "@/lib/cases/queries";
import { updateApplicationChecklist } from "@/lib/cases/checklist";
import { addApplication } from "@/lib/cases/records";
import { db } from "@/lib/db/client";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { addChecklistItem, listChecklistItems, moveChecklistItem, updateChecklistItem } from "./checklist-items";
import { AddChecklistItemSchema, ApplicationChecklistSchema, UpdateChecklistItemSchema } from "./checklist-schemas";

/** ADR 021: the application checklists coordinators keep, and each item's state on a case's application. */

async function coordinator() {
  return actorFor(await createUser({ role: "COORDINATOR" }));
}

async function item(actor: Awaited<ReturnType<typeof coordinator>>, destinationCountry: string, label: string, applicationType = "") {
  return (await addChecklistItem(actor, AddChecklistItemSchema.parse({ destinationCountry, applicationType, label }))).id;
}

describe("keeping the checklists", () => {
  test("a coordinator adds, renames, reorders and retires items, audited by field names only", async () => {
    const co = await coordinator();
    const letter = await item(co, "EE", "Support letter", "HUMANITARIAN_VISA");
    const photos = await item(co, "EE", "Passport-size photos", "HUMANITARIAN_VISA");
    const bank = await item(co, "EE", "Bank statement");
    expect(await moveChecklistItem(co, { itemId: photos, direction: "up" })).toEqual({ changed: true });
    expect(await moveChecklistItem(co, { itemId: photos, direction: "up" })).toEqual({ changed: false });
    await updateChecklistItem(co, UpdateChecklistItemSchema.parse({ itemId: letter, label: "Letter of support", active: "on" }));
    await updateChecklistItem(co, UpdateChecklistItemSchema.parse({ itemId: bank, label: "Bank statement" }));
    const mine = (await listChecklistItems(co)).filter((i) => i.destinationCountry === "EE");
    expect(mine.map((i) => [i.applicationType, i.label, i.position, i.active])).toEqual([
      [null, "Bank statement", 1, false],
      ["HUMANITARIAN_VISA", "Passport-size photos", 1, true],
      ["HUMANITARIAN_VISA", "Letter of support", 2, true],
    ]);
    const entries = await db().auditLog.findMany({
      where: { targetId: { in: [letter, photos, bank] } },
      orderBy: { id: "asc" },
      select: { action: true, meta: true },
    });
    expect(entries.map((e) => e.action)).toEqual([
      "checklist.item_added",
      "checklist.item_added",
      "checklist.item_added",
      "checklist.item_moved",
      "checklist.item_changed",
      "checklist.item_changed",
    ]);
    expect(entries[4]!.meta).toEqual({ fields: ["label"] });
    expect(entries[5]!.meta).toEqual({ fields: ["active"] });
    expect(JSON.stringify(entries)).not.toMatch(/Support|photos|Bank/);
  });

  test("a label with a phone number or an e-mail address is refused", () => {
    for (const label of ["Call +49 30 1234567", "send to anna@example.org"]) {
      expect(AddChecklistItemSchema.safeParse({ destinationCountry: "DE", label }).success).toBe(false);
    }
  });

  test("caseworkers may not keep the checklists, and admins neither", async () => {
    for (const role of ["CASEWORKER", "ADMIN"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(listChecklistItems(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addChecklistItem(actor, { destinationCountry: "DE", label: "Photos" })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("an application's checklist", () => {
  async function world() {
    const co = await coordinator();
    const letter = await item(co, "LV", "Support letter", "HUMANITARIAN_VISA");
    const photos = await item(co, "LV", "Passport-size photos");
    const asylumOnly = await item(co, "LV", "Service record", "ASYLUM");
    const caseworker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id, currentCountry: "KZ", status: "APPLYING" });
    const cw = await actorFor(caseworker);
    await addApplication(cw, { code: kase.code, version: 1, type: "HUMANITARIAN_VISA", destinationCountry: "LV", status: "PLANNED" });
    const applicationId = (await caseState(kase.id)).applications[0]!.id;
    return { co, cw, kase, applicationId, letter, photos, asylumOnly };
  }

  test("the caseworker marks items ready or missing; the case page shows the list in order; the timeline counts, never names", async () => {
    const w = await world();
    const input = ApplicationChecklistSchema.parse({
      code: w.kase.code,
      version: 2,
      applicationId: w.applicationId,
      items: [
        { itemId: w.letter, state: "READY" },
        { itemId: w.photos, state: "MISSING" },
      ],
    });
    expect(await updateApplicationChecklist(w.cw, input)).toEqual({ changed: 2 });
    const [a] = (await getCaseDetail(w.cw, w.kase.code)).applications;
    expect(a!.checklist).toEqual([
      { itemId: w.photos, label: "Passport-size photos", state: "MISSING" },
      { itemId: w.letter, label: "Support letter", state: "READY" },
    ]);
    // Back to "not known" for one item.
    await updateApplicationChecklist(
      w.cw,
      ApplicationChecklistSchema.parse({
        code: w.kase.code,
        version: 3,
        applicationId: w.applicationId,
        items: [{ itemId: w.photos, state: "" }],
      }),
    );
    const state = await caseState(w.kase.id);
    expect(state.events.filter((e) => e.type === "CHECKLIST_UPDATED")).toHaveLength(2);
    const audit = (await caseAudit(w.kase.id)).filter((e) => e.action === "case.checklist_updated");
    expect(audit.map((e) => e.meta)).toEqual([{ fields: ["applications"] }, { fields: ["applications"] }]);
    expect(JSON.stringify(audit.map((e) => [e.action, e.meta]))).not.toMatch(/Support|Passport|READY|MISSING/);
    const rows = await db().applicationChecklistState.findMany({ where: { applicationId: w.applicationId } });
    expect(rows.map((r) => [r.itemId, r.state])).toEqual([[w.letter, "READY"]]);
  });

  test("an item of another type's checklist is refused; another caseworker's case is not found", async () => {
    const w = await world();
    await expect(
      updateApplicationChecklist(w.cw, {
        code: w.kase.code,
        version: 2,
        applicationId: w.applicationId,
        items: [{ itemId: w.asylumOnly, state: "READY" }],
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    const stranger = await actorFor(await createUser({ role: "CASEWORKER" }));
    await expect(
      updateApplicationChecklist(stranger, { code: w.kase.code, version: 2, applicationId: w.applicationId, items: [] }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
