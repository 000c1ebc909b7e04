import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { assertOpen, caseEvent, mutateCase } from "./write-pipeline";
import type { AddSupervisionNoteInput } from "./record-schemas";

/**
 * Supervision notes (issue 19): what a coordinator writes about how a case is handled. Append-only,
 * sealed with the case key like notes; read by coordinators and by the caseworker the case is
 * assigned to (capabilities.ts), never by admins. The timeline says one was written, not what.
 */
export async function addSupervisionNote(actor: Actor, input: AddSupervisionNoteInput): Promise<void> {
  await mutateCase(actor, input, "case:supervise", async (tx, current, now, key) => {
    assertOpen(current);
    const id = randomUUID();
    await tx.supervisionNote.create({
      data: {
        id,
        caseId: current.id,
        authorId: actor.userId,
        bodyEnc: key.seal(caseFieldContext.supervisionNote(id), input.body),
        createdAt: now,
      },
    });
    return {
      events: [caseEvent("SUPERVISION_NOTE_ADDED")],
      audit: { action: "case.supervision_note_added", fields: ["supervisionNotes"] },
      result: undefined,
    };
  });
}
