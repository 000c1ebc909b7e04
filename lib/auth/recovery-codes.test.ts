import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";

describe("recovery codes", () => {
  test("ten distinct codes of four groups of four unambiguous symbols", () => {
    const codes = generateRecoveryCodes();
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
  });

  test("typed codes are forgiven case, spaces and dashes; anything else is not a code", () => {
    expect(normaliseRecoveryCode("abcd efgh-jkmn pqrs")).toBe("ABCD-EFGH-JKMN-PQRS");
    expect(normaliseRecoveryCode("ABCDEFGHJKMNPQRS")).toBe("ABCD-EFGH-JKMN-PQRS");
    expect(normaliseRecoveryCode("ABCD-EFGH-JKMN-PQR")).toBeNull();
    expect(normaliseRecoveryCode("123456")).toBeNull();
  });

  test("the stored form is a keyed hash, not the code nor its plain SHA-256", () => {
    const [code] = generateRecoveryCodes(1);
    const stored = hashRecoveryCode(code!);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(code!);
    expect(stored).not.toBe(createHash("sha256").update(code!).digest("hex"));
    expect(hashRecoveryCode(code!)).toBe(stored);
  });
});
