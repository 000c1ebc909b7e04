"use server";

import type { z } from "zod";
import type { Permission } from "@/lib/access/policy";
import { requireActor, type Actor } from "@/lib/auth/session";
import { assignCase, changeStatus, closeCase, reopenCase, updateContactChannel, updateProfile } from "@/lib/cases/mutations";
import { addExtradition, addWantedEntry, removeWantedEntry, updateExtradition, updateLegalExposure } from "@/lib/cases/legal";
import { revealContact } from "@/lib/cases/queries";
import {
  AddApplicationSchema,
  AddNoteSchema,
  AddSupervisionNoteSchema,
  DocumentsSchema,
  RecordMoveSchema,
  CorrectMovementSchema,
  LinkCaseSchema,
  RecordSupportLetterSchema,
  ResolveConcernSchema,
  SignOffSchema,
  UnlinkCaseSchema,
  UpdateApplicationSchema,
} from "@/lib/cases/record-schemas";
import {
  addApplication,
  addNextStep,
  addNote,
  addSupervisionNote,
  completeNextStep,
  editNextStep,
  reopenNextStep,
  linkCases,
  recordMove,
  unlinkCase,
  recordSupportLetter,
  updateApplication,
  updateDocuments,
} from "@/lib/cases/records";
import {
  AssignCaseSchema,
  CaseCodeOnlySchema,
  ChangeStatusSchema,
  CloseCaseSchema,
  ReopenCaseSchema,
  UpdateContactSchema,
  UpdateProfileSchema,
} from "@/lib/cases/schemas";
import { correctMovement } from "@/lib/cases/movements";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { RequestErasureSchema } from "@/lib/cases/erasure-schemas";
import { mergeCases } from "@/lib/cases/merge";
import { MergeCasesSchema } from "@/lib/cases/merge-schemas";
import { AddNextStepSchema, EditNextStepSchema, NextStepRefSchema } from "@/lib/cases/task-schemas";
import { decideAssistance, recordAssistance } from "@/lib/budget/assistance";
import { updateApplicationChecklist } from "@/lib/cases/checklist";
import { ApplicationChecklistSchema } from "@/lib/cases/checklist-schemas";
import { DecideAssistanceSchema, RecordAssistanceSchema } from "@/lib/budget/schemas";
import { resolveConcern, signOffVerification } from "@/lib/cases/vetting";
import { DOCUMENT_TYPES } from "@/lib/cases/vocabulary";
import { formAction, type FormFields } from "@/lib/errors/action";
import {
  AddExtraditionSchema,
  AddWantedEntrySchema,
  LegalSchema,
  RemoveWantedEntrySchema,
  UpdateExtraditionSchema,
} from "@/lib/cases/legal-schemas";

/**
 * The case page's actions: the permission, the schema and the data-access call (which checks the
 * case's scope and version). Each one renders the case page again after a success.
 */
function caseAction<S extends z.ZodType<{ code: string }>, T>(
  permission: Permission,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<T>,
  read?: (fields: FormFields) => unknown,
) {
  return formAction({
    actor: () => requireActor(permission),
    schema,
    read,
    run: (input, actor) => run(actor, input),
    revalidate: (input) => [`/cases/${input.code}`],
  });
}

export const updateProfileAction = caseAction("case:update", UpdateProfileSchema, updateProfile);
export const changeStatusAction = caseAction("case:changeStatus", ChangeStatusSchema, changeStatus);
export const closeCaseAction = caseAction("case:close", CloseCaseSchema, closeCase);
export const reopenCaseAction = caseAction("case:reopen", ReopenCaseSchema, reopenCase);
export const assignCaseAction = caseAction("case:assign", AssignCaseSchema, assignCase);
export const updateContactAction = caseAction("case:revealContact", UpdateContactSchema, updateContactChannel);
export const updateLegalAction = caseAction("case:update", LegalSchema, updateLegalExposure);
export const addWantedEntryAction = caseAction("case:update", AddWantedEntrySchema, addWantedEntry);
export const removeWantedEntryAction = caseAction("case:update", RemoveWantedEntrySchema, removeWantedEntry);
export const addExtraditionAction = caseAction("case:update", AddExtraditionSchema, addExtradition);
export const updateExtraditionAction = caseAction("case:update", UpdateExtraditionSchema, updateExtradition);
export const recordMoveAction = caseAction("case:update", RecordMoveSchema, recordMove);
export const linkCaseAction = caseAction("case:update", LinkCaseSchema, linkCases);
export const unlinkCaseAction = caseAction("case:update", UnlinkCaseSchema, unlinkCase);
export const correctMovementAction = caseAction("case:update", CorrectMovementSchema, correctMovement);
// The grid posts `state_<TYPE>` and `expires_<TYPE>` per document type.
export const updateDocumentsAction = caseAction("case:update", DocumentsSchema, updateDocuments, (fields) => ({
  code: fields.code ?? "",
  version: fields.version ?? "",
  documents: DOCUMENT_TYPES.map((type) => ({ type, state: fields[`state_${type}`] ?? "", expiresOn: fields[`expires_${type}`] ?? "" })),
}));
export const addApplicationAction = caseAction("case:update", AddApplicationSchema, addApplication);
export const updateApplicationAction = caseAction("case:update", UpdateApplicationSchema, updateApplication);
/** The checklist form sends each item's id (`itemId`, repeated) and its state as `state_<id>`. */
export const updateApplicationChecklistAction = caseAction(
  "case:update",
  ApplicationChecklistSchema,
  updateApplicationChecklist,
  (fields) => {
    const ids = fields.itemId === undefined ? [] : [fields.itemId].flat();
    return {
      code: fields.code ?? "",
      version: fields.version ?? "",
      applicationId: fields.applicationId ?? "",
      items: ids.map((itemId) => ({ itemId, state: fields[`state_${itemId}`] ?? "" })),
    };
  },
);
export const recordSupportLetterAction = caseAction("case:issueLetter", RecordSupportLetterSchema, recordSupportLetter);
export const addNextStepAction = caseAction("case:update", AddNextStepSchema, addNextStep);
export const completeNextStepAction = caseAction("case:update", NextStepRefSchema, completeNextStep);
export const reopenNextStepAction = caseAction("case:update", NextStepRefSchema, reopenNextStep);
export const editNextStepAction = caseAction("case:update", EditNextStepSchema, editNextStep);
export const addNoteAction = caseAction("case:addNote", AddNoteSchema, addNote);
export const addSupervisionNoteAction = caseAction("case:supervise", AddSupervisionNoteSchema, addSupervisionNote);
export const recordAssistanceAction = caseAction("case:update", RecordAssistanceSchema, recordAssistance);
export const decideAssistanceAction = caseAction("assistance:approve", DecideAssistanceSchema, decideAssistance);
export const signOffAction = caseAction("case:verify", SignOffSchema, signOffVerification);
export const resolveConcernAction = caseAction("case:resolveConcern", ResolveConcernSchema, resolveConcern);
export const requestErasureAction = caseAction("case:erase", RequestErasureSchema, requestCaseErasure);
export const mergeCasesAction = caseAction("case:merge", MergeCasesSchema, mergeCases);

/** Shows the contact channel to the assigned caseworker; every reveal is audited. Changes nothing. */
export const revealContactAction = formAction({
  actor: () => requireActor("case:revealContact"),
  schema: CaseCodeOnlySchema,
  run: async ({ code }, actor) => ({ contact: await revealContact(actor, code) }),
});
