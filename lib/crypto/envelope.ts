import "server-only";
import { randomBytes } from "node:crypto";
import { decryptField, encryptField, type FieldKey, type FieldContext } from "./fields";
import { masterKeyring, type Keyring } from "./keys";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Envelope encryption. Each case has its own random data key; its sensitive fields (contact channel,
 * notes) are encrypted with that key, and the key itself is stored wrapped by a master key. Deleting
 * the wrapped key destroys the case's data (crypto-shredding); rotating a master key re-wraps keys only.
 */

export type DataKey = FieldKey;

const wrapContext = (caseId: string): FieldContext => ({ table: "cases", column: "data_key_wrapped", rowId: caseId });

export function createDataKey(caseId: string, keyring: Keyring = masterKeyring()): { key: DataKey; wrapped: string } {
  const key: DataKey = { id: `d${randomBytes(6).toString("hex")}`, bytes: randomBytes(32) };
  return { key, wrapped: wrapDataKey(key, caseId, keyring) };
}

export function wrapDataKey(key: DataKey, caseId: string, keyring: Keyring = masterKeyring()): string {
  return encryptField(`${key.id}:${key.bytes.toString("base64")}`, keyring.active, wrapContext(caseId));
}

export function unwrapDataKey(wrapped: string, caseId: string, keyring: Keyring = masterKeyring()): DataKey {
  const plain = decryptField(wrapped, keyring.lookup, wrapContext(caseId));
  const [id, material] = plain.split(":");
  const bytes = Buffer.from(material ?? "", "base64");
  if (!id || bytes.length !== 32) throw new Error("wrapped data key is malformed");
  return { id, bytes };
}

/** Context of each encrypted case field. Notes are bound to their own row. */
export const caseFieldContext = {
  contactChannel: (caseId: string): FieldContext => ({ table: "cases", column: "contact_channel_enc", rowId: caseId }),
  noteBody: (noteId: string): FieldContext => ({ table: "notes", column: "body_enc", rowId: noteId }),
};

export function encryptWithDataKey(plaintext: string, key: DataKey, context: FieldContext): string {
  return encryptField(plaintext, key, context);
}

export function decryptWithDataKey(ciphertext: string, key: DataKey, context: FieldContext): string {
  return decryptField(ciphertext, (id) => (id === key.id ? key.bytes : undefined), context);
}
