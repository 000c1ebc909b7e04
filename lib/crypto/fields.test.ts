import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { decryptField, DecryptionError, encryptField, keyIdOf, UnknownKeyError, type FieldContext } from "./fields";

const key = { id: "k1", bytes: randomBytes(32) };
const lookup = (id: string) => (id === key.id ? key.bytes : undefined);
const where: FieldContext = { table: "cases", column: "contact_channel_enc", rowId: "0b8f6a56-5a39-4d4f-9d0f-2f7d1a9b3c11" };

function tamper(ciphertext: string, part: 2 | 3 | 4): string {
  const parts = ciphertext.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("field encryption", () => {
  test("a value decrypts to itself in the same table, column and row", () => {
    const plaintext = "Signal @безопасный_канал 🙂";
    const ciphertext = encryptField(plaintext, key, where);
    expect(decryptField(ciphertext, lookup, where)).toBe(plaintext);
  });

  test("the ciphertext names its key and holds no plaintext", () => {
    const ciphertext = encryptField("@secret_handle", key, where);
    expect(keyIdOf(ciphertext)).toBe("k1");
    expect(ciphertext.startsWith("wp1.k1.")).toBe(true);
    expect(ciphertext).not.toContain("secret_handle");
  });

  test("the same value encrypts differently every time (random IV)", () => {
    expect(encryptField("same", key, where)).not.toBe(encryptField("same", key, where));
  });

  test.each([2, 3, 4] as const)("a flipped bit in part %i is detected", (part) => {
    const ciphertext = encryptField("@handle", key, where);
    expect(() => decryptField(tamper(ciphertext, part), lookup, where)).toThrow(DecryptionError);
  });

  test("a ciphertext moved to another row is refused", () => {
    const ciphertext = encryptField("@handle", key, where);
    expect(() => decryptField(ciphertext, lookup, { ...where, rowId: "another-row" })).toThrow(DecryptionError);
  });

  test("a ciphertext moved to another column or table is refused", () => {
    const ciphertext = encryptField("@handle", key, where);
    expect(() => decryptField(ciphertext, lookup, { ...where, column: "body_enc" })).toThrow(DecryptionError);
    expect(() => decryptField(ciphertext, lookup, { ...where, table: "notes" })).toThrow(DecryptionError);
  });

  test("a ciphertext relabelled with another key id is refused", () => {
    const other = { id: "k2", bytes: key.bytes };
    const ciphertext = encryptField("@handle", key, where).replace("wp1.k1.", "wp1.k2.");
    expect(() => decryptField(ciphertext, (id) => (id === other.id ? other.bytes : undefined), where)).toThrow(DecryptionError);
  });

  test("an unknown key id is refused", () => {
    const ciphertext = encryptField("@handle", { id: "retired", bytes: randomBytes(32) }, where);
    expect(() => decryptField(ciphertext, lookup, where)).toThrow(UnknownKeyError);
  });

  test("the wrong key cannot decrypt", () => {
    const ciphertext = encryptField("@handle", key, where);
    expect(() => decryptField(ciphertext, () => randomBytes(32), where)).toThrow(DecryptionError);
  });

  test("garbage is refused, not crashed on", () => {
    for (const junk of ["", "wp1", "wp1.k1.a.b", "wp2.k1.aaaa.bbbb.cccc", "plaintext"]) {
      expect(() => decryptField(junk, lookup, where)).toThrow(DecryptionError);
    }
  });

  test("only 32-byte keys are accepted", () => {
    expect(() => encryptField("x", { id: "short", bytes: randomBytes(16) }, where)).toThrow();
  });
});
