import "server-only";
import { officeName, placeName } from "@/lib/cases/places";
import { CaseKey } from "@/lib/cases/sealed";
import { caseFieldContext as context } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";

/**
 * Everything stored about one case (its row and every part), read directly, for tests that check
 * that a refused change changed nothing, and what a change stored. Ordered deterministically so two
 * reads compare equal. Beside the stored columns, each part carries its sealed values opened with
 * the case's key (`place`, `arrivedOn`, `text`, `detail`…), so tests can say what was written.
 */
export async function caseState(caseId: string) {
  const where = { caseId };
  const [row, movements, documents, applications, nextSteps, notes, events, statusChanges, wanted, extraditions, assistance] =
    await Promise.all([
      db().case.findUniqueOrThrow({ where: { id: caseId } }),
      db().movement.findMany({ where, orderBy: { id: "asc" } }),
      db().caseDocument.findMany({ where, orderBy: { type: "asc" } }),
      db().application.findMany({ where, orderBy: { id: "asc" } }),
      db().nextStep.findMany({ where, orderBy: { id: "asc" } }),
      db().note.findMany({ where, orderBy: { id: "asc" } }),
      db().caseEvent.findMany({ where, orderBy: { id: "asc" } }),
      db().caseStatusChange.findMany({ where, orderBy: { id: "asc" } }),
      db().wantedEntry.findMany({ where, orderBy: { id: "asc" } }),
      db().extraditionProceeding.findMany({ where, orderBy: { id: "asc" } }),
      db().assistance.findMany({ where, orderBy: { id: "asc" } }),
    ]);
  const key = new CaseKey(row);
  return {
    row,
    place: placeName(row.currentCountry, row.placeCity, key.open(context.placeOther(row.id), row.placeOtherEnc)),
    closeReasonText: key.open(context.closeReasonText(row.id), row.closeReasonTextEnc),
    movements: movements.map((m) => ({
      ...m,
      place: placeName(m.country, m.placeCity, key.open(context.movementPlaceOther(m.id), m.placeOtherEnc)),
      arrivedOn: key.openDay(context.movementArrived(m.id), m.arrivedEnc),
      leftOn: key.openDay(context.movementLeft(m.id), m.leftEnc),
    })),
    documents: documents.map((d) => ({ ...d, expiresOn: key.openDay(context.documentExpiry(row.id, d.type), d.expiresEnc) })),
    applications: applications.map((a) => ({
      ...a,
      officeCity: officeName(a.officeCityKey, key.open(context.officeOther(a.id), a.officeOtherEnc)),
      submittedOn: key.openDay(context.submitted(a.id), a.submittedEnc),
      appointmentAt: key.openMoment(context.appointment(a.id), a.appointmentEnc),
      decisionOn: key.openDay(context.decision(a.id), a.decisionEnc),
      validFrom: key.openDay(context.validFrom(a.id), a.validFromEnc),
      validUntil: key.openDay(context.validUntil(a.id), a.validUntilEnc),
      entryBy: key.openDay(context.entryBy(a.id), a.entryByEnc),
      appealBy: key.openDay(context.appealBy(a.id), a.appealByEnc),
      letterIssuedOn: key.openDay(context.letterIssued(a.id), a.letterIssuedEnc),
    })),
    nextSteps: nextSteps.map((s) => ({ ...s, text: key.open(context.nextStepText(s.id), s.textEnc) })),
    notes,
    events: events.map((e) => ({ ...e, detail: key.openJson(context.eventDetail(row.id), e.detailEnc) })),
    statusChanges,
    criminalOpened: key.open(context.criminalOpened(row.id), row.criminalOpenedEnc),
    criminalStageSince: key.open(context.criminalStage(row.id), row.criminalStageEnc),
    wanted: wanted.map((w) => ({ ...w, knownMonth: key.open(context.wantedKnown(w.id), w.knownEnc) })),
    extraditions: extraditions.map((p) => ({
      ...p,
      appealDue: key.openDay(context.appealDue(p.id), p.appealDueEnc),
      partnerLawyerId: key.open(context.partnerLawyer(p.id), p.partnerLawyerEnc),
    })),
    assistance: assistance.map((a) => ({ ...a, note: key.open(context.assistanceNote(a.id), a.noteEnc) })),
  };
}

/** Audit entries about one case (through their links), oldest first. */
export async function caseAudit(caseId: string) {
  const links = await db().caseAuditLink.findMany({ where: { caseId }, select: { auditId: true } });
  return db().auditLog.findMany({ where: { id: { in: links.map((l) => l.auditId) } }, orderBy: { id: "asc" } });
}
