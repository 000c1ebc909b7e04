import { describe, expect, test } from "vitest";
import { CaseCodeSchema } from "@/lib/validation/atoms";
import { generateCaseCode } from "./codes";

describe("case code generator", () => {
  test("draws WP-XXXX-XXXX from the alphabet without look-alikes (no 0/O, 1/I/L)", () => {
    for (let i = 0; i < 1000; i += 1) {
      const code = generateCaseCode();
      expect(code).toMatch(/^WP-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
      expect(code.slice(3)).not.toMatch(/[01OIL]/);
      expect(CaseCodeSchema.parse(code)).toBe(code);
    }
  });

  test("1000 draws are all distinct and use every symbol of the alphabet", () => {
    const codes = Array.from({ length: 1000 }, generateCaseCode);
    expect(new Set(codes).size).toBe(1000);
    const symbols = new Set(codes.flatMap((c) => c.slice(3).replace("-", "").split("")));
    expect([...symbols].sort().join("")).toBe("23456789ABCDEFGHJKMNPQRSTUVWXYZ");
  });
});
