import { describe, expect, test } from "vitest";
import { IMPORT_COLUMNS, importTemplateCsv, MAX_IMPORT_ROWS } from "./columns";
import { readImportFile, type ImportContext } from "./rows";

const ANNA = "5f0c7a4e-0000-4000-8000-000000000001";
const context: ImportContext = { caseworkers: new Map([["anna@example.org", ANNA]]), defaultAssigneeId: null };
const HEADER = IMPORT_COLUMNS.join(",");
const GOOD = "AGE_25_34,MOBILISED,1,ru,HIGH,GE,Tbilisi,,signal: @first.person,anna@example.org,VERIFYING,2026-01-15";

function read(...rows: string[]) {
  const result = readImportFile([HEADER, ...rows].join("\r\n"), context);
  if (!result.ok) throw new Error(`file refused: ${result.problem}`);
  return result;
}

describe("reading a spreadsheet of cases", () => {
  test("a good row becomes the intake the form would make, with its stage, caseworker and arrival", () => {
    const { drafts, refusals } = read(GOOD);
    expect(refusals).toEqual([]);
    expect(drafts).toEqual([
      {
        row: 2,
        intake: expect.objectContaining({
          ageBand: "AGE_25_34",
          currentCountry: "GE",
          placeCity: "611717",
          contactChannel: "signal: @first.person",
        }),
        assigneeId: ANNA,
        status: "VERIFYING",
        arrivedOn: new Date("2026-01-15T00:00:00Z"),
      },
    ]);
  });

  test("each refused row names its spreadsheet row, the column and why, never the value", () => {
    const { drafts, refusals } = read(
      GOOD,
      "AGE_99,MOBILISED,1,ru,HIGH,GE,,,telegram: @second,anna@example.org,,",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,ZZ,Almaty,,telegram: @third,anna@example.org,,",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,KZ,Springfield,,telegram: @fourth,anna@example.org,,",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,KZ,,Lenina street 5 apt 12,telegram: @fifth,anna@example.org,,",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,KZ,,,telegram: @sixth,bob@example.org,,",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,KZ,,,telegram: @seventh,anna@example.org,CLOSED,2099-01-01",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,KZ,,,Signal: @First.Person,anna@example.org,,",
      "AGE_18_24,CONSCRIPT,1,ru,LOW,KZ,Almaty,,telegram: @ninth,,,2026-02-30",
    );
    expect(drafts.map((d) => d.row)).toEqual([2]);
    expect(refusals).toEqual([
      { row: 3, column: "age_band", reason: "invalid_value" },
      { row: 4, column: "country", reason: "invalid_country" },
      { row: 5, column: "city", reason: "unknown_city" },
      { row: 6, column: "place_other", reason: "identifier:address" },
      { row: 7, column: "caseworker", reason: "unknown_caseworker" },
      { row: 8, column: "status", reason: "invalid_value" },
      { row: 8, column: "arrived_on", reason: "date_in_future" },
      { row: 9, column: "contact_channel", reason: "duplicate_in_file", sameAs: 2 },
      { row: 10, column: "caseworker", reason: "required" },
      { row: 10, column: "arrived_on", reason: "invalid_date" },
    ]);
    expect(JSON.stringify(refusals)).not.toMatch(/Lenina|bob@|Springfield|sixth/);
  });

  test("a caseworker's own import gives rows without a caseworker to them", () => {
    const result = readImportFile(`${HEADER}\nAGE_18_24,CONSCRIPT,,ru,LOW,KZ,,,telegram: @x,,,`, { ...context, defaultAssigneeId: ANNA });
    expect(result.ok && result.drafts[0]).toMatchObject({
      assigneeId: ANNA,
      status: "NEW",
      arrivedOn: null,
      intake: { peopleTravelling: 1 },
    });
  });

  test("a column Waypoint does not keep, a missing one, an empty or oversized file refuses the whole file", () => {
    expect(readImportFile(`${HEADER},full_name,Phone\n${GOOD},A B,123`, context)).toEqual({
      ok: false,
      problem: "unknown_columns",
      columns: ["full_name", "phone"],
    });
    expect(readImportFile("age_band,country\nAGE_18_24,KZ", context)).toMatchObject({ ok: false, problem: "missing_columns" });
    expect(readImportFile(`${HEADER}\n`, context)).toEqual({ ok: false, problem: "empty" });
    expect(readImportFile(`${HEADER}\n"unclosed,quote`, context)).toEqual({ ok: false, problem: "unreadable" });
    expect(readImportFile([HEADER, ...Array(MAX_IMPORT_ROWS + 1).fill(GOOD)].join("\n"), context)).toEqual({
      ok: false,
      problem: "too_many_rows",
    });
  });

  test("the template's made-up rows pass once a caseworker is named", () => {
    const template = importTemplateCsv().replace(/,,(NEW|VERIFYING),/g, ",anna@example.org,$1,");
    const result = readImportFile(template, context);
    expect(result).toMatchObject({ ok: true, rows: 2, refusals: [] });
  });
});
