import { describe, expect, test } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { caseAudit } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser, databaseText } from "@/lib/testing/factories";
import { getCaseDetail } from "./queries";
import { AddSupervisionNoteSchema } from "./record-schemas";
import { addSupervisionNote } from "./supervision";

const version = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

describe("supervision notes", () => {
  test("a coordinator writes one: coordinators and the case's caseworker read it, sealed in the database; the timeline and audit name no text", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const coordinator = await createUser({ role: "COORDINATOR" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const [cw, co, co2] = [await actorFor(worker), await actorFor(coordinator), await actorFor(await createUser({ role: "COORDINATOR" }))];
    const body = "Slow down the exit plan until the lawyer answers";
    await addSupervisionNote(co, AddSupervisionNoteSchema.parse({ code: kase.code, version: String(await version(kase.id)), body }));

    for (const reader of [cw, co, co2])
      expect((await getCaseDetail(reader, kase.code)).supervisionNotes?.map((n) => n.body)).toEqual([body]);
    const detail = await getCaseDetail(co2, kase.code);
    expect(detail.supervisionNotes![0]!.author).toBe(coordinator.email);
    expect(detail.timeline.at(-1)?.type).toBe("SUPERVISION_NOTE_ADDED");
    expect(await databaseText()).not.toContain(body);
    const entry = (await caseAudit(kase.id)).find((e) => e.action === "case.supervision_note_added");
    expect(entry?.meta).toEqual({ fields: ["supervisionNotes"] });
  });

  test("a caseworker may not write one, and another caseworker cannot reach the case at all", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const cw = await actorFor(worker);
    const other = await actorFor(await createUser({ role: "CASEWORKER" }));
    const input = () => ({ code: kase.code, version: 1, body: "x" });
    await expect(addSupervisionNote(cw, input())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCaseDetail(other, kase.code)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().supervisionNote.count({ where: { caseId: kase.id } })).toBe(0);
  });
});
