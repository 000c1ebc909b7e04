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

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: "cases",
    column: "contact_channel_enc",
    caseColumn: "id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.contactChannel(id),
  },
  { table: "cases", column: "place_other_enc", caseColumn: "id", rowKey: "id::text", context: (id) => caseFieldContext.placeOther(id) },
  {
    table: "cases",
    column: "close_reason_text_enc",
    caseColumn: "id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.closeReasonText(id),
  },
  { table: "notes", column: "body_enc", caseColumn: "case_id", rowKey: "id::text", context: (id) => caseFieldContext.noteBody(id) },
  {
    table: "movements",
    column: "place_other_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.movementPlaceOther(id),
  },
  {
    table: "movements",
    column: "arrived_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.movementArrived(id),
  },
  { table: "movements", column: "left_enc", caseColumn: "case_id", rowKey: "id::text", context: (id) => caseFieldContext.movementLeft(id) },
  {
    table: "case_documents",
    column: "expires_enc",
    caseColumn: "case_id",
    rowKey: "type::text",
    context: (type, caseId) => caseFieldContext.documentExpiry(caseId, type),
  },
  {
    table: "applications",
    column: "office_other_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.officeOther(id),
  },
  {
    table: "applications",
    column: "submitted_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.submitted(id),
  },
  {
    table: "applications",
    column: "appointment_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.appointment(id),
  },
  {
    table: "applications",
    column: "decision_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.decision(id),
  },
  {
    table: "next_steps",
    column: "text_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.nextStepText(id),
  },
  {
    table: "verification_sign_offs",
    column: "remark_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (id) => caseFieldContext.signOffRemark(id),
  },
  {
    table: "case_events",
    column: "detail_enc",
    caseColumn: "case_id",
    rowKey: "id::text",
    context: (_id, caseId) => caseFieldContext.eventDetail(caseId),
  },
];
