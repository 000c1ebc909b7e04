import "server-only";
import { randomBytes } from "node:crypto";
import { decryptField, encryptField, type FieldKey, type FieldContext } from "./fields";
import { masterKeyring, type Keyring } from "./keys";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Envelope encryption. Each case has its own random data key; every free text and exact date of the
 * case is encrypted with that key, and the key itself is stored wrapped by a master key. Deleting
 * the wrapped key destroys the case's data (crypto-shredding); rotating a master key re-wraps keys,
 * re-keying (lib/crypto/rekey.ts) replaces them.
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

/**
 * Context of each encrypted case field: the table, the column and the row it belongs to, so a
 * ciphertext moved to another field or row does not decrypt. Every free text and every exact date of
 * a case has one (lib/db/classification.ts lists every column and what it holds).
 */
export const caseFieldContext = {
  contactChannel: (caseId: string): FieldContext => ({ table: "cases", column: "contact_channel_enc", rowId: caseId }),
  placeOther: (caseId: string): FieldContext => ({ table: "cases", column: "place_other_enc", rowId: caseId }),
  group: (caseId: string): FieldContext => ({ table: "cases", column: "group_enc", rowId: caseId }),
  closeReasonText: (caseId: string): FieldContext => ({ table: "cases", column: "close_reason_text_enc", rowId: caseId }),
  mergedInto: (caseId: string): FieldContext => ({ table: "cases", column: "merged_into_enc", rowId: caseId }),
  noteBody: (noteId: string): FieldContext => ({ table: "notes", column: "body_enc", rowId: noteId }),
  supervisionNote: (noteId: string): FieldContext => ({ table: "supervision_notes", column: "body_enc", rowId: noteId }),
  movementPlaceOther: (movementId: string): FieldContext => ({ table: "movements", column: "place_other_enc", rowId: movementId }),
  movementArrived: (movementId: string): FieldContext => ({ table: "movements", column: "arrived_enc", rowId: movementId }),
  movementLeft: (movementId: string): FieldContext => ({ table: "movements", column: "left_enc", rowId: movementId }),
  documentExpiry: (caseId: string, type: string): FieldContext => ({
    table: "case_documents",
    column: "expires_enc",
    rowId: `${caseId}/${type}`,
  }),
  officeOther: (applicationId: string): FieldContext => ({ table: "applications", column: "office_other_enc", rowId: applicationId }),
  submitted: (applicationId: string): FieldContext => ({ table: "applications", column: "submitted_enc", rowId: applicationId }),
  appointment: (applicationId: string): FieldContext => ({ table: "applications", column: "appointment_enc", rowId: applicationId }),
  decision: (applicationId: string): FieldContext => ({ table: "applications", column: "decision_enc", rowId: applicationId }),
  validFrom: (applicationId: string): FieldContext => ({ table: "applications", column: "valid_from_enc", rowId: applicationId }),
  validUntil: (applicationId: string): FieldContext => ({ table: "applications", column: "valid_until_enc", rowId: applicationId }),
  entryBy: (applicationId: string): FieldContext => ({ table: "applications", column: "entry_by_enc", rowId: applicationId }),
  appealBy: (applicationId: string): FieldContext => ({ table: "applications", column: "appeal_by_enc", rowId: applicationId }),
  letterIssued: (applicationId: string): FieldContext => ({ table: "applications", column: "letter_issued_enc", rowId: applicationId }),
  nextStepText: (stepId: string): FieldContext => ({ table: "next_steps", column: "text_enc", rowId: stepId }),
  assistanceNote: (assistanceId: string): FieldContext => ({ table: "assistance", column: "note_enc", rowId: assistanceId }),
  signOffRemark: (signOffId: string): FieldContext => ({ table: "verification_sign_offs", column: "remark_enc", rowId: signOffId }),
  criminalOpened: (caseId: string): FieldContext => ({ table: "cases", column: "criminal_opened_enc", rowId: caseId }),
  criminalStage: (caseId: string): FieldContext => ({ table: "cases", column: "criminal_stage_enc", rowId: caseId }),
  wantedKnown: (entryId: string): FieldContext => ({ table: "case_wanted_entries", column: "known_enc", rowId: entryId }),
  appealDue: (proceedingId: string): FieldContext => ({
    table: "case_extradition_proceedings",
    column: "appeal_due_enc",
    rowId: proceedingId,
  }),
  partnerLawyer: (proceedingId: string): FieldContext => ({
    table: "case_extradition_proceedings",
    column: "partner_lawyer_enc",
    rowId: proceedingId,
  }),
  /** Timeline events get their ids from the database, so their facts are bound to the case. */
  eventDetail: (caseId: string): FieldContext => ({ table: "case_events", column: "detail_enc", rowId: caseId }),
};

export function encryptWithDataKey(plaintext: string, key: DataKey, context: FieldContext): string {
  return encryptField(plaintext, key, context);
}

export function decryptWithDataKey(ciphertext: string, key: DataKey, context: FieldContext): string {
  return decryptField(ciphertext, (id) => (id === key.id ? key.bytes : undefined), context);
}
