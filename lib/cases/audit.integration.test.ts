import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { actorFor } from "@/lib/testing/factories";
import { arrangeCaseWithParts, CASE_MUTATIONS, MUTATION_PERMISSIONS } from "@/lib/testing/case-calls";
import { caseAudit } from "@/lib/testing/case-state";
import { createUser } from "@/lib/testing/factories";
import { closeCase, createCaseFromIntake, updateContactChannel } from "./mutations";
import { addNextStep, addNote } from "./records";
import { getCaseDetail, listCases, revealContact } from "./queries";
import { CaseListFilterSchema, CloseCaseSchema, IntakeSchema } from "./schemas";
import { AddNoteSchema } from "./record-schemas";

/**
 * The audit action each mutation must write, as arranged by case-calls.ts, and the names of the
 * fields it touched: never their values (lib/audit/case-entries.ts).
 */
const EXPECTED: Record<string, { action: string; fields: string[] }> = {
  updateProfile: { action: "case.profile_updated", fields: ["profile", "riskLevel"] },
  changeStatus: { action: "case.status_changed", fields: ["status"] },
  closeCase: { action: "case.closed", fields: ["status", "closeReason"] },
  reopenCase: { action: "case.reopened", fields: ["status", "closeReason"] },
  assignCase: { action: "case.assigned", fields: ["assignee"] },
  updateContactChannel: { action: "case.contact_updated", fields: ["contactChannel"] },
  updateLegalExposure: { action: "case.legal_updated", fields: ["legalExposure"] },
  addWantedEntry: { action: "case.wanted_added", fields: ["wantedLists"] },
  removeWantedEntry: { action: "case.wanted_removed", fields: ["wantedLists"] },
  addExtradition: { action: "case.extradition_added", fields: ["extraditions"] },
  updateExtradition: { action: "case.extradition_updated", fields: ["extraditions"] },
  recordMove: { action: "case.location_changed", fields: ["location"] },
  "recordMove (with the group)": { action: "case.location_changed", fields: ["location"] },
  linkCases: { action: "case.group_linked", fields: ["group"] },
  unlinkCase: { action: "case.group_unlinked", fields: ["group"] },
  recordAssistance: { action: "case.assistance_recorded", fields: ["assistance"] },
  decideAssistance: { action: "case.assistance_decided", fields: ["assistance"] },
  correctMovement: { action: "case.movement_corrected", fields: ["movements"] },
  recordSupportLetter: { action: "case.support_letter_recorded", fields: ["applications"] },
  updateDocuments: { action: "case.documents_updated", fields: ["documents"] },
  addApplication: { action: "case.application_added", fields: ["applications"] },
  updateApplication: { action: "case.application_updated", fields: ["applications"] },
  addNextStep: { action: "case.next_step_added", fields: ["nextSteps"] },
  completeNextStep: { action: "case.next_step_done", fields: ["nextSteps"] },
  reopenNextStep: { action: "case.next_step_reopened", fields: ["nextSteps"] },
  editNextStep: { action: "case.next_step_changed", fields: ["nextSteps"] },
  addNote: { action: "case.note_added", fields: ["notes"] },
  addSupervisionNote: { action: "case.supervision_note_added", fields: ["supervisionNotes"] },
  requestCaseErasure: { action: "case.erasure_requested", fields: [] },
  mergeCases: { action: "case.merged", fields: [] },
  "addNote (correction)": { action: "case.note_corrected", fields: ["notes"] },
};

function canary(prefix: string): string {
  return `${prefix}${Array.from({ length: 14 }, () => "abcdefghjkmnpqrstuvwxyz"[randomInt(23)]).join("")}`;
}

describe("audit of case reads and changes", () => {
  test("every mutation is listed here", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(CASE_MUTATIONS.map((m) => m.name).sort());
  });

  test.each(CASE_MUTATIONS)(
    "$name writes one entry naming its action, the actor and the fields touched, linked to the case it does not name",
    async (mutation) => {
      const owner = await createUser({ role: "CASEWORKER" });
      const { kase, parts } = await arrangeCaseWithParts({
        assignedToId: owner.id,
        createdById: owner.id,
        status: mutation.needs === "closed" ? "CLOSED" : "NEW",
      });
      const actor = MUTATION_PERMISSIONS.CASEWORKER.includes(mutation.permission)
        ? await actorFor(owner)
        : await actorFor(await createUser({ role: "COORDINATOR" }));
      const expected = EXPECTED[mutation.name]!;

      await mutation.call(actor, { code: kase.code, version: 1 }, parts);
      const entries = await caseAudit(kase.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: expected.action, actorId: actor.userId, targetType: "case", targetId: null });
      expect(entries[0]!.meta).toEqual({ fields: expected.fields });
    },
  );

  test("intake writes case.created; reading writes case.read; revealing writes case.contact_revealed; a list page writes case.list_read", async () => {
    const user = await createUser({ role: "CASEWORKER" });
    const actor = await actorFor(user);
    const { code } = await createCaseFromIntake(
      actor,
      IntakeSchema.parse({
        ageBand: "AGE_18_24",
        serviceCategory: "CONSCRIPT",
        peopleTravelling: "2",
        language: "ru",
        riskLevel: "ELEVATED",
        currentCountry: "AM",
        contactChannel: "@someone_new",
      }),
    );
    const { id } = await db().case.findUniqueOrThrow({ where: { code }, select: { id: true } });
    await getCaseDetail(actor, code);
    await revealContact(actor, code);
    await listCases(actor, CaseListFilterSchema.parse({}));
    const entries = await caseAudit(id);
    expect(entries.map((e) => [e.action, e.actorId, e.targetId])).toEqual([
      ["case.created", user.id, null],
      ["case.read", user.id, null],
      ["case.contact_revealed", user.id, null],
      ["case.list_read", user.id, null],
    ]);
    expect(entries[0]!.meta).toEqual({});
    // A list page names the filters set (not their values), how many cases matched and how many it showed.
    expect(entries[3]!.meta).toEqual({ filters: ["sort"], count: 1, shown: 1 });
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  test("every read by a coordinator is audited too, one entry per page view", async () => {
    const caseworker = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const { kase } = await arrangeCaseWithParts({ assignedToId: caseworker.id, createdById: caseworker.id });
    await getCaseDetail(coordinator, kase.code);
    await getCaseDetail(coordinator, kase.code);
    expect((await caseAudit(kase.id)).map((e) => [e.action, e.actorId])).toEqual([
      ["case.read", coordinator.userId],
      ["case.read", coordinator.userId],
    ]);
  });

  test("no audit entry holds a contact channel, note text, next-step text or closing text", async () => {
    const user = await createUser({ role: "CASEWORKER" });
    const actor = await actorFor(user);
    const secrets = {
      contact: `@${canary("contact")}`,
      contact2: `@${canary("contacttwo")}`,
      note: `Talked ${canary("note")} today`,
      correction: `Talked ${canary("correction")} yesterday`,
      step: `Ask ${canary("step")} about tickets`,
      close: `Moved on ${canary("close")}`,
    };
    const { code } = await createCaseFromIntake(
      actor,
      IntakeSchema.parse({
        ageBand: "AGE_25_34",
        serviceCategory: "CONTRACT",
        peopleTravelling: "1",
        language: "ru",
        riskLevel: "HIGH",
        currentCountry: "GE",
        contactChannel: secrets.contact,
      }),
    );
    await updateContactChannel(actor, { code, version: 1, contactChannel: secrets.contact2 });
    await addNote(actor, AddNoteSchema.parse({ code, version: "2", body: secrets.note }));
    const [first] = (await getCaseDetail(actor, code)).notes;
    await addNote(actor, AddNoteSchema.parse({ code, version: "3", body: secrets.correction, supersedesId: first!.id }));
    await addNextStep(actor, { code, version: 4, text: secrets.step });
    expect(await revealContact(actor, code)).toBe(secrets.contact2);
    await closeCase(actor, CloseCaseSchema.parse({ code, version: "5", reason: "OTHER", reasonText: secrets.close }));

    const { id } = await db().case.findUniqueOrThrow({ where: { code }, select: { id: true } });
    const entries = await caseAudit(id);
    expect(entries.map((e) => e.action)).toEqual([
      "case.created",
      "case.contact_updated",
      "case.note_added",
      "case.read",
      "case.note_corrected",
      "case.next_step_added",
      "case.contact_revealed",
      "case.closed",
    ]);
    const text = JSON.stringify(await db().auditLog.findMany(), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    for (const secret of Object.values(secrets)) {
      const distinctive = secret
        .split(" ")
        .find((w) => w.length > 14)!
        .replace(/^@/, "");
      expect(text).not.toContain(distinctive);
    }
  });
});
