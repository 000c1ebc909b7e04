import "server-only";
import { randomUUID } from "node:crypto";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { ApplicationStatus, ApplicationType, DocumentState, DocumentType } from "@/lib/db/generated/enums";
import { isoWeekStart, monthStart, startOfUtcDay } from "./derived";
import type { CaseKey } from "./sealed";

/**
 * The rows of a case's parts as they are stored: exact values sealed with the case's key, coarse
 * values beside them in clear. One place for the mapping, used by the case's writers (records.ts,
 * mutations.ts) and by the seeds and tests that arrange data directly.
 */

export interface PlaceInput {
  /** A city key of the country's list (lib/places). */
  placeCity?: string | null;
  /** A place typed as "other" (sealed). */
  placeOther?: string | null;
}

export function movementRow(key: CaseKey, m: PlaceInput & { id?: string; country: string; arrivedOn?: Date | null; leftOn?: Date | null }) {
  const id = m.id ?? randomUUID();
  return {
    id,
    country: m.country,
    placeCity: m.placeCity ?? null,
    placeOtherEnc: key.seal(caseFieldContext.movementPlaceOther(id), m.placeOther),
    arrivedEnc: key.sealDay(caseFieldContext.movementArrived(id), m.arrivedOn),
    arrivedWeek: m.arrivedOn ? isoWeekStart(m.arrivedOn) : null,
    leftEnc: key.sealDay(caseFieldContext.movementLeft(id), m.leftOn),
    leftWeek: m.leftOn ? isoWeekStart(m.leftOn) : null,
  };
}

export function documentRow(key: CaseKey, d: { type: DocumentType; state: DocumentState; expiresOn?: Date | null }) {
  return {
    type: d.type,
    state: d.state,
    expiresEnc: key.sealDay(caseFieldContext.documentExpiry(key.caseId, d.type), d.expiresOn),
    expiresMonth: d.expiresOn ? monthStart(d.expiresOn) : null,
  };
}

export interface ApplicationInput {
  id?: string;
  type: ApplicationType;
  destinationCountry: string;
  officeCity?: string | null;
  officeOther?: string | null;
  status: ApplicationStatus;
  submittedOn?: Date | null;
  appointmentAt?: Date | null;
  decisionOn?: Date | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  entryBy?: Date | null;
  appealBy?: Date | null;
}

type ApplicationDateFields = "submittedOn" | "appointmentAt" | "decisionOn" | "validFrom" | "validUntil" | "entryBy" | "appealBy";

/**
 * An application's stored dates (for a new row or an update). Beside the sealed entry deadline, only
 * the Monday of its ISO week is in clear, for the home list and the dashboard (ADR 021).
 */
export function applicationDates(key: CaseKey, id: string, a: Pick<ApplicationInput, ApplicationDateFields>) {
  return {
    submittedEnc: key.sealDay(caseFieldContext.submitted(id), a.submittedOn),
    appointmentEnc: key.sealMoment(caseFieldContext.appointment(id), a.appointmentAt),
    appointmentOn: a.appointmentAt ? startOfUtcDay(a.appointmentAt) : null,
    decisionEnc: key.sealDay(caseFieldContext.decision(id), a.decisionOn),
    validFromEnc: key.sealDay(caseFieldContext.validFrom(id), a.validFrom),
    validUntilEnc: key.sealDay(caseFieldContext.validUntil(id), a.validUntil),
    entryByEnc: key.sealDay(caseFieldContext.entryBy(id), a.entryBy),
    entryByWeek: a.entryBy ? isoWeekStart(a.entryBy) : null,
    appealByEnc: key.sealDay(caseFieldContext.appealBy(id), a.appealBy),
    decisionWeeks: decisionWeeks(a.submittedOn, a.decisionOn),
  };
}

/**
 * Whole weeks from submission to decision (rounded; never below 0), the only clear trace of the two
 * sealed days, for the dashboard's median (ADR 021). Null unless both days are known.
 */
export function decisionWeeks(submittedOn?: Date | null, decisionOn?: Date | null): number | null {
  if (!submittedOn || !decisionOn) return null;
  return Math.max(0, Math.round((decisionOn.getTime() - submittedOn.getTime()) / (7 * 86_400_000)));
}

export function applicationRow(key: CaseKey, a: ApplicationInput) {
  const id = a.id ?? randomUUID();
  return {
    id,
    type: a.type,
    destinationCountry: a.destinationCountry,
    officeCityKey: a.officeCity ?? null,
    officeOtherEnc: key.seal(caseFieldContext.officeOther(id), a.officeOther),
    status: a.status,
    ...applicationDates(key, id, a),
  };
}

export function nextStepRow(key: CaseKey, s: { id?: string; text: string }) {
  const id = s.id ?? randomUUID();
  return { id, textEnc: key.seal(caseFieldContext.nextStepText(id), s.text) };
}
