import { describe, expect, test } from "vitest";
import {
  activationCodeMatches,
  ACTIVATION_CODE_LENGTH,
  generateActivationCode,
  hashActivationCode,
  normaliseActivationCode,
} from "./activation-code";

describe("activation codes", () => {
  test("are 12 characters of Crockford's base32 in three groups, drawn at random", () => {
    const codes = Array.from({ length: 200 }, generateActivationCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(ACTIVATION_CODE_LENGTH * 5).toBe(60);
  });

  test("typed codes are forgiving: case, spaces, dashes, and O/I/L read as 0/1/1", () => {
    expect(normaliseActivationCode(" abcd efgh 0123 ")).toBe("ABCDEFGH0123");
    expect(normaliseActivationCode("ABCD-EFGH-O1IL")).toBe("ABCDEFGH0111");
    for (const bad of ["", "ABCD-EFGH-012", "ABCD-EFGH-01234", "ABCD-EFGH-012U", "ABCD-EFGH-012!", "x".repeat(100)])
      expect(normaliseActivationCode(bad), bad).toBeNull();
  });

  test("are stored as an HMAC bound to their link: the right code matches, another code or another link does not", () => {
    const code = generateActivationCode();
    const stored = hashActivationCode("invite:1", code);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(code.replace(/-/g, ""));
    expect(activationCodeMatches("invite:1", stored, code)).toBe(true);
    expect(activationCodeMatches("invite:1", stored, code.toLowerCase().replace(/-/g, " "))).toBe(true);
    expect(activationCodeMatches("invite:2", stored, code)).toBe(false);
    expect(activationCodeMatches("recovery:1", stored, code)).toBe(false);
    expect(activationCodeMatches("invite:1", stored, generateActivationCode())).toBe(false);
    expect(activationCodeMatches("invite:1", stored, "not a code")).toBe(false);
    expect(activationCodeMatches("invite:1", null, code)).toBe(false);
  });
});
