import { describe, expect, test } from "vitest";
import { formObject, requireForm, runFormAction } from "./action";
import { InvalidInputError } from "./index";

// Anyone can call a server action over HTTP with any arguments React's reply encoding carries.
const NOT_FORMS: unknown[] = [
  undefined,
  null,
  "locale=en",
  42,
  true,
  10n,
  new Date(0),
  ["locale", "en"],
  { locale: "en" },
  new Map([["locale", "en"]]),
  new Set(["en"]),
];

describe("action arguments", () => {
  test("a FormData is read into a plain object, repeated keys as arrays", () => {
    const form = new FormData();
    form.append("locale", "en");
    form.append("cases", "a");
    form.append("cases", "b");
    form.append("$ACTION_ID_x", "");
    expect(requireForm(form)).toBe(form);
    expect(formObject(form)).toEqual({ locale: "en", cases: ["a", "b"] });
  });

  test("anything but a FormData is invalid input, not an internal error", async () => {
    for (const value of NOT_FORMS) {
      expect(() => requireForm(value), String(value)).toThrow(InvalidInputError);
      expect(() => formObject(value as FormData), String(value)).toThrow(InvalidInputError);
      const result = await runFormAction(value as FormData, async () => ({ ok: true, data: formObject(value as FormData) }));
      expect(result, String(value)).toEqual({ ok: false, status: 422, error: "invalid_input", fieldErrors: {} });
    }
  });
});
