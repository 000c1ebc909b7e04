import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { caseFieldContext, createDataKey, decryptWithDataKey, encryptWithDataKey, unwrapDataKey, wrapDataKey } from "./envelope";
import { DecryptionError, keyIdOf, UnknownKeyError } from "./fields";
import type { Keyring } from "./keys";

function keyring(active: string, keys: Record<string, Buffer>): Keyring {
  return { active: { id: active, bytes: keys[active]! }, lookup: (id) => keys[id], ids: Object.keys(keys) };
}

describe("envelope encryption", () => {
  const m1 = randomBytes(32);
  const m2 = randomBytes(32);
  const caseId = "9a5f8e2c-1f0e-4a43-8c1e-6a2f2b7b9d10";

  test("a case field is readable through its unwrapped data key", () => {
    const ring = keyring("m1", { m1 });
    const { key, wrapped } = createDataKey(caseId, ring);
    const secret = encryptWithDataKey("@handle", key, caseFieldContext.contactChannel(caseId));
    const unwrapped = unwrapDataKey(wrapped, caseId, ring);
    expect(decryptWithDataKey(secret, unwrapped, caseFieldContext.contactChannel(caseId))).toBe("@handle");
  });

  test("a wrapped key only unwraps for its own case", () => {
    const ring = keyring("m1", { m1 });
    const { wrapped } = createDataKey(caseId, ring);
    expect(() => unwrapDataKey(wrapped, "another-case", ring)).toThrow(DecryptionError);
  });

  test("after rotation old wraps still open, new wraps use the new key", () => {
    const before = keyring("m1", { m1 });
    const { key, wrapped } = createDataKey(caseId, before);
    const during = keyring("m2", { m1, m2 });
    expect(unwrapDataKey(wrapped, caseId, during).bytes.equals(key.bytes)).toBe(true);
    const rewrapped = wrapDataKey(key, caseId, during);
    expect(keyIdOf(rewrapped)).toBe("m2");
    const after = keyring("m2", { m2 });
    expect(unwrapDataKey(rewrapped, caseId, after).bytes.equals(key.bytes)).toBe(true);
    expect(() => unwrapDataKey(wrapped, caseId, after)).toThrow(UnknownKeyError);
  });

  test("a field encrypted with one case's key cannot be read with another's", () => {
    const ring = keyring("m1", { m1 });
    const a = createDataKey(caseId, ring);
    const b = createDataKey("other-case", ring);
    const secret = encryptWithDataKey("@handle", a.key, caseFieldContext.contactChannel(caseId));
    expect(() => decryptWithDataKey(secret, b.key, caseFieldContext.contactChannel(caseId))).toThrow(UnknownKeyError);
  });
});
