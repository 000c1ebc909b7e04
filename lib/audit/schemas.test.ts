import { describe, expect, test } from "vitest";
import { AuditFilterSchema } from "./schemas";

describe("audit log filters from the URL", () => {
  test("well-formed filters are kept", () => {
    expect(
      AuditFilterSchema.parse({
        actor: " Admin@Example.org ",
        action: "case.read",
        target: "WP-2222-2222",
        from: "2025-01-31",
        to: "2024-02-29",
        before: "9223372036854775807",
      }),
    ).toEqual({
      actor: "admin@example.org",
      action: "case.read",
      target: "WP-2222-2222",
      from: "2025-01-31",
      to: "2024-02-29",
      before: "9223372036854775807",
    });
  });

  test("values the database cannot take are dropped, not passed on: NUL and control characters, days that do not exist, ids past 64 bits", () => {
    expect(
      AuditFilterSchema.parse({
        actor: "a\u0000@b.c",
        target: "x\u0000",
        from: "2025-13-45",
        to: "0000-00-00",
        before: "9999999999999999999",
      }),
    ).toEqual({
      actor: undefined,
      target: undefined,
      from: undefined,
      to: undefined,
      before: undefined,
      action: undefined,
    });
    expect(AuditFilterSchema.parse({ from: "2025-02-30", target: "line\nbreak" })).toMatchObject({ from: undefined, target: undefined });
    for (const before of ["abc", "1e3", "-1", "2025-01-01", "\u0000", ""])
      expect(AuditFilterSchema.parse({ before }).before, before).toBeUndefined();
  });
});
