import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

// Data minimisation as a test: no column may be named for identifying data about a person.
const schema = readFileSync("prisma/schema.prisma", "utf8");
const fields = [...schema.matchAll(/^\s+([a-zA-Z]+)\s+[A-Z][A-Za-z]*[?[\]]*(\s|$)/gm)].map((m) => m[1]!.toLowerCase());

const FORBIDDEN = [
  "name",
  "firstname",
  "lastname",
  "fullname",
  "surname",
  "patronymic",
  "birth",
  "dob",
  "passportnumber",
  "documentnumber",
  "idnumber",
  "phone",
  "mobile",
  "address",
  "street",
  "photo",
  "image",
  "scan",
  "unit",
  "latitude",
  "longitude",
  "gps",
];

describe("schema.prisma", () => {
  test("declares fields (sanity check of the parser)", () => {
    expect(fields).toEqual(expect.arrayContaining(["code", "status", "currentcountry", "contactchannelenc"]));
  });

  test.each(FORBIDDEN)("has no field that could hold identifying data: %s", (word) => {
    const offending = fields.filter((field) => field.includes(word) && !(word === "unit" && field === "unitless"));
    expect(offending).toEqual([]);
  });

  test("sensitive free text is stored only in encrypted columns", () => {
    expect(schema).toMatch(/contactChannelEnc\s+String/);
    expect(schema).toMatch(/bodyEnc\s+String/);
    expect(schema).toMatch(/totpSecretEnc\s+String\?/);
    expect(schema).not.toMatch(/^\s+(contactChannel|body|totpSecret|note)\s+String/m);
  });
});
