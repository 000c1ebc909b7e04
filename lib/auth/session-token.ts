import "server-only";
import { hkdf } from "node:crypto";
import { promisify } from "node:util";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Reads the session token Auth.js wrote (lib/auth/next-auth.ts): the same JWE ("dir",
 * A256CBC-HS512), the same key (HKDF-SHA-256 of AUTH_SECRET, salted with the cookie's name), the
 * same checks (the key's thumbprint as `kid`, expiry with 15 s of tolerance) as Auth.js' `decode`,
 * through the same library (jose). One difference: the derived key and its thumbprint are computed
 * once per secret and cookie name instead of on every request; they were two asynchronous crypto
 * jobs of every page (docs/performance-notes.md).
 */

const ENCRYPTION = "A256CBC-HS512";
const KEY_BYTES = 64;
const deriveKey = promisify(hkdf);

interface DerivedKey {
  key: Uint8Array;
  thumbprint: string;
}

const derived = new Map<string, Promise<DerivedKey>>();

function derivedKey(secret: string, salt: string): Promise<DerivedKey> {
  const id = `${salt}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    key = (async () => {
      const bytes = new Uint8Array(await deriveKey("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, KEY_BYTES));
      return { key: bytes, thumbprint: await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(bytes) }, "sha512") };
    })();
    derived.set(id, key);
    // A failed derivation is not kept: the next request tries again.
    key.catch(() => derived.delete(id));
  }
  return key;
}

/** The token's payload, or null when it cannot be decrypted, was made under another key or has expired. */
export async function decryptSessionToken(token: string, secret: string, salt: string): Promise<Record<string, unknown> | null> {
  try {
    const { key, thumbprint } = await derivedKey(secret, salt);
    const { payload } = await jwtDecrypt(
      token,
      ({ kid }) => {
        if (kid !== undefined && kid !== thumbprint) throw new Error("no matching decryption key");
        return key;
      },
      { clockTolerance: 15, keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: [ENCRYPTION] },
    );
    return payload;
  } catch {
    return null;
  }
}
