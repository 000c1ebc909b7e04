import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Application-level field encryption: AES-256-GCM with a 96-bit random IV. Each ciphertext names the
 * key it was made with (so keys can rotate) and is bound, through the associated data, to the table,
 * column and row it belongs to: a ciphertext copied into another row or column fails to decrypt.
 *
 * Format: `wp1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */

const VERSION = "wp1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldKey {
  id: string;
  bytes: Buffer;
}

/** Where a value lives; part of the associated data. */
export interface FieldContext {
  table: string;
  column: string;
  rowId: string;
}

export type KeyLookup = (keyId: string) => Buffer | undefined;

export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`encryption key "${keyId}" is not in the keyring`);
    this.name = "UnknownKeyError";
  }
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`field could not be decrypted: ${reason}`);
    this.name = "DecryptionError";
  }
}

function associatedData(keyId: string, context: FieldContext): Buffer {
  return Buffer.from(`${VERSION}|${keyId}|${context.table}|${context.column}|${context.rowId}`, "utf8");
}

export function encryptField(plaintext: string, key: FieldKey, context: FieldContext): string {
  if (key.bytes.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(key.id)) throw new Error("key id must be 1-32 characters of [A-Za-z0-9_-]");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(key.id, context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, key.id, iv.toString("base64url"), body.toString("base64url"), tag.toString("base64url")].join(".");
}

/** The id of the key a ciphertext was made with (for rotation), without decrypting it. */
export function keyIdOf(ciphertext: string): string {
  return parse(ciphertext).keyId;
}

export function decryptField(ciphertext: string, lookup: KeyLookup, context: FieldContext): string {
  const { keyId, iv, body, tag } = parse(ciphertext);
  const key = lookup(keyId);
  if (!key) throw new UnknownKeyError(keyId);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    // GCM failures do not say whether the key, the row binding or the bytes were wrong; neither do we.
    throw new DecryptionError("authentication failed (tampered, wrong key or wrong row)");
  }
}

function parse(ciphertext: string) {
  const parts = ciphertext.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError("not a wp1 ciphertext");
  const [, keyId, iv, body, tag] = parts as [string, string, string, string, string];
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new DecryptionError("malformed ciphertext");
  return { keyId, iv: ivBytes, body: Buffer.from(body, "base64url"), tag: tagBytes };
}
