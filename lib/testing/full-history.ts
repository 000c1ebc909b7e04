import "server-only";
import { randomInt } from "node:crypto";
import { getCaseworkerHome } from "@/lib/dashboard/home";
import { decideAssistance, listCaseAssistance, recordAssistance } from "@/lib/budget/assistance";
import { RecordAssistanceSchema } from "@/lib/budget/schemas";
import * as legal from "@/lib/cases/legal";
import * as mutations from "@/lib/cases/mutations";
import { correctMovement } from "@/lib/cases/movements";
import * as records from "@/lib/cases/records";
import { getCaseDetail, listCases, revealContact } from "@/lib/cases/queries";
import { CaseListFilterSchema, CloseCaseSchema, IntakeSchema } from "@/lib/cases/schemas";
import {
  AddApplicationSchema,
  AddNoteSchema,
  DocumentsSchema,
  LinkCaseSchema,
  CorrectMovementSchema,
  RecordMoveSchema,
  RecordSupportLetterSchema,
  UpdateApplicationSchema,
} from "@/lib/cases/record-schemas";
import { resolveConcern, signOffVerification } from "@/lib/cases/vetting";
import { SignOffSchema } from "@/lib/cases/record-schemas";
import { bulkReassign } from "@/lib/cases/reassignment";
import { updateApplicationChecklist } from "@/lib/cases/checklist";
import { reassignTasks } from "@/lib/tasks/reassign";
import { AddNextStepSchema, EditNextStepSchema } from "@/lib/cases/task-schemas";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { getCaseTrail } from "@/lib/cases/trail";
import { rejectAccessRequest } from "@/lib/users/approvals";
import { db } from "@/lib/db/client";
import { actorFor, createBudgetLine, createUser, type CreatedUser } from "./factories";
import { AddExtraditionSchema, UpdateExtraditionSchema } from "@/lib/cases/legal-schemas";

/**
 * One case taken through everything a case can hold and every way it can be read, through the
 * data-access layer, with a unique canary in every free text and unusual exact days: for the tests
 * that look for any trace of a case where none may be (the audit log, a dump after a purge, a dump
 * at all). `texts` are the typed values, `days` the exact days and minute as they would be written.
 */
export interface FullHistoryCase {
  id: string;
  code: string;
  caseworker: CreatedUser;
  coordinator: CreatedUser;
  /** Every free text typed into the case (contact channels and notes included). */
  texts: string[];
  /** Every exact day typed (YYYY-MM-DD), the appointment's included, and every month (YYYY-MM). */
  days: string[];
}

function canary(label: string): string {
  return `${label}${Array.from({ length: 12 }, () => "abcdefghjkmnpqrstuvwxyz"[randomInt(23)]).join("")}`;
}

export async function caseWithFullHistory(): Promise<FullHistoryCase> {
  const caseworker = await createUser({ role: "CASEWORKER" });
  const second = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const doubter = await createUser({ role: "COORDINATOR" });
  const cw = await actorFor(caseworker);
  const co = await actorFor(coordinator);
  const t = {
    place: `near the ${canary("village")} crossroads`,
    contact: `Signal @${canary("contact")}`,
    contact2: `Threema ${canary("contacttwo")}`,
    remark1: `story holds ${canary("remarkone")}`,
    remark2: `checked again ${canary("remarktwo")}`,
    concern: `dates differ ${canary("concern")}`,
    movePlace: `camp by ${canary("campsite")}`,
    office: `visa centre ${canary("office")}`,
    step: `call ${canary("stepping")} on Monday`,
    stepEdited: `call ${canary("steptwo")} on Tuesday`,
    note: `first talk ${canary("notebody")}`,
    supervision: `slow down ${canary("supervise")}`,
    correction: `first talk, corrected ${canary("notefix")}`,
    close: `stays with relatives ${canary("closing")}`,
    moveFix: `stamp misread ${canary("movefix")}`,
    assistance: `night bus ${canary("helping")}`,
  };
  const days = {
    arrived: "2011-03-17",
    arrivedAgain: "2011-04-02",
    arrivedFixed: "2011-04-03",
    expires: "2011-05-23",
    submitted: "2011-06-14",
    decision: "2011-08-09",
    validFrom: "2011-08-11",
    validUntil: "2011-11-07",
    entryBy: "2011-09-13",
    letterIssued: "2011-06-02",
    appointment: "2031-07-19T13:47",
    appealDue: "2031-02-26",
    // Months, sealed as YYYY-MM.
    criminalOpened: "2010-10",
    sentenced: "2010-12",
    wantedKnown: "2011-01",
  };

  const { code } = await mutations.createCaseFromIntake(
    cw,
    IntakeSchema.parse({
      ageBand: "AGE_25_34",
      serviceCategory: "MOBILISED",
      peopleTravelling: "2",
      language: "ru",
      riskLevel: "HIGH",
      currentCountry: "KZ",
      placeCity: "other",
      placeOther: t.place,
      contactChannel: t.contact,
    }),
  );
  const { id } = await db().case.findUniqueOrThrow({ where: { code }, select: { id: true } });
  let version = 1;
  const ref = () => ({ code, version: version++ });

  await mutations.updateProfile(cw, {
    ...ref(),
    ageBand: "AGE_35_44",
    serviceCategory: "CONTRACT",
    peopleTravelling: 1,
    language: "ru",
    riskLevel: "ELEVATED",
  });
  await mutations.changeStatus(cw, { ...ref(), to: "VERIFYING" });
  const checklist = {
    storyConsistent: "YES",
    serviceStatusPlausible: "YES",
    noCrimesIndication: "YES",
    noProvocationSign: "YES",
    outcome: "VERIFIED",
  };
  await signOffVerification(
    await actorFor(doubter),
    SignOffSchema.parse({ ...ref(), ...checklist, outcome: "CONCERNS", storyConsistent: "UNSURE", remark: t.concern }),
  );
  const concern = (await getCaseDetail(co, code)).vetting.signOffs[0]!;
  await resolveConcern(co, { ...ref(), signOffId: concern.id });
  await signOffVerification(cw, SignOffSchema.parse({ ...ref(), ...checklist, remark: t.remark1 }));
  await signOffVerification(co, SignOffSchema.parse({ ...ref(), ...checklist, remark: t.remark2 }));
  await mutations.changeStatus(cw, { ...ref(), to: "PLANNING_EXIT" });
  await legal.updateLegalExposure(cw, {
    ...ref(),
    criminalCase: "SENTENCED",
    criminalArticle: "DESERTION",
    criminalOpened: days.criminalOpened,
    criminalStageSince: days.sentenced,
    detained: false,
  });
  await legal.addWantedEntry(cw, { ...ref(), scope: "INTERSTATE", requestingState: "RU", knownMonth: days.wantedKnown });
  await legal.addWantedEntry(cw, { ...ref(), scope: "NATIONAL", requestingState: "RU" });
  const legalNow = (await getCaseDetail(cw, code)).legal;
  await legal.removeWantedEntry(cw, { ...ref(), entryId: legalNow.wanted.find((w) => w.scope === "NATIONAL")!.id });
  await legal.addExtradition(
    cw,
    AddExtraditionSchema.parse({ ...ref(), country: "AM", requestingState: "RU", stage: "COURT_DECISION", lawyer: "PARTNER" }),
  );
  const [proceeding] = (await getCaseDetail(cw, code)).legal.extraditions;
  await legal.updateExtradition(
    cw,
    UpdateExtraditionSchema.parse({
      ...ref(),
      proceedingId: proceeding!.id,
      stage: "APPEAL",
      appealDue: days.appealDue,
      echrMeasure: "REQUESTED",
    }),
  );
  await records.recordMove(
    cw,
    RecordMoveSchema.parse({ ...ref(), country: "AM", placeCity: "other", placeOther: t.movePlace, arrivedOn: days.arrived }),
  );
  // Someone travelling with the person: linked, moved together once, then unlinked (ADR 023).
  const companion = await mutations.createCaseFromIntake(
    cw,
    IntakeSchema.parse({
      ageBand: "AGE_18_24",
      serviceCategory: "CONTRACT",
      peopleTravelling: "2",
      language: "ru",
      riskLevel: "LOW",
      currentCountry: "AM",
      contactChannel: `Signal @companion${canary("mate")}`,
    }),
  );
  await records.linkCases(cw, LinkCaseSchema.parse({ ...ref(), otherCode: companion.code, kind: "FAMILY" }));
  await records.recordMove(
    cw,
    RecordMoveSchema.parse({
      ...ref(),
      country: "GE",
      placeCity: "611717", // Tbilisi
      arrivedOn: days.arrivedAgain,
      alsoForGroup: "on",
      groupCases: `${companion.code}:2`,
    }),
  );
  const georgia = await db().movement.findFirstOrThrow({ where: { caseId: id, country: "GE" }, select: { id: true } });
  await correctMovement(
    cw,
    CorrectMovementSchema.parse({ ...ref(), movementId: georgia.id, arrivedOn: days.arrivedFixed, reason: t.moveFix }),
  );
  await records.unlinkCase(cw, ref());
  await records.updateDocuments(
    cw,
    DocumentsSchema.parse({
      ...ref(),
      documents: [
        { type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: days.expires },
        { type: "MILITARY_ID", state: "CONFISCATED" },
      ],
    }),
  );
  await records.addApplication(
    cw,
    AddApplicationSchema.parse({
      ...ref(),
      type: "HUMANITARIAN_VISA",
      destinationCountry: "FR",
      officeCity: "other",
      officeOther: t.office,
      status: "APPOINTMENT_SCHEDULED",
      submittedOn: days.submitted,
      appointmentAt: days.appointment,
    }),
  );
  const detail = await getCaseDetail(cw, code);
  await records.updateApplication(
    cw,
    UpdateApplicationSchema.parse({
      ...ref(),
      applicationId: detail.applications[0]!.id,
      status: "APPROVED",
      submittedOn: days.submitted,
      decisionOn: days.decision,
      validFrom: days.validFrom,
      validUntil: days.validUntil,
      entryBy: days.entryBy,
    }),
  );
  await records.recordSupportLetter(
    co,
    RecordSupportLetterSchema.parse({ ...ref(), applicationId: detail.applications[0]!.id, issuedOn: days.letterIssued }),
  );
  // The destination's checklist (ADR 021): one item, marked ready.
  const item = await db().checklistItem.create({
    data: { destinationCountry: "FR", applicationType: "HUMANITARIAN_VISA", label: "Support letter", position: 1 },
  });
  await updateApplicationChecklist(cw, {
    ...ref(),
    applicationId: detail.applications[0]!.id,
    items: [{ itemId: item.id, state: "READY" }],
  });
  // A weekly check-in: edited, done (the next one follows), undone and done again.
  await records.addNextStep(cw, AddNextStepSchema.parse({ ...ref(), text: t.step, dueOn: "2030-01-02", repeatDays: "7" }));
  const step = (await getCaseDetail(cw, code)).nextSteps[0]!;
  await records.editNextStep(
    cw,
    EditNextStepSchema.parse({ ...ref(), stepId: step.id, text: t.stepEdited, dueOn: "2030-01-03", repeatDays: "7" }),
  );
  await records.completeNextStep(cw, { ...ref(), stepId: step.id });
  await records.reopenNextStep(cw, { ...ref(), stepId: step.id });
  await records.completeNextStep(cw, { ...ref(), stepId: step.id });
  // The check-in that followed, given to the coordinator from the team board.
  const followUp = (await getCaseDetail(cw, code)).nextSteps.find((s) => !s.doneAt)!;
  await reassignTasks(co, { stepIds: [followUp.id], ownerId: coordinator.id });
  version += 1;
  await records.addNote(cw, AddNoteSchema.parse({ ...ref(), body: t.note }));
  await records.addSupervisionNote(co, { ...ref(), body: t.supervision });
  // An erasure asked for and refused by a second coordinator: the request row names the case until it goes.
  await requestCaseErasure(co, { ...ref(), confirmCode: code });
  await rejectAccessRequest(await actorFor(doubter), (await db().accessRequest.findFirstOrThrow({ where: { caseId: id } })).id);
  const note = (await getCaseDetail(cw, code)).notes[0]!;
  await records.addNote(cw, AddNoteSchema.parse({ ...ref(), body: t.correction, supersedesId: note.id }));
  const line = await createBudgetLine({ currency: "EUR", approvalThresholdMinor: 10_000 });
  await recordAssistance(
    cw,
    RecordAssistanceSchema.parse({
      ...ref(),
      type: "TICKET",
      amount: "450.00",
      currency: "EUR",
      month: "2011-02",
      budgetLineId: line.id,
      note: t.assistance,
    }),
  );
  const [help] = await listCaseAssistance(co, code);
  await decideAssistance(co, { ...ref(), assistanceId: help!.id, decision: "APPROVE" });
  await mutations.updateContactChannel(cw, { ...ref(), contactChannel: t.contact2 });
  await revealContact(cw, code);
  await listCases(cw, CaseListFilterSchema.parse({ status: "all", country: "GE" }));
  await getCaseworkerHome(cw);
  await listCases(co, CaseListFilterSchema.parse({ status: "all" }));
  await mutations.assignCase(co, { ...ref(), assigneeId: second.id });
  await bulkReassign(co, { cases: [{ code, version: version++ }], assigneeId: caseworker.id });
  await mutations.closeCase(cw, CloseCaseSchema.parse({ ...ref(), reason: "OTHER", reasonText: t.close }));
  await mutations.reopenCase(co, ref());
  await mutations.closeCase(co, CloseCaseSchema.parse({ ...ref(), reason: "OTHER", reasonText: t.close }));
  await getCaseDetail(co, code);
  await getCaseTrail(co, code);

  return { id, code, caseworker, coordinator, texts: Object.values(t), days: Object.values(days).map((d) => d.slice(0, 10)) };
}
