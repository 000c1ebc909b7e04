import { describe, expect, test } from "vitest";
import { CASE_CODE_ALPHABET } from "@/lib/validation/atoms";
import { OpenOutreachSchema, OUTREACH_MAX_CASES } from "./schemas";

const base = { hours: "12", reason: "RAID", code: "123456" };
const fieldErrors = (input: Record<string, string>) => {
  const result = OpenOutreachSchema.safeParse({ ...base, ...input });
  return result.success ? null : result.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("OpenOutreachSchema", () => {
  test("a country window: the country is checked and upper-cased; case codes sent beside it are ignored", () => {
    expect(OpenOutreachSchema.parse({ ...base, scope: "country", country: " kz ", cases: "nonsense" })).toEqual({
      target: { kind: "country", country: "KZ" },
      hours: 12,
      reason: "RAID",
      code: "123456",
    });
    expect(fieldErrors({ scope: "country", country: "XX" })).toEqual([["country", "invalid_country"]]);
  });

  test("named cases: codes pasted with any separators, each checked, duplicates once, at most the limit", () => {
    const parsed = OpenOutreachSchema.parse({ ...base, scope: "named", cases: "wp-2345-6789,  WP-2345-6789;\nWP-ABCD-EFGH" });
    expect(parsed.target).toEqual({ kind: "named", codes: ["WP-2345-6789", "WP-ABCD-EFGH"] });
    expect(fieldErrors({ scope: "named", cases: "WP-2345-6789 +7 701 555 12 34" })?.[0]).toEqual(["cases", "invalid_case_code"]);
    expect(fieldErrors({ scope: "named", cases: " " })).toEqual([["cases", "required"]]);
    const many = Array.from(
      { length: OUTREACH_MAX_CASES + 1 },
      (_, i) => `WP-2345-22${CASE_CODE_ALPHABET[Math.floor(i / 31)]}${CASE_CODE_ALPHABET[i % 31]}`,
    );
    expect(fieldErrors({ scope: "named", cases: many.join(" ") })).toEqual([["cases", "too_many"]]);
  });

  test("durations and reasons come from closed lists; the code has the step-up shape", () => {
    expect(fieldErrors({ scope: "country", country: "KZ", hours: "7" })?.map(([path]) => path)).toEqual(["hours"]);
    expect(fieldErrors({ scope: "country", country: "KZ", reason: "because" })?.map(([path]) => path)).toEqual(["reason"]);
    expect(fieldErrors({ scope: "country", country: "KZ", code: "12" })?.map(([path]) => path)).toEqual(["code"]);
    expect(fieldErrors({ scope: "both", country: "KZ" })?.map(([path]) => path)).toEqual(["scope"]);
  });
});
