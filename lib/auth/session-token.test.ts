import { decode, encode } from "next-auth/jwt";
import { describe, expect, test } from "vitest";
import { decryptSessionToken } from "./session-token";

// Tokens made by Auth.js itself (what sign-in puts in the cookie) must read exactly as Auth.js reads them.
const secret = "a-test-secret-of-enough-length-0123456789";
const salt = "waypoint.session";
const sid = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

describe("the session token", () => {
  test("reads what Auth.js wrote, as Auth.js reads it, and again from the kept key", async () => {
    const token = await encode({ token: { sid }, secret, salt, maxAge: 3600 });
    const ours = await decryptSessionToken(token, secret, salt);
    expect(ours?.sid).toBe(sid);
    expect(ours).toEqual(await decode({ token, secret, salt }));
    // The second read uses the derived key kept from the first.
    expect((await decryptSessionToken(token, secret, salt))?.sid).toBe(sid);
  });

  test("refuses a token under another secret or another cookie name", async () => {
    const token = await encode({ token: { sid }, secret, salt, maxAge: 3600 });
    expect(await decryptSessionToken(token, `${secret}x`, salt)).toBeNull();
    expect(await decryptSessionToken(token, secret, `__Host-${salt}`)).toBeNull();
  });

  test("refuses an expired token (beyond Auth.js' 15 s of tolerance)", async () => {
    const expired = await encode({ token: { sid }, secret, salt, maxAge: -60 });
    expect(await decryptSessionToken(expired, secret, salt)).toBeNull();
    const justNow = await encode({ token: { sid }, secret, salt, maxAge: -5 });
    expect((await decryptSessionToken(justNow, secret, salt))?.sid).toBe(sid);
  });

  test("refuses a tampered or malformed token", async () => {
    const token = await encode({ token: { sid }, secret, salt, maxAge: 3600 });
    const parts = token.split(".");
    // Flip one character of the ciphertext, then of the authentication tag.
    for (const index of [3, 4]) {
      const part = parts[index]!;
      const flipped = [...parts];
      flipped[index] = `${part[0] === "A" ? "B" : "A"}${part.slice(1)}`;
      expect(await decryptSessionToken(flipped.join("."), secret, salt)).toBeNull();
    }
    expect(await decryptSessionToken("not-a-token", secret, salt)).toBeNull();
    expect(await decryptSessionToken("", secret, salt)).toBeNull();
  });
});
