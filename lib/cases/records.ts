import "server-only";
import { randomUUID } from "node:crypto";
import { momentOf, type Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { assertOpen, caseEvent, mutateCase } from "./write-pipeline";
import { caseCapabilities } from "./capabilities";
import { nextAppointmentDay } from "./due-dates";
import { travelDocValidUntil } from "./derived";
import type { AddApplicationInput, AddNoteInput, DocumentsInput, RecordSupportLetterInput, UpdateApplicationInput } from "./record-schemas";
import { applicationDates, applicationRow, documentRow } from "./sealed-rows";
import { canMoveApplication, checkApplicationDates } from "./transitions";

/**
 * Changing the parts of a case: location and movements, documents held, applications, next steps,
 * notes. Each goes through mutateCase, so each is scoped, version-checked, timed and audited, and
 * keeps the derived columns of the case (travel document validity, next due step, next appointment)
 * true. Free text and exact days are sealed with the case's key (sealed.ts); beside them, the clear
 * columns keep only coarse values: a city from the list, the ISO week of a move, the month of an
 * expiry, the day of an appointment.
 */

export { recordMove } from "./movements";
export { linkCases, unlinkCase } from "./groups";
export { addNextStep, completeNextStep, editNextStep, reopenNextStep } from "./tasks";
export { addSupervisionNote } from "./supervision";

/** Replaces the documents grid. A type without a state is "not recorded" and removed. */
export async function updateDocuments(actor: Actor, input: DocumentsInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current, _now, key) => {
    assertOpen(current);
    const held = input.documents.filter((d): d is typeof d & { state: NonNullable<typeof d.state> } => d.state !== undefined);
    await tx.caseDocument.deleteMany({ where: { caseId: current.id } });
    if (held.length) {
      await tx.caseDocument.createMany({ data: held.map((d) => ({ ...documentRow(key, d), caseId: current.id })) });
    }
    const validUntil = travelDocValidUntil(held.map((d) => ({ type: d.type, state: d.state, expiresOn: d.expiresOn ?? null })));
    return {
      patch: { travelDocValidUntil: validUntil },
      events: [caseEvent("DOCUMENT_UPDATED", Object.fromEntries(held.map((d) => [d.type, d.state])))],
      audit: { action: "case.documents_updated", fields: ["documents"] },
      result: undefined,
    };
  });
}

/** An application's form as the actor typed it, its appointment read on the actor's clock (ADR 030). */
function onActorsClock<T extends { appointmentAt?: string }>(actor: Actor, input: T): Omit<T, "appointmentAt"> & { appointmentAt?: Date } {
  return { ...input, appointmentAt: input.appointmentAt === undefined ? undefined : momentOf(actor, input.appointmentAt) };
}

export async function addApplication(actor: Actor, typed: AddApplicationInput): Promise<void> {
  const input = onActorsClock(actor, typed);
  checkApplicationDates(input);
  await mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertOpen(current);
    await tx.application.create({ data: { ...applicationRow(key, input), caseId: current.id, createdAt: now, updatedAt: now } });
    return {
      patch: { nextAppointmentOn: await nextAppointmentDay(tx, current.id, now) },
      events: [caseEvent("APPLICATION_ADDED", { type: input.type, destination: input.destinationCountry, status: input.status })],
      audit: { action: "case.application_added", fields: ["applications"] },
      result: undefined,
    };
  });
}

export async function updateApplication(actor: Actor, typed: UpdateApplicationInput): Promise<void> {
  const input = onActorsClock(actor, typed);
  checkApplicationDates(input);
  await mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertOpen(current);
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, caseId: current.id },
      select: { id: true, type: true, status: true, destinationCountry: true },
    });
    if (!application) throw new NotFoundError("application");
    // A validity window or entry deadline only on a visa: the type is the row's.
    checkApplicationDates({ ...input, type: application.type });
    if (!canMoveApplication(application.status, input.status)) throw new ConflictError("application_transition_not_allowed");
    await tx.application.update({
      where: { id: application.id },
      data: { status: input.status, ...applicationDates(key, application.id, input), updatedAt: now },
    });
    return {
      patch: { nextAppointmentOn: await nextAppointmentDay(tx, current.id, now) },
      events: [
        caseEvent("APPLICATION_UPDATED", { destination: application.destinationCountry, from: application.status, to: input.status }),
      ],
      audit: { action: "case.application_updated", fields: ["applications"] },
      result: undefined,
    };
  });
}

/**
 * Records the organisation's support letter for an application: the day it was issued (sealed) and
 * the coordinator recording it as its issuer. Coordinators only: the organisation vouches for the
 * person to the government that grants the visa. Audited by field name; a timeline event.
 */
export async function recordSupportLetter(actor: Actor, input: RecordSupportLetterInput): Promise<void> {
  await mutateCase(actor, input, "case:issueLetter", async (tx, current, now, key) => {
    assertOpen(current);
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, caseId: current.id },
      select: { id: true, destinationCountry: true },
    });
    if (!application) throw new NotFoundError("application");
    await tx.application.update({
      where: { id: application.id },
      data: {
        letterIssuedEnc: key.sealDay(caseFieldContext.letterIssued(application.id), input.issuedOn),
        letterIssuedById: actor.userId,
        updatedAt: now,
      },
    });
    return {
      events: [caseEvent("SUPPORT_LETTER_ISSUED", { destination: application.destinationCountry })],
      audit: { action: "case.support_letter_recorded", fields: ["applications"] },
      result: undefined,
    };
  });
}

/**
 * Notes are append-only: a correction is a new note that names the one it supersedes, which is kept.
 * Only the assigned caseworker writes (and reads) notes.
 */
export async function addNote(actor: Actor, input: AddNoteInput): Promise<void> {
  await mutateCase(actor, input, "case:addNote", async (tx, current, now, key) => {
    assertOpen(current);
    if (!caseCapabilities(actor, current).addNote) throw new ConflictError("not_assigned");
    if (input.supersedesId) {
      const previous = await tx.note.findFirst({
        where: { id: input.supersedesId, caseId: current.id },
        select: { id: true, supersededBy: { select: { id: true } } },
      });
      if (!previous) throw new NotFoundError("note");
      if (previous.supersededBy) throw new ConflictError("note_already_corrected");
    }
    const id = randomUUID();
    await tx.note.create({
      data: {
        id,
        caseId: current.id,
        authorId: actor.userId,
        bodyEnc: key.seal(caseFieldContext.noteBody(id), input.body),
        supersedesId: input.supersedesId ?? null,
        createdAt: now,
      },
    });
    return {
      events: [caseEvent("NOTE_ADDED", input.supersedesId ? { correction: true } : {})],
      audit: { action: input.supersedesId ? "case.note_corrected" : "case.note_added", fields: ["notes"] },
      result: undefined,
    };
  });
}
