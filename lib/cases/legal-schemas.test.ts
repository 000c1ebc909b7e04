import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { AddExtraditionSchema, AddWantedEntrySchema, LegalSchema, RemoveWantedEntrySchema, UpdateExtraditionSchema } from "./legal-schemas";

const ref = { code: "WP-7KQ2-X9F3", version: "3" };
const errors = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
const nextMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 1)).toISOString().slice(0, 7);
};

describe("LegalSchema (the criminal case and detention)", () => {
  test("reads a stage, an article, two months and the detention checkbox", () => {
    expect(
      LegalSchema.parse({
        ...ref,
        criminalCase: "SENTENCED",
        criminalArticle: "DESERTION",
        criminalOpened: "2024-11",
        criminalStageSince: "2025-04",
        detained: "on",
      }),
    ).toEqual({
      code: ref.code,
      version: 3,
      criminalCase: "SENTENCED",
      criminalArticle: "DESERTION",
      criminalOpened: "2024-11",
      criminalStageSince: "2025-04",
      detained: true,
    });
  });

  test("with no criminal case known, the article and months are dropped", () => {
    const parsed = LegalSchema.parse({ ...ref, criminalCase: "NONE_KNOWN", criminalArticle: "DESERTION", criminalOpened: "2024-11" });
    expect(parsed).toMatchObject({ criminalCase: "NONE_KNOWN", detained: false });
    expect(parsed.criminalArticle).toBeUndefined();
    expect(parsed.criminalOpened).toBeUndefined();
  });

  test.each([
    [{ criminalOpened: "2024-13" }, { criminalOpened: "invalid_month" }],
    [{ criminalOpened: "2024-11-05" }, { criminalOpened: "invalid_month" }],
    [{ criminalStageSince: nextMonth() }, { criminalStageSince: "month_in_future" }],
    [{ criminalOpened: "2025-04", criminalStageSince: "2024-11" }, { criminalStageSince: "before_opened" }],
    [{ criminalArticle: "ARTICLE_338" }, { criminalArticle: expect.any(String) }],
  ])("refuses %o", (fields, expected) => {
    expect(errors(LegalSchema.safeParse({ ...ref, criminalCase: "OPENED", ...fields }))).toEqual(expected);
  });
});

describe("wanted-list entries", () => {
  test("a scope is required; the requesting state and the month may be unknown", () => {
    expect(AddWantedEntrySchema.parse({ ...ref, scope: "INTERSTATE", requestingState: "", knownMonth: "" })).toEqual({
      code: ref.code,
      version: 3,
      scope: "INTERSTATE",
    });
    expect(AddWantedEntrySchema.parse({ ...ref, scope: "NATIONAL", requestingState: "by", knownMonth: "2025-02" })).toMatchObject({
      requestingState: "BY",
      knownMonth: "2025-02",
    });
    expect(errors(AddWantedEntrySchema.safeParse({ ...ref, scope: "" }))).toEqual({ scope: "required" });
    expect(errors(AddWantedEntrySchema.safeParse({ ...ref, scope: "NATIONAL", requestingState: "XX" }))).toEqual({
      requestingState: "invalid_country",
    });
  });

  test("removing names an entry by id", () => {
    expect(errors(RemoveWantedEntrySchema.safeParse({ ...ref, entryId: "1; DROP TABLE" }))).toEqual({ entryId: "invalid_id" });
  });
});

describe("extradition proceedings", () => {
  const base = { ...ref, country: "AM", stage: "COURT_DECISION" };

  test("measures and the lawyer default to none; the appeal's day is a date", () => {
    expect(AddExtraditionSchema.parse({ ...base, appealDue: "2031-02-26" })).toEqual({
      code: ref.code,
      version: 3,
      country: "AM",
      stage: "COURT_DECISION",
      appealDue: new Date("2031-02-26T00:00:00.000Z"),
      catMeasure: "NOT_REQUESTED",
      echrMeasure: "NOT_REQUESTED",
      lawyer: "NONE",
    });
  });

  test("Rule 39 only where the host country is bound by the ECHR (Armenia is, Kazakhstan is not)", () => {
    expect(AddExtraditionSchema.safeParse({ ...base, echrMeasure: "REQUESTED" }).success).toBe(true);
    expect(errors(AddExtraditionSchema.safeParse({ ...base, country: "KZ", echrMeasure: "REQUESTED" }))).toEqual({
      echrMeasure: "not_bound_by_echr",
    });
    expect(AddExtraditionSchema.safeParse({ ...base, country: "KZ", catMeasure: "GRANTED" }).success).toBe(true);
  });

  test("an update names the proceedings and cannot move them to another country", () => {
    const parsed = UpdateExtraditionSchema.parse({ ...ref, proceedingId: randomUUID(), stage: "RELEASED", country: "FR" });
    expect(parsed).not.toHaveProperty("country");
    expect(errors(UpdateExtraditionSchema.safeParse({ ...ref, proceedingId: randomUUID(), stage: "ESCAPED" }))).toEqual({
      stage: expect.any(String),
    });
  });
});
