import { describe, expect, test } from "vitest";
import { StepUpCodeSchema } from "./step-up-code";

describe("step-up code field", () => {
  test("takes 6 digits or a recovery code, as people type them", () => {
    expect(StepUpCodeSchema.parse("123456")).toBe("123456");
    expect(StepUpCodeSchema.parse(" 123 456 ")).toBe("123456");
    expect(StepUpCodeSchema.parse("ABCD-EFGH-JKLM-NPQR")).toBe("ABCD-EFGH-JKLM-NPQR");
    expect(StepUpCodeSchema.parse("abcd efgh jklm npqr")).toBe("abcdefghjklmnpqr");
  });

  test("refuses anything else before it is checked or counted", () => {
    const problem = (value: unknown) => StepUpCodeSchema.safeParse(value).error?.issues[0]?.message;
    expect(problem("")).toBe("required");
    expect(problem("   ")).toBe("required");
    expect(problem("12345")).toBe("step_up_code_format");
    expect(problem("1234567")).toBe("step_up_code_format");
    expect(problem("ABCD-EFGH-JKLM-NPQ0")).toBe("step_up_code_format");
    expect(problem("x".repeat(65))).toBe("step_up_code_format");
    expect(problem(123456)).toBeDefined();
  });
});
