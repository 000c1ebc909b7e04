import { caseFieldContext } from "./envelope";
import type { FieldContext } from "./fields";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Every column that holds a case's data sealed with the case's data key, and how to find its rows
 * and their encryption context. Re-keying (lib/crypto/rekey.ts) walks this list, and the schema's
 * classification test (lib/db/classification.test.ts) checks that every `…_enc` column of a case
 * table is on it: a sealed column missing here would be left under a destroyed key.
 */
export interface SealedColumn {
  table: string;
  column: string;
  /** The column holding the case's id. */
  caseColumn: string;
  /** SQL expression naming one row of the table (its primary key), as text. */
  rowKey: string;
  /** The encryption context of the value in the row named by `rowKey`, of case `caseId`. */
  context: (rowKey: string, caseId: string) => FieldContext;
}

/** A column of a case's sub-record, one row per id (unless `rowKey` says otherwise). */
const ofRecord = (table: string, column: string, context: SealedColumn["context"], rowKey = "id::text"): SealedColumn => ({
  table,
  column,
  caseColumn: "case_id",
  rowKey,
  context,
});

/** A column of the case's own row, whose context names the case. */
const ofCase = (column: string, context: (caseId: string) => FieldContext): SealedColumn => ({
  ...ofRecord("cases", column, context),
  caseColumn: "id",
});

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  ofCase("contact_channel_enc", caseFieldContext.contactChannel),
  ofCase("place_other_enc", caseFieldContext.placeOther),
  ofCase("group_enc", caseFieldContext.group),
  ofCase("close_reason_text_enc", caseFieldContext.closeReasonText),
  ofCase("merged_into_enc", caseFieldContext.mergedInto),
  ofCase("criminal_opened_enc", caseFieldContext.criminalOpened),
  ofCase("criminal_stage_enc", caseFieldContext.criminalStage),
  ofRecord("case_wanted_entries", "known_enc", caseFieldContext.wantedKnown),
  ofRecord("case_extradition_proceedings", "appeal_due_enc", caseFieldContext.appealDue),
  ofRecord("case_extradition_proceedings", "partner_lawyer_enc", caseFieldContext.partnerLawyer),
  ofRecord("notes", "body_enc", caseFieldContext.noteBody),
  ofRecord("supervision_notes", "body_enc", caseFieldContext.supervisionNote),
  ofRecord("movements", "place_other_enc", caseFieldContext.movementPlaceOther),
  ofRecord("movements", "arrived_enc", caseFieldContext.movementArrived),
  ofRecord("movements", "left_enc", caseFieldContext.movementLeft),
  // One row per document type of a case: the context names the case and the type.
  ofRecord("case_documents", "expires_enc", (type, caseId) => caseFieldContext.documentExpiry(caseId, type), "type::text"),
  ofRecord("applications", "office_other_enc", caseFieldContext.officeOther),
  ofRecord("applications", "submitted_enc", caseFieldContext.submitted),
  ofRecord("applications", "appointment_enc", caseFieldContext.appointment),
  ofRecord("applications", "decision_enc", caseFieldContext.decision),
  ofRecord("applications", "valid_from_enc", caseFieldContext.validFrom),
  ofRecord("applications", "valid_until_enc", caseFieldContext.validUntil),
  ofRecord("applications", "entry_by_enc", caseFieldContext.entryBy),
  ofRecord("applications", "appeal_by_enc", caseFieldContext.appealBy),
  ofRecord("applications", "letter_issued_enc", caseFieldContext.letterIssued),
  ofRecord("next_steps", "text_enc", caseFieldContext.nextStepText),
  ofRecord("assistance", "note_enc", caseFieldContext.assistanceNote),
  ofRecord("verification_sign_offs", "remark_enc", caseFieldContext.signOffRemark),
  // Timeline details are sealed under the case's context (events are read as one stream).
  ofRecord("case_events", "detail_enc", (_id, caseId) => caseFieldContext.eventDetail(caseId)),
];
