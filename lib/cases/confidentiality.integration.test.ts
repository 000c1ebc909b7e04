import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser } from "@/lib/testing/factories";
import { assignCase, createCaseFromIntake, updateContactChannel } from "./mutations";
import { addNote } from "./records";
import { getCaseDetail, listCases, revealContact } from "./queries";
import { CaseListFilterSchema, IntakeSchema, UpdateContactSchema } from "./schemas";
import { AddNoteSchema } from "./record-schemas";

/** A distinctive string of letters only (digits could trip the identifier screening). */
function canary(prefix: string): string {
  return `${prefix}${Array.from({ length: 14 }, () => "abcdefghjkmnpqrstuvwxyz"[randomInt(23)]).join("")}`;
}

const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** Every row of every table, as text: a plaintext secret stored anywhere shows up here. */
async function databaseText(): Promise<string> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await db().$queryRawUnsafe<{ rows: string | null }[]>(`SELECT json_agg(t)::text AS rows FROM "${name}" t`);
    parts.push(`${name}: ${row?.rows ?? "[]"}`);
  }
  return parts.join("\n");
}

async function world() {
  const caseworker = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const contact = `@${canary("handle_")}`;
  const noteText = `Second call went fine ${canary("note")} story consistent`;
  const actor = await actorFor(caseworker);
  const { code } = await createCaseFromIntake(
    actor,
    IntakeSchema.parse({
      ageBand: "AGE_25_34",
      serviceCategory: "MOBILISED",
      peopleTravelling: "1",
      language: "ru",
      riskLevel: "HIGH",
      currentCountry: "KZ",
      placeCity: "1526384",
      contactChannel: contact,
    }),
  );
  await addNote(actor, AddNoteSchema.parse({ code, version: "1", body: noteText }));
  const kase = await db().case.findUniqueOrThrow({ where: { code } });
  return { caseworker: actor, coordinator: await actorFor(coordinator), code, caseId: kase.id, contact, noteText };
}

describe("case confidentiality: encryption at rest", () => {
  test("after intake and a note, the raw case and note rows hold neither the contact channel nor the note text", async () => {
    const w = await world();
    const cases = await db().$queryRawUnsafe<Record<string, unknown>[]>("SELECT * FROM cases WHERE code = $1", w.code);
    const notes = await db().$queryRawUnsafe<Record<string, unknown>[]>("SELECT * FROM notes WHERE case_id = $1::uuid", w.caseId);
    expect(cases).toHaveLength(1);
    expect(notes).toHaveLength(1);
    for (const text of [json(cases), json(notes)]) {
      expect(text).not.toContain(w.contact);
      expect(text).not.toContain(w.contact.slice(1));
      expect(text).not.toContain(w.noteText);
    }
    expect(String(cases[0]!.contact_channel_enc).length).toBeGreaterThan(w.contact.length);
    expect(String(notes[0]!.body_enc).length).toBeGreaterThan(w.noteText.length);
    // Nor anywhere else: events, movements, audit log, sessions...
    const everything = await databaseText();
    expect(everything).toContain(w.code);
    expect(everything).not.toContain(w.contact.slice(1));
    expect(everything).not.toContain(w.noteText.split(" ")[4]!);
  });

  test("the assigned caseworker gets both back: the note on the case page, the contact only by revealing it", async () => {
    const w = await world();
    const detail = await getCaseDetail(w.caseworker, w.code);
    expect(detail.notes.map((n) => n.body)).toEqual([w.noteText]);
    expect(detail.can).toMatchObject({ revealContact: true, readNotes: true, addNote: true });
    expect(json(detail)).not.toContain(w.contact.slice(1));
    expect(await revealContact(w.caseworker, w.code)).toBe(w.contact);
  });

  test("a coordinator's case page has note bodies null and no contact channel anywhere", async () => {
    const w = await world();
    const detail = await getCaseDetail(w.coordinator, w.code);
    expect(detail.notes).toHaveLength(1);
    expect(detail.notes[0]!.body).toBeNull();
    expect(detail.can).toMatchObject({ revealContact: false, readNotes: false, addNote: false });
    const text = json(detail);
    expect(text).not.toContain(w.contact.slice(1));
    expect(text).not.toContain(w.noteText.split(" ")[4]!);
  });

  test("case lists never carry the contact channel or note text, for the caseworker or the coordinator", async () => {
    const w = await world();
    for (const actor of [w.caseworker, w.coordinator]) {
      const page = await listCases(actor, CaseListFilterSchema.parse({ status: "all" }));
      expect(page.items.map((i) => i.code)).toContain(w.code);
      const text = json(page);
      expect(text).not.toContain(w.contact.slice(1));
      expect(text).not.toContain(w.noteText.split(" ")[4]!);
    }
  });

  test("a replaced contact channel and a note correction are stored encrypted too, and read back", async () => {
    const w = await world();
    const contact2 = `signal:${canary("newhandle")}`;
    const correction = `Corrected: ${canary("fix")} all well`;
    await updateContactChannel(w.caseworker, UpdateContactSchema.parse({ code: w.code, version: "2", contactChannel: contact2 }));
    const first = (await getCaseDetail(w.caseworker, w.code)).notes[0]!;
    await addNote(w.caseworker, AddNoteSchema.parse({ code: w.code, version: "3", body: correction, supersedesId: first.id }));

    const everything = await databaseText();
    expect(everything).not.toContain(contact2.slice(7));
    expect(everything).not.toContain(correction.split(" ")[1]!);
    expect(await revealContact(w.caseworker, w.code)).toBe(contact2);
    const notes = (await getCaseDetail(w.caseworker, w.code)).notes;
    expect(notes.map((n) => [n.body, n.supersedesId, n.superseded])).toEqual([
      [w.noteText, null, true],
      [correction, first.id, false],
    ]);
  });

  test("after reassignment the new caseworker reads notes and contact; the previous one gets not found", async () => {
    const w = await world();
    const next = await actorFor(await createUser({ role: "CASEWORKER" }));
    await assignCase(w.coordinator, { code: w.code, version: 2, assigneeId: next.userId });
    expect((await getCaseDetail(next, w.code)).notes[0]!.body).toBe(w.noteText);
    expect(await revealContact(next, w.code)).toBe(w.contact);
    await expect(revealContact(w.caseworker, w.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDetail(w.caseworker, w.code)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a contact ciphertext copied onto another case does not decrypt there", async () => {
    const w = await world();
    const other = await createCase({ createdById: w.caseworker.userId, assignedToId: w.caseworker.userId });
    await db().$executeRawUnsafe(
      "UPDATE cases SET contact_channel_enc = (SELECT contact_channel_enc FROM cases WHERE code = $1) WHERE id = $2::uuid",
      w.code,
      other.id,
    );
    await expect(revealContact(w.caseworker, other.code)).rejects.toThrow();
    expect(await revealContact(w.caseworker, w.code)).toBe(w.contact);
  });
});
