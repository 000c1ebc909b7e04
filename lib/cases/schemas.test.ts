import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { CloseCaseSchema, IntakeSchema } from "./schemas";
import { AddApplicationSchema, AddNoteSchema, RecordMoveSchema } from "./record-schemas";
import { AddNextStepSchema } from "./task-schemas";
import { SignOffSchema } from "./record-schemas";
import { MUST_PASS, MUST_REFUSE } from "./screening.corpus";

const ref = { code: "WP-7KQ2-X9F3", version: "3" };

/** Every free-text field a person can type into about a case, with a valid form around it. */
const SCREENED_FIELDS: Array<{ name: string; schema: z.ZodType; field: string; base: Record<string, unknown> }> = [
  { name: "AddNoteSchema.body", schema: AddNoteSchema, field: "body", base: { ...ref } },
  { name: "AddNextStepSchema.text", schema: AddNextStepSchema, field: "text", base: { ...ref, dueOn: "2030-01-02" } },
  {
    name: "RecordMoveSchema.placeOther",
    schema: RecordMoveSchema,
    field: "placeOther",
    base: { ...ref, country: "ge", placeCity: "other" },
  },
  {
    name: "AddApplicationSchema.officeOther",
    schema: AddApplicationSchema,
    field: "officeOther",
    base: { ...ref, type: "VISA", destinationCountry: "FR", status: "PLANNED", officeCity: "other" },
  },
  {
    name: "SignOffSchema.remark",
    schema: SignOffSchema,
    field: "remark",
    base: {
      ...ref,
      storyConsistent: "YES",
      serviceStatusPlausible: "YES",
      noCrimesIndication: "YES",
      noProvocationSign: "YES",
      outcome: "VERIFIED",
    },
  },
  { name: "CloseCaseSchema.reasonText", schema: CloseCaseSchema, field: "reasonText", base: { ...ref, reason: "OTHER" } },
  {
    name: "IntakeSchema.placeOther",
    schema: IntakeSchema,
    field: "placeOther",
    base: {
      ageBand: "AGE_25_34",
      serviceCategory: "MOBILISED",
      peopleTravelling: "1",
      language: "ru",
      riskLevel: "HIGH",
      currentCountry: "KZ",
      placeCity: "other",
      contactChannel: "@someone",
      assigneeId: randomUUID(),
    },
  },
];

const refusals = SCREENED_FIELDS.flatMap((f) => MUST_REFUSE.map((entry) => ({ ...f, ...entry })));
const passes = SCREENED_FIELDS.flatMap((f) => MUST_PASS.map((text) => ({ ...f, text })));

describe("identifier screening in the case schemas", () => {
  test.each(refusals)("$name refuses $text, naming $kind", ({ schema, field, base, text, kind }) => {
    const result = schema.safeParse({ ...base, [field]: text });
    expect(result.success).toBe(false);
    if (result.success) return;
    const issue = result.error.issues.find((i) => i.path.length === 1 && i.path[0] === field && i.message.startsWith("identifier:"));
    expect(issue, JSON.stringify(result.error.issues)).toBeDefined();
    expect(issue!.message.slice("identifier:".length).split(",")).toContain(kind);
    // The refusal never echoes the text back.
    expect(JSON.stringify(result.error.issues)).not.toContain(text);
  });

  test.each(passes)("$name accepts $text", ({ schema, field, base, text }) => {
    const result = schema.safeParse({ ...base, [field]: text });
    expect(result.error?.issues ?? []).toEqual([]);
    expect((result.data as Record<string, unknown>)[field]).toBe(text.trim());
  });

  test("closing with reason OTHER needs a reason text; other reasons do not", () => {
    const missing = CloseCaseSchema.safeParse({ ...ref, reason: "OTHER", reasonText: "" });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues).toEqual([expect.objectContaining({ path: ["reasonText"], message: "reason_text_required" })]);
    expect(CloseCaseSchema.safeParse({ ...ref, reason: "SETTLED" }).success).toBe(true);
    expect(CloseCaseSchema.safeParse({ ...ref }).success).toBe(false);
  });

  test("a note or next step of only spaces is refused as required", () => {
    expect(AddNoteSchema.safeParse({ ...ref, body: "   " }).success).toBe(false);
    expect(AddNextStepSchema.safeParse({ ...ref, text: "  " }).success).toBe(false);
  });

  test("unknown keys are dropped, so a form cannot set fields it may not", () => {
    const parsed = AddNoteSchema.parse({ ...ref, body: "Called back", authorId: randomUUID(), caseId: randomUUID() });
    expect(Object.keys(parsed).sort()).toEqual(["body", "code", "version"]);
  });

  test("a place is a city of the chosen country's list, or 'other' with a typed place; the typed text is kept only for 'other'", () => {
    const move = (fields: Record<string, string>) => RecordMoveSchema.safeParse({ ...ref, country: "KZ", ...fields });
    expect(move({ placeCity: "1526384" }).data).toMatchObject({ placeCity: "1526384" }); // Almaty, KZ
    expect(move({ placeCity: "1526384", placeOther: "ignored" }).data).not.toHaveProperty("placeOther");
    // Yerevan is a city, but of Armenia; a made-up key is no city at all.
    expect(move({ placeCity: "616052" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["placeCity"], message: "invalid_city" }),
    ]);
    expect(move({ placeCity: "999999999" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["placeCity"], message: "invalid_city" }),
    ]);
    expect(move({ placeCity: "Almaty, ul. Abaya 15" }).success).toBe(false);
    expect(move({ placeCity: "other" }).error?.issues).toEqual([expect.objectContaining({ path: ["placeOther"], message: "required" })]);
    expect(move({ placeCity: "other", placeOther: "a village near the border" }).data).toMatchObject({
      placeOther: "a village near the border",
    });
    expect(move({ placeCity: "other", placeOther: "a village near the border" }).data).not.toHaveProperty("placeCity");
    expect(move({}).data).not.toHaveProperty("placeCity");
  });

  test("an office city may be a listed city of any country (the consulate may be where the person waits)", () => {
    const app = (officeCity: string) =>
      AddApplicationSchema.safeParse({ ...ref, type: "VISA", destinationCountry: "FR", status: "PLANNED", officeCity });
    expect(app("616052").data).toMatchObject({ officeCity: "616052" }); // Yerevan, for France
    expect(app("999999999").success).toBe(false);
  });
});
