"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Permission } from "@/lib/auth/policy";
import { requireActor, type Actor } from "@/lib/auth/session";
import {
  assignCase,
  changeStatus,
  closeCase,
  reopenCase,
  updateContactChannel,
  updateLegalExposure,
  updateProfile,
} from "@/lib/cases/mutations";
import {
  addApplication,
  addNextStep,
  addNote,
  completeNextStep,
  recordMove,
  updateApplication,
  updateDocuments,
} from "@/lib/cases/records";
import { revealContact } from "@/lib/cases/queries";
import {
  AddApplicationSchema,
  AddNextStepSchema,
  AddNoteSchema,
  AssignCaseSchema,
  CaseCodeOnlySchema,
  ChangeStatusSchema,
  CloseCaseSchema,
  CompleteNextStepSchema,
  DocumentsSchema,
  LegalSchema,
  RecordMoveSchema,
  ReopenCaseSchema,
  UpdateApplicationSchema,
  UpdateContactSchema,
  UpdateProfileSchema,
} from "@/lib/cases/schemas";
import { DOCUMENT_TYPES } from "@/lib/cases/vocabulary";
import { resolveConcern, ResolveConcernSchema, signOffVerification, SignOffSchema } from "@/lib/cases/vetting";
import { formObject, runAction, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";

/**
 * The case page's actions. Each one: actor → zod → data-access layer (which checks the permission,
 * the case's scope and version) → revalidate. Thin on purpose.
 */

type Work<S extends z.ZodType, T> = (actor: Actor, input: z.infer<S>) => Promise<T>;

async function caseAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  form: FormData,
  work: Work<S, T>,
  raw: () => unknown = () => formObject(form),
): Promise<ActionResult<T>> {
  return runFormAction(form, async () => {
    const actor = await requireActor(permission);
    // Read inside runFormAction: a caller can send anything instead of a form (a 422, not a 500).
    const input = schema.parse(raw());
    const data = await work(actor, input);
    revalidatePath(`/cases/${(input as { code: string }).code}`);
    return { ok: true, data };
  });
}

export async function updateProfileAction(_: ActionState<{ riskForcedCritical: boolean }>, form: FormData) {
  return caseAction("case:update", UpdateProfileSchema, form, updateProfile);
}

export async function changeStatusAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:changeStatus", ChangeStatusSchema, form, changeStatus);
}

export async function closeCaseAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:close", CloseCaseSchema, form, closeCase);
}

export async function reopenCaseAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:reopen", ReopenCaseSchema, form, reopenCase);
}

export async function assignCaseAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:assign", AssignCaseSchema, form, assignCase);
}

export async function updateContactAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:revealContact", UpdateContactSchema, form, updateContactChannel);
}

export async function updateLegalAction(_: ActionState<{ riskRaised: boolean }>, form: FormData) {
  return caseAction("case:update", LegalSchema, form, updateLegalExposure);
}

export async function recordMoveAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:update", RecordMoveSchema, form, recordMove);
}

export async function updateDocumentsAction(_: ActionState<void>, form: FormData) {
  // The grid posts `state_<TYPE>` and `expires_<TYPE>` per document type.
  return caseAction("case:update", DocumentsSchema, form, updateDocuments, () => {
    const raw = formObject(form);
    const documents = DOCUMENT_TYPES.map((type) => ({ type, state: raw[`state_${type}`] ?? "", expiresOn: raw[`expires_${type}`] ?? "" }));
    return { code: raw.code ?? "", version: raw.version ?? "", documents };
  });
}

export async function addApplicationAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:update", AddApplicationSchema, form, addApplication);
}

export async function updateApplicationAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:update", UpdateApplicationSchema, form, updateApplication);
}

export async function addNextStepAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:update", AddNextStepSchema, form, addNextStep);
}

export async function completeNextStepAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:update", CompleteNextStepSchema, form, completeNextStep);
}

export async function addNoteAction(_: ActionState<void>, form: FormData) {
  return caseAction("case:addNote", AddNoteSchema, form, addNote);
}

export async function signOffAction(_: ActionState<{ state: string }>, form: FormData) {
  return caseAction("case:verify", SignOffSchema, form, signOffVerification);
}

export async function resolveConcernAction(_: ActionState<{ state: string }>, form: FormData) {
  return caseAction("case:resolveConcern", ResolveConcernSchema, form, resolveConcern);
}

/** Shows the contact channel to the assigned caseworker; every reveal is audited. */
export async function revealContactAction(_: ActionState<{ contact: string }>, form: FormData): Promise<ActionResult<{ contact: string }>> {
  return runAction(async () => {
    const actor = await requireActor("case:revealContact");
    const { code } = CaseCodeOnlySchema.parse(formObject(form));
    return { ok: true, data: { contact: await revealContact(actor, code) } };
  });
}
