import { describe, expect, test } from "vitest";
import { screenText } from "./screening";
import { MUST_PASS, MUST_REFUSE } from "./screening.corpus";

describe("identifier screening", () => {
  test.each(MUST_REFUSE)("refuses %j", ({ text, kind }) => {
    expect(screenText(text).map((f) => f.kind)).toContain(kind);
  });

  test.each(MUST_PASS)("lets through %j", (text) => {
    expect(screenText(text)).toEqual([]);
  });

  test("names every kind found in one text", () => {
    const kinds = screenText("mail a@b.org, phone +7 912 345 67 89, ул. Ленина, д. 5").map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(["email", "phone", "address"]));
  });

  test("full-width and other look-alike digits are caught after normalisation", () => {
    expect(screenText("+７ ９１２ ３４５ ６７ ８９").map((f) => f.kind)).toContain("phone");
  });
});
