import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { caseState } from "@/lib/testing/case-state";
import { createCase, createNote, createUser } from "@/lib/testing/factories";
import { addApplication, addNextStep, addNote, completeNextStep, recordMove, updateApplication, updateDocuments } from "./records";
import { getCaseDetail } from "./queries";
import { DocumentsSchema } from "./record-schemas";

const DAY = 86_400_000;
/** `YYYY-MM-DD`, `days` from today (UTC). */
const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const day = (days: number) => new Date(`${isoDay(days)}T00:00:00.000Z`);
/** Almaty, a city of the shipped list (GeoNames 1526384). */
const ALMATY = "1526384";

async function world(options: { status?: "CLOSED" } = {}) {
  const user = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({
    createdById: user.id,
    assignedToId: user.id,
    currentCountry: "RU",
    ...(options.status ? { status: options.status, statusBeforeClose: "IN_TRANSIT" as const, closedAt: new Date() } : {}),
  });
  return { user, actor: await actorFor(user), kase };
}

/** The last day before the month holding `date`: the clear column keeps only the month of an expiry. */
const monthBefore = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 0));

describe("documents and the travel-document column", () => {
  test.each([
    {
      name: "a held foreign passport expiring in the future",
      docs: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: isoDay(400) }],
      until: monthBefore(day(400)),
      valid: true,
    },
    {
      name: "a held foreign passport without expiry",
      docs: [{ type: "FOREIGN_PASSPORT", state: "HELD" }],
      until: new Date("9999-12-31T00:00:00.000Z"),
      valid: true,
    },
    {
      name: "a held foreign passport that expired",
      docs: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: isoDay(-3) }],
      until: monthBefore(day(-3)),
      valid: false,
    },
    // Month grain errs towards "no valid document": a passport expiring this month no longer counts.
    {
      name: "a held foreign passport expiring today",
      docs: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: isoDay(0) }],
      until: monthBefore(day(0)),
      valid: false,
    },
    {
      name: "an expired foreign passport",
      docs: [{ type: "FOREIGN_PASSPORT", state: "EXPIRED", expiresOn: isoDay(300) }],
      until: null,
      valid: false,
    },
    { name: "a confiscated foreign passport", docs: [{ type: "FOREIGN_PASSPORT", state: "CONFISCATED" }], until: null, valid: false },
    {
      name: "only an internal passport and a military ID",
      docs: [
        { type: "INTERNAL_PASSPORT", state: "HELD", expiresOn: isoDay(900) },
        { type: "MILITARY_ID", state: "HELD" },
      ],
      until: null,
      valid: false,
    },
    { name: "no documents at all", docs: [], until: null, valid: false },
  ])("$name → travel_doc_valid_until and the page's 'no valid travel document'", async ({ docs, until, valid }) => {
    const w = await world();
    await updateDocuments(w.actor, DocumentsSchema.parse({ code: w.kase.code, version: "1", documents: docs }));
    const { row, documents } = await caseState(w.kase.id);
    expect(row.travelDocValidUntil).toEqual(until);
    expect(documents).toHaveLength(docs.length);
    // The exact day is sealed; the clear column holds its month.
    for (const sent of docs) {
      const stored = documents.find((d) => d.type === sent.type)!;
      const expiresOn = "expiresOn" in sent ? new Date(`${sent.expiresOn}T00:00:00.000Z`) : null;
      expect(stored.expiresOn).toEqual(expiresOn);
      expect(stored.expiresMonth).toEqual(expiresOn ? new Date(Date.UTC(expiresOn.getUTCFullYear(), expiresOn.getUTCMonth(), 1)) : null);
    }
    expect((await getCaseDetail(w.actor, w.kase.code)).noValidTravelDocument).toBe(!valid);
  });

  test("the grid replaces what was there: a type sent without a state is removed", async () => {
    const w = await world();
    await updateDocuments(
      w.actor,
      DocumentsSchema.parse({
        code: w.kase.code,
        version: "1",
        documents: [
          { type: "FOREIGN_PASSPORT", state: "HELD" },
          { type: "MILITARY_ID", state: "LOST" },
        ],
      }),
    );
    await updateDocuments(
      w.actor,
      DocumentsSchema.parse({
        code: w.kase.code,
        version: "2",
        documents: [
          { type: "FOREIGN_PASSPORT", state: "" },
          { type: "MILITARY_ID", state: "LOST" },
        ],
      }),
    );
    const { row, documents } = await caseState(w.kase.id);
    expect(documents.map((d) => [d.type, d.state])).toEqual([["MILITARY_ID", "LOST"]]);
    expect(row.travelDocValidUntil).toBeNull();
  });
});

describe("next steps and the next-due column", () => {
  test("next_step_due_on is the earliest open due date, recomputed when steps are added and done", async () => {
    const w = await world();
    await addNextStep(w.actor, { code: w.kase.code, version: 1, text: "No date" });
    expect((await caseState(w.kase.id)).row.nextStepDueOn).toBeNull();
    await addNextStep(w.actor, { code: w.kase.code, version: 2, text: "Later", dueOn: day(10) });
    await addNextStep(w.actor, { code: w.kase.code, version: 3, text: "Sooner", dueOn: day(-2) });
    let state = await caseState(w.kase.id);
    expect(state.row.nextStepDueOn).toEqual(day(-2));
    expect(state.nextSteps.every((s) => s.ownerId === w.user.id)).toBe(true);

    const sooner = state.nextSteps.find((s) => s.text === "Sooner")!;
    await completeNextStep(w.actor, { code: w.kase.code, version: 4, stepId: sooner.id });
    state = await caseState(w.kase.id);
    expect(state.row.nextStepDueOn).toEqual(day(10));
    await completeNextStep(w.actor, { code: w.kase.code, version: 5, stepId: state.nextSteps.find((s) => s.text === "Later")!.id });
    expect((await caseState(w.kase.id)).row.nextStepDueOn).toBeNull();
  });

  test("a step done already, or of another case, is not found, and nothing changes", async () => {
    const w = await world();
    const other = await world();
    await addNextStep(other.actor, { code: other.kase.code, version: 1, text: "Theirs", dueOn: day(1) });
    const theirs = (await caseState(other.kase.id)).nextSteps[0]!;
    const before = await caseState(w.kase.id);
    await expect(completeNextStep(w.actor, { code: w.kase.code, version: 1, stepId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await caseState(w.kase.id)).toEqual(before);
    expect((await caseState(other.kase.id)).nextSteps[0]!.doneAt).toBeNull();
  });

  test("a step's owner must be an active caseworker or coordinator", async () => {
    const w = await world();
    const gone = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });
    const admin = await createUser({ role: "ADMIN" });
    for (const ownerId of [gone.id, admin.id, randomUUID()]) {
      await expect(addNextStep(w.actor, { code: w.kase.code, version: 1, text: "Task", ownerId })).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    }
    expect((await caseState(w.kase.id)).nextSteps).toEqual([]);
  });
});

describe("applications and the next-appointment column", () => {
  test("next_appointment_on is the day of the earliest upcoming scheduled appointment (its minute is sealed)", async () => {
    const w = await world();
    // Typed to the minute on a UTC clock (the actor has no zone: UTC).
    const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
    const soon = minute(Date.now() + 3 * DAY);
    const later = minute(Date.now() + 20 * DAY);
    await addApplication(w.actor, {
      code: w.kase.code,
      version: 1,
      type: "VISA",
      destinationCountry: "FR",
      status: "APPOINTMENT_SCHEDULED",
      submittedOn: day(-5),
      appointmentAt: later.toISOString().slice(0, 16),
    });
    expect((await caseState(w.kase.id)).row.nextAppointmentOn).toEqual(day(20));
    await addApplication(w.actor, {
      code: w.kase.code,
      version: 2,
      type: "HUMANITARIAN_VISA",
      destinationCountry: "DE",
      status: "APPOINTMENT_SCHEDULED",
      submittedOn: day(-5),
      appointmentAt: soon.toISOString().slice(0, 16),
    });
    expect((await caseState(w.kase.id)).row.nextAppointmentOn).toEqual(day(3));
    expect((await caseState(w.kase.id)).applications.map((a) => a.appointmentAt).sort()).toEqual([soon, later].sort());
    const de = (await caseState(w.kase.id)).applications.find((a) => a.destinationCountry === "DE")!;
    await updateApplication(w.actor, {
      code: w.kase.code,
      version: 3,
      applicationId: de.id,
      status: "APPROVED",
      submittedOn: day(-5),
      decisionOn: day(0),
    });
    expect((await caseState(w.kase.id)).row.nextAppointmentOn).toEqual(day(20));
  });

  test("an application moves only along its flow; a refused move changes nothing", async () => {
    const w = await world();
    await addApplication(w.actor, { code: w.kase.code, version: 1, type: "ASYLUM", destinationCountry: "DE", status: "PLANNED" });
    const app = (await caseState(w.kase.id)).applications[0]!;
    const before = await caseState(w.kase.id);
    await expect(
      updateApplication(w.actor, { code: w.kase.code, version: 2, applicationId: app.id, status: "APPEALED", submittedOn: day(-1) }),
    ).rejects.toMatchObject({
      code: "application_transition_not_allowed",
    });
    expect(await caseState(w.kase.id)).toEqual(before);
    await updateApplication(w.actor, { code: w.kase.code, version: 2, applicationId: app.id, status: "SUBMITTED", submittedOn: day(-1) });
    await updateApplication(w.actor, {
      code: w.kase.code,
      version: 3,
      applicationId: app.id,
      status: "REJECTED",
      submittedOn: day(-1),
      decisionOn: day(0),
    });
    await updateApplication(w.actor, {
      code: w.kase.code,
      version: 4,
      applicationId: app.id,
      status: "APPEALED",
      submittedOn: day(-1),
      decisionOn: day(0),
    });
    expect((await caseState(w.kase.id)).applications[0]!.status).toBe("APPEALED");
  });

  test("dates a status needs are required, and a decision cannot precede the submission", async () => {
    const w = await world();
    const ref = { code: w.kase.code, version: 1, type: "VISA" as const, destinationCountry: "FR" };
    await expect(addApplication(w.actor, { ...ref, status: "APPOINTMENT_SCHEDULED", submittedOn: day(-1) })).rejects.toMatchObject({
      fieldErrors: { appointmentAt: ["required_for_status"] },
    });
    await expect(addApplication(w.actor, { ...ref, status: "APPROVED", submittedOn: day(-1) })).rejects.toMatchObject({
      fieldErrors: { decisionOn: ["required_for_status"] },
    });
    await expect(addApplication(w.actor, { ...ref, status: "SUBMITTED" })).rejects.toMatchObject({
      fieldErrors: { submittedOn: ["required_for_status"] },
    });
    await expect(addApplication(w.actor, { ...ref, status: "REJECTED", submittedOn: day(-1), decisionOn: day(-3) })).rejects.toMatchObject({
      fieldErrors: { decisionOn: ["before_submission"] },
    });
    expect((await caseState(w.kase.id)).applications).toEqual([]);
  });

  test("an application of another case is not found", async () => {
    const w = await world();
    const other = await world();
    await addApplication(other.actor, { code: other.kase.code, version: 1, type: "VISA", destinationCountry: "FR", status: "PLANNED" });
    const theirs = (await caseState(other.kase.id)).applications[0]!;
    await expect(
      updateApplication(w.actor, { code: w.kase.code, version: 1, applicationId: theirs.id, status: "WITHDRAWN" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await caseState(other.kase.id)).applications[0]!.status).toBe("PLANNED");
  });
});

describe("movements", () => {
  test("a move ends the previous stay on the arrival day and moves the case", async () => {
    const w = await world();
    await recordMove(w.actor, { code: w.kase.code, version: 1, country: "KZ", placeCity: ALMATY, arrivedOn: day(-10) });
    await recordMove(w.actor, { code: w.kase.code, version: 2, country: "AM" });
    const { row, movements, events, place } = await caseState(w.kase.id);
    expect(row).toMatchObject({ currentCountry: "AM", placeCity: null, placeOtherEnc: null });
    expect(place).toBeNull();
    const byCountry = Object.fromEntries(movements.map((m) => [m.country, m]));
    expect(byCountry.KZ).toMatchObject({ place: "Almaty", arrivedOn: day(-10), leftOn: day(0) });
    expect(byCountry.AM).toMatchObject({ arrivedOn: day(0), leftOn: null });
    expect(movements.filter((m) => m.leftOn === null)).toHaveLength(1);
    expect(events.filter((e) => e.type === "LOCATION_CHANGED").map((e) => e.detail)).toEqual([
      { from: "RU", to: "KZ" },
      { from: "KZ", to: "AM" },
    ]);
  });
});

describe("notes", () => {
  test("a correction keeps the original; a note can be corrected once; a note of another case is not found", async () => {
    const w = await world();
    const other = await world();
    const { id: original } = await createNote({
      caseId: w.kase.id,
      dataKeyWrapped: w.kase.dataKeyWrapped,
      authorId: w.user.id,
      body: "First version",
    });
    const { id: theirs } = await createNote({
      caseId: other.kase.id,
      dataKeyWrapped: other.kase.dataKeyWrapped,
      authorId: other.user.id,
      body: "Other case",
    });
    await addNote(w.actor, { code: w.kase.code, version: 1, body: "Second version", supersedesId: original });
    await expect(addNote(w.actor, { code: w.kase.code, version: 2, body: "Third version", supersedesId: original })).rejects.toMatchObject({
      code: "note_already_corrected",
    });
    await expect(addNote(w.actor, { code: w.kase.code, version: 2, body: "Sneaky", supersedesId: theirs })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const notes = (await getCaseDetail(w.actor, w.kase.code)).notes;
    expect(notes.map((n) => [n.body, n.superseded])).toEqual([
      ["First version", true],
      ["Second version", false],
    ]);
    expect((await caseState(w.kase.id)).events.filter((e) => e.type === "NOTE_ADDED").map((e) => e.detail)).toEqual([{ correction: true }]);
  });
});

describe("a closed case", () => {
  test("takes no new parts: every part change answers case_closed and nothing changes", async () => {
    const w = await world({ status: "CLOSED" });
    const { id: noteId } = await createNote({
      caseId: w.kase.id,
      dataKeyWrapped: w.kase.dataKeyWrapped,
      authorId: w.user.id,
      body: "Before closing",
    });
    const before = await caseState(w.kase.id);
    const ref = { code: w.kase.code, version: 1 };
    const calls = [
      () => recordMove(w.actor, { ...ref, country: "KZ" }),
      () => updateDocuments(w.actor, { ...ref, documents: [] }),
      () => addApplication(w.actor, { ...ref, type: "VISA", destinationCountry: "FR", status: "PLANNED" }),
      () => addNextStep(w.actor, { ...ref, text: "Too late" }),
      () => addNote(w.actor, { ...ref, body: "After closing" }),
      () => addNote(w.actor, { ...ref, body: "Correction", supersedesId: noteId }),
    ];
    for (const call of calls) {
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: "case_closed" });
    }
    expect(await caseState(w.kase.id)).toEqual(before);
  });
});
