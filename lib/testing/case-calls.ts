import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import type { Permission, Role } from "@/lib/access/policy";
import * as assistance from "@/lib/budget/assistance";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { mergeCases } from "@/lib/cases/merge";
import * as legal from "@/lib/cases/legal";
import * as movements from "@/lib/cases/movements";
import * as mutations from "@/lib/cases/mutations";
import * as records from "@/lib/cases/records";
import { CaseKey } from "@/lib/cases/sealed";
import { movementRow } from "@/lib/cases/sealed-rows";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import type { CaseStatus } from "@/lib/db/generated/enums";
import { createBudgetLine, createCase, createNextStep, createNote, createUser, type CreatedCase } from "./factories";

/**
 * Every case mutation of the data-access layer, each with a valid input, so access and concurrency
 * tests can walk all of them. A new mutation belongs here.
 */

export interface CaseRef {
  code: string;
  version: number;
}

/** Ids of the parts of a case that some mutations name. */
export interface CaseParts {
  applicationId: string;
  stepId: string;
  /** A step of the case already done (by the assignee). */
  doneStepId: string;
  noteId: string;
  /** A wanted-list entry and extradition proceedings of that case. */
  wantedEntryId: string;
  extraditionId: string;
  /** The case's one movement (an open stay with a known arrival). */
  movementId: string;
  /** An active caseworker the case is not assigned to (for assignCase). */
  otherCaseworkerId: string;
  /** An active budget line (EUR, threshold 100.00), and help on it awaiting approval, recorded by the assignee. */
  budgetLineId: string;
  assistanceId: string;
  /** Another case of the same assignee, travelling alone (to link to). */
  companionCode: string;
  /** A case of the same assignee in the case's group (ADR 023), never changed after it was made. */
  groupMateCode: string;
}

export interface CaseMutation {
  name: string;
  permission: Permission;
  /** The status the case must be in for the call to succeed. */
  needs: "open" | "closed";
  call: (actor: Actor, ref: CaseRef, parts: CaseParts) => Promise<unknown>;
}

const daysAgo = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - n));
const yesterday = () => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 1));

export const CASE_MUTATIONS: readonly CaseMutation[] = [
  {
    name: "updateProfile",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) =>
      mutations.updateProfile(actor, {
        ...ref,
        ageBand: "AGE_35_44",
        serviceCategory: "OFFICER",
        peopleTravelling: 3,
        language: "uk",
        riskLevel: "CRITICAL",
      }),
  },
  {
    name: "changeStatus",
    permission: "case:changeStatus",
    needs: "open",
    call: (actor, ref) => mutations.changeStatus(actor, { ...ref, to: "VERIFYING" }),
  },
  {
    name: "closeCase",
    permission: "case:close",
    needs: "open",
    call: (actor, ref) => mutations.closeCase(actor, { ...ref, reason: "SETTLED" }),
  },
  { name: "reopenCase", permission: "case:reopen", needs: "closed", call: (actor, ref) => mutations.reopenCase(actor, ref) },
  {
    name: "assignCase",
    permission: "case:assign",
    needs: "open",
    call: (actor, ref, parts) => mutations.assignCase(actor, { ...ref, assigneeId: parts.otherCaseworkerId }),
  },
  {
    name: "updateContactChannel",
    permission: "case:revealContact",
    needs: "open",
    call: (actor, ref) => mutations.updateContactChannel(actor, { ...ref, contactChannel: "@moved_to_signal" }),
  },
  {
    name: "updateLegalExposure",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) =>
      legal.updateLegalExposure(actor, { ...ref, criminalCase: "OPENED", criminalArticle: "DESERTION", detained: false }),
  },
  {
    name: "addWantedEntry",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) => legal.addWantedEntry(actor, { ...ref, scope: "NATIONAL", requestingState: "RU", knownMonth: "2025-03" }),
  },
  {
    name: "removeWantedEntry",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) => legal.removeWantedEntry(actor, { ...ref, entryId: parts.wantedEntryId }),
  },
  {
    name: "addExtradition",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) =>
      legal.addExtradition(actor, {
        ...ref,
        country: "AM",
        requestingState: "RU",
        stage: "RELEASED",
        catMeasure: "NOT_REQUESTED",
        echrMeasure: "GRANTED",
        lawyer: "PARTNER",
      }),
  },
  {
    name: "updateExtradition",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) =>
      legal.updateExtradition(actor, {
        ...ref,
        proceedingId: parts.extraditionId,
        stage: "APPEAL",
        appealDue: yesterday(),
        catMeasure: "REQUESTED",
        echrMeasure: "NOT_REQUESTED",
        lawyer: "OTHER",
      }),
  },
  {
    name: "recordMove",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) => records.recordMove(actor, { ...ref, country: "KZ", placeOther: "near the market" }),
  },
  {
    name: "recordMove (with the group)",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) =>
      records.recordMove(actor, { ...ref, country: "KZ", together: [{ code: parts.groupMateCode, version: 1 }] }),
  },
  {
    name: "linkCases",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) => records.linkCases(actor, { ...ref, otherCode: parts.companionCode, kind: "FAMILY" }),
  },
  { name: "unlinkCase", permission: "case:update", needs: "open", call: (actor, ref) => records.unlinkCase(actor, ref) },
  {
    name: "correctMovement",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) =>
      movements.correctMovement(actor, { ...ref, movementId: parts.movementId, arrivedOn: daysAgo(20), reason: "the day was typed wrong" }),
  },
  {
    name: "updateDocuments",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) =>
      records.updateDocuments(actor, {
        ...ref,
        documents: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: new Date("2031-05-01T00:00:00.000Z") }],
      }),
  },
  {
    name: "addApplication",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) => records.addApplication(actor, { ...ref, type: "VISA", destinationCountry: "FR", status: "PLANNED" }),
  },
  {
    name: "updateApplication",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) =>
      records.updateApplication(actor, { ...ref, applicationId: parts.applicationId, status: "SUBMITTED", submittedOn: yesterday() }),
  },
  {
    name: "recordSupportLetter",
    permission: "case:issueLetter",
    needs: "open",
    call: (actor, ref, parts) => records.recordSupportLetter(actor, { ...ref, applicationId: parts.applicationId, issuedOn: yesterday() }),
  },
  {
    name: "addNextStep",
    permission: "case:update",
    needs: "open",
    call: (actor, ref) => records.addNextStep(actor, { ...ref, text: "Book consulate appointment" }),
  },
  {
    name: "completeNextStep",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) => records.completeNextStep(actor, { ...ref, stepId: parts.stepId }),
  },
  {
    name: "reopenNextStep",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) => records.reopenNextStep(actor, { ...ref, stepId: parts.doneStepId }),
  },
  {
    name: "editNextStep",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) =>
      records.editNextStep(actor, { ...ref, stepId: parts.stepId, text: "Find a lawyer in Tbilisi", repeatDays: 7 }),
  },
  {
    name: "addSupervisionNote",
    permission: "case:supervise",
    needs: "open",
    call: (actor, ref) => records.addSupervisionNote(actor, { ...ref, body: "Check the stay before booking" }),
  },
  {
    name: "mergeCases",
    permission: "case:merge",
    needs: "open",
    call: (actor, ref, parts) => mergeCases(actor, { ...ref, otherCode: parts.companionCode, confirmCode: parts.companionCode }),
  },
  {
    name: "requestCaseErasure",
    permission: "case:erase",
    needs: "open",
    call: (actor, ref) => requestCaseErasure(actor, { ...ref, confirmCode: ref.code }),
  },
  {
    name: "addNote",
    permission: "case:addNote",
    needs: "open",
    call: (actor, ref) => records.addNote(actor, { ...ref, body: "Called back, all well" }),
  },
  {
    name: "addNote (correction)",
    permission: "case:addNote",
    needs: "open",
    call: (actor, ref, parts) => records.addNote(actor, { ...ref, body: "Called back, all well (corrected)", supersedesId: parts.noteId }),
  },
  {
    name: "recordAssistance",
    permission: "case:update",
    needs: "open",
    call: (actor, ref, parts) =>
      assistance.recordAssistance(actor, {
        ...ref,
        type: "TICKET",
        amount: 45_000,
        currency: "EUR",
        month: new Date().toISOString().slice(0, 7),
        budgetLineId: parts.budgetLineId,
        note: "Bus to the border",
      }),
  },
  {
    name: "decideAssistance",
    permission: "assistance:approve",
    needs: "open",
    call: (actor, ref, parts) => assistance.decideAssistance(actor, { ...ref, assistanceId: parts.assistanceId, decision: "APPROVE" }),
  },
];

/** Permissions of PRODUCT.md's roles for the calls above, written out (not read from policy.ts). */
export const MUTATION_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  CASEWORKER: ["case:update", "case:changeStatus", "case:close", "case:revealContact", "case:addNote"],
  COORDINATOR: ["case:update", "case:changeStatus", "case:close", "case:reopen", "case:assign", "case:issueLetter", "assistance:approve"],
  ADMIN: [],
};

/**
 * A case assigned to `assignedToId` with one planned application, one open next step, one note, a
 * national wanted-list entry and released extradition proceedings in Georgia, plus another active
 * caseworker to assign it to. Its risk is HIGH: what the legal risk rules call for in an unrated
 * country, so that no call above raises it (audit.integration.test.ts names the fields each touches).
 */
export async function arrangeCaseWithParts(options: {
  assignedToId: string | null;
  createdById: string;
  status?: CaseStatus;
  contactChannel?: string;
}): Promise<{ kase: CreatedCase; parts: CaseParts }> {
  const status = options.status ?? "NEW";
  const kase = await createCase({
    createdById: options.createdById,
    assignedToId: options.assignedToId,
    status,
    statusBeforeClose: status === "CLOSED" ? "IN_TRANSIT" : null,
    closedAt: status === "CLOSED" ? new Date() : null,
    contactChannel: options.contactChannel,
    riskLevel: "HIGH",
  });
  const other = await createUser({ role: "CASEWORKER" });
  const applicationId = randomUUID();
  const stepId = randomUUID();
  await db().application.create({
    data: { id: applicationId, caseId: kase.id, type: "ASYLUM", destinationCountry: "DE", status: "PLANNED" },
  });
  await createNextStep({
    id: stepId,
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    text: "Find a lawyer",
    ownerId: options.assignedToId,
    createdById: options.createdById,
  });
  const { id: doneStepId } = await createNextStep({
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    text: "Buy a SIM card",
    ownerId: options.assignedToId,
    createdById: options.createdById,
    doneAt: new Date(),
  });
  const { id: noteId } = await createNote({
    caseId: kase.id,
    dataKeyWrapped: kase.dataKeyWrapped,
    authorId: options.assignedToId ?? options.createdById,
    body: "First call",
  });
  const wantedEntryId = randomUUID();
  const extraditionId = randomUUID();
  await db().wantedEntry.create({ data: { id: wantedEntryId, caseId: kase.id, scope: "NATIONAL", requestingState: "RU" } });
  await db().extraditionProceeding.create({ data: { id: extraditionId, caseId: kase.id, country: "GE", stage: "RELEASED" } });
  const key = new CaseKey({ id: kase.id, dataKeyWrapped: kase.dataKeyWrapped });
  const movementId = randomUUID();
  await db().movement.create({
    data: {
      ...movementRow(key, { id: movementId, country: "RU", arrivedOn: daysAgo(30) }),
      caseId: kase.id,
      createdById: options.createdById,
    },
  });
  const line = await createBudgetLine({ currency: "EUR", approvalThresholdMinor: 10_000 });
  const assistanceId = randomUUID();
  await db().assistance.create({
    data: {
      id: assistanceId,
      caseId: kase.id,
      type: "ACCOMMODATION",
      amountMinor: 30_000,
      currency: "EUR",
      month: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)),
      budgetLineId: line.id,
      status: "AWAITING_APPROVAL",
      country: "RU",
      stage: status,
      recordedById: options.assignedToId ?? options.createdById,
    },
  });
  // Travelling with one other person: a group sealed in both cases, as linkCases leaves it.
  const group = JSON.stringify({ id: randomUUID(), kind: "FAMILY" });
  const mate = await createCase({ createdById: options.createdById, assignedToId: options.assignedToId, riskLevel: "HIGH" });
  const companion = await createCase({ createdById: options.createdById, assignedToId: options.assignedToId, riskLevel: "HIGH" });
  for (const c of [kase, mate]) {
    await db().case.update({
      where: { id: c.id },
      data: { groupEnc: new CaseKey(c).seal(caseFieldContext.group(c.id), group) },
    });
  }
  return {
    kase,
    parts: {
      companionCode: companion.code,
      groupMateCode: mate.code,
      applicationId,
      stepId,
      doneStepId,
      noteId,
      wantedEntryId,
      extraditionId,
      movementId,
      otherCaseworkerId: other.id,
      budgetLineId: line.id,
      assistanceId,
    },
  };
}
