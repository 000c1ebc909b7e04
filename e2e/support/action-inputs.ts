import { randomUUID } from "node:crypto";
import fc from "fast-check";
import {
  AGE_BANDS,
  APPLICATION_STATUSES,
  APPLICATION_TYPES,
  CASE_LANGUAGES,
  CHECKLIST_ANSWERS,
  CLOSE_REASONS,
  CRIMINAL_ARTICLES,
  CRIMINAL_CASE_STATUSES,
  DOCUMENT_STATES,
  DOCUMENT_TYPES,
  EXTRADITION_STAGES,
  INTERIM_MEASURES,
  JURISDICTION_RISKS,
  LAWYER_ENGAGEMENTS,
  OPEN_STATUSES,
  RISK_LEVELS,
  SERVICE_CATEGORIES,
  SIGN_OFF_OUTCOMES,
  WANTED_SCOPES,
} from "@/lib/cases/vocabulary";
import { ROLES } from "@/lib/access/policy";
import { CURRENCIES } from "@/lib/budget/money";
import { ASSISTANCE_TYPES } from "@/lib/budget/schemas";
import { OUTREACH_REASONS } from "@/lib/outreach/schemas";
import { TIME_ZONES } from "@/lib/time/zones";
import {
  hostileString,
  hostileValue,
  malformedUuid,
  missingCaseCode,
  missingUuid,
  notOneOf,
  staleOrBadVersion,
  type HostileValue,
} from "./hostile";

/**
 * What each server action reads, for the specs that call every action over HTTP: a harmless form
 * (well-formed, aimed at real objects, yet changing nothing: a stale version, a wrong password, an id
 * that names nothing) and, for property-based tests, the fields it reads with hostile values plus
 * "poison": fields that make the whole input invalid whatever the rest holds, so that success can
 * only mean a bug.
 *
 * Keyed like the access matrix: source file, then exported name.
 */

export type Fields = Record<string, string | string[]>;
export type HostileFields = Record<string, HostileValue | HostileValue[]>;

/** The objects a harmless or hostile form aims at. */
export interface Targets {
  /** A case, and its current version. */
  caseCode: string;
  caseVersion: number;
  /** An application, next step and note of that case. */
  applicationId: string;
  stepId: string;
  noteId: string;
  /** An active caseworker (an assignee). */
  caseworkerId: string;
  /** The e-mail of an existing account. */
  email: string;
}

/** Everything the world holds that a hostile form may name: other people's objects among them. */
export interface Pools {
  /** Case codes of cases the CASEWORKER principal is not assigned to, and of their own. */
  otherCaseCodes: string[];
  ownCaseCodes: string[];
  /** Every id of the world: users, cases, notes, steps, applications, invites, sign-offs, access requests, reading alerts. */
  ids: string[];
  /** Users an assignment must not go to: coordinators, admins, deactivated caseworkers. */
  notAssignable: string[];
  /** Session references (first 16 hex digits of the id hash) of other users' sessions. */
  otherSessionRefs: string[];
  /** E-mails of existing accounts (never the demo accounts, whose throttles other specs rely on). */
  emails: string[];
}

export interface ActionInputs {
  /** The action reads no argument: it cannot be given invalid input. */
  noInput?: true;
  /**
   * The action only reads, and falls back to defaults for malformed input (like a page's URL
   * filters): hostile input must get no 5xx and change nothing, but may be answered.
   */
  readOnly?: true;
  /** A form that reaches as far as the caller is allowed and changes nothing in the database. */
  harmless: (t: Targets) => Fields;
  /** Hostile values for the fields the action reads (the rest of a form is noise). */
  fields: (p: Pools) => Record<string, fc.Arbitrary<HostileValue | HostileValue[]>>;
  /** Overrides that make any form invalid, whatever the other fields hold. */
  poison?: (p: Pools) => fc.Arbitrary<Fields>;
}

// --- field generators ----------------------------------------------------------------------------

/** A spreadsheet of one row for a caseworker nobody is: read, and never importable. */
const IMPORT_SHEET =
  "age_band,service_category,language,risk_level,country,contact_channel,caseworker\nAGE_18_24,CONSCRIPT,ru,HIGH,KZ,signal: @nobody.at.all,nobody@example.invalid";
const text = (extra: readonly string[] = []) => hostileValue({ huge: true, extra });
const oneOfOr = (values: readonly string[], extra: readonly string[] = []) => fc.oneof(fc.constantFrom(...values), text(extra));
const code = (p: Pools) =>
  fc.oneof(
    fc.constantFrom(...p.otherCaseCodes, ...p.ownCaseCodes),
    fc.constantFrom(...p.otherCaseCodes, ...p.ownCaseCodes).map((c) => ` ${c.toLowerCase()}\u200B`),
    missingCaseCode,
  );
const version = fc.oneof(fc.constantFrom("1", "2", "3"), staleOrBadVersion, text());
const id = (p: Pools) => fc.oneof(fc.constantFrom(...p.ids), missingUuid, malformedUuid);
const country = oneOfOr(["RU", "KZ", "FR", "ru", "XX", "ZZ", "SU", "EU", "UK", "R"]);
/** City keys (lib/places): Almaty (KZ), Moscow (RU), Paris (FR), London (a city of none of the countries above), near misses. */
const cityKey = oneOfOr(["1526384", "524901", "2988507", "2643743", " 1526384", "0", "-1", "99999999999999", "1526384.0"]);
const date = oneOfOr(["2025-01-01", "2025-02-30", "9999-12-31", "0000-00-00", "2025-1-1", "2999-01-01", "-2025-01-01"]);
const month = oneOfOr(["2025-01", "2025-13", "2025-00", "2999-01", "2025-1", "1899-12", "2025-01-01"]);
const dateTime = oneOfOr(["2025-06-12T10:30", "2025-13-12T10:30", "2025-06-12T25:61", "2025-06-12T10:30:00Z"]);
const checkbox = oneOfOr(["on", "true", "false", "1"]);
const days = oneOfOr(["90", "180", "0", "-1", "3651", "1.5", "1e2", ""]);
/** Activation codes: well-formed ones (never a live link's: no generated token is live), near misses, noise. */
const activationCode = oneOfOr(["0000-0000-0000", "ABCD-EFGH-JKMN", "abcd efgh jkmn", "ABCD-EFGH-JKM", "OOOO-IIII-LLLL", "ABCD-EFGH-JKMU"]);
const email = (p: Pools) =>
  fc.oneof(
    fc.constantFrom(...p.emails),
    fc.constantFrom(...p.emails).map((e) => ` ${e.toUpperCase()}\u0000`),
    text(["a@b.c", "@", "a@[127.0.0.1]"]),
  );
const repeated = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.array(arbitrary, { minLength: 2, maxLength: 3 }) });

const caseRef = (p: Pools) => ({ code: repeated(code(p)), version: repeated(version) });
/** A version that is never the case's current one, or no version at all: mutateCase refuses before changing anything. */
const casePoison = () => fc.record({ version: staleOrBadVersion });

/** An assignee that can never take cases: nobody, a malformed id, or someone who is not an active caseworker. */
const badAssignee = (p: Pools) => fc.oneof(missingUuid, malformedUuid, fc.constantFrom(...p.notAssignable));
/** A password that is none of the test users' (they all start with "test-"). */
const wrongPassword = hostileString({ huge: true, extra: ["password", "test-"] }).filter((s) => !s.startsWith("test-"));
/** A recovery code nobody has: well-formed, so it reaches the step-up check, and always refused there. */
const NOBODYS_CODE = "ZZZZ-ZZZZ-ZZZZ-ZZZZ";
/** A step-up code of the wrong shape: refused by the form's schema before any attempt is counted or password checked. */
const malformedCode = hostileString().filter((s) => {
  const compact = s.replace(/\s/g, "");
  return !/^\d{6}$/.test(compact) && !/^[A-Za-z2-9]{16}$/.test(compact.replace(/-/g, ""));
});
const stepUpCode = () => fc.oneof(fc.constantFrom("123456", NOBODYS_CODE, "zzzz zzzz zzzz zzzz"), text());
const userTargetPoison = () => fc.record({ userId: fc.oneof(missingUuid, malformedUuid) });
/** An id (of an alert, an access request) that names nothing, or is not an id at all: acting on it can only fail. */
const idPoison = (field: string) => () => fc.record({ [field]: fc.oneof(missingUuid, malformedUuid) });

// --- the table -----------------------------------------------------------------------------------

const stale = (t: Targets) => String(t.caseVersion + 1000);

const caseActions: Record<string, ActionInputs> = {
  updateProfileAction: {
    harmless: (t) => ({
      code: t.caseCode,
      version: stale(t),
      ageBand: "AGE_25_34",
      serviceCategory: "MOBILISED",
      peopleTravelling: "1",
      language: "ru",
      riskLevel: "ELEVATED",
    }),
    fields: (p) => ({
      ...caseRef(p),
      ageBand: oneOfOr(AGE_BANDS),
      serviceCategory: oneOfOr(SERVICE_CATEGORIES),
      peopleTravelling: oneOfOr(["1", "0", "31", "-1", "1.5", "1e1", "0x1f"]),
      language: oneOfOr(CASE_LANGUAGES),
      riskLevel: oneOfOr(RISK_LEVELS),
    }),
    poison: casePoison,
  },
  changeStatusAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), to: "VERIFYING" }),
    fields: (p) => ({ ...caseRef(p), to: oneOfOr([...OPEN_STATUSES, "CLOSED"]) }),
    poison: casePoison,
  },
  closeCaseAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), reason: "SETTLED" }),
    fields: (p) => ({ ...caseRef(p), reason: oneOfOr(CLOSE_REASONS), reasonText: text() }),
    poison: casePoison,
  },
  reopenCaseAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t) }),
    fields: caseRef,
    poison: casePoison,
  },
  assignCaseAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), assigneeId: t.caseworkerId }),
    fields: (p) => ({ ...caseRef(p), assigneeId: id(p) }),
    poison: casePoison,
  },
  updateContactAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), contactChannel: "@harmless_handle" }),
    fields: (p) => ({ ...caseRef(p), contactChannel: text() }),
    poison: casePoison,
  },
  revealContactAction: {
    harmless: (t) => ({ code: t.caseCode }),
    fields: (p) => ({ code: repeated(code(p)) }),
    // No version to spoil: a case the caller is not assigned to (for coordinators and admins the
    // permission check refuses first), or no case at all.
    poison: (p) => fc.record({ code: fc.oneof(fc.constantFrom(...p.otherCaseCodes), missingCaseCode) }),
  },
  updateLegalAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), criminalCase: "NONE_KNOWN" }),
    fields: (p) => ({
      ...caseRef(p),
      criminalCase: oneOfOr(CRIMINAL_CASE_STATUSES),
      criminalArticle: oneOfOr(CRIMINAL_ARTICLES),
      criminalOpened: month,
      criminalStageSince: month,
      detained: checkbox,
    }),
    poison: casePoison,
  },
  addWantedEntryAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), scope: "INTERSTATE", requestingState: "RU", knownMonth: "2025-01" }),
    fields: (p) => ({ ...caseRef(p), scope: oneOfOr(WANTED_SCOPES), requestingState: country, knownMonth: month }),
    poison: casePoison,
  },
  removeWantedEntryAction: {
    // An id that names no entry, with a stale version: refused before anything is looked up.
    harmless: (t) => ({ code: t.caseCode, version: stale(t), entryId: randomUUID() }),
    fields: (p) => ({ ...caseRef(p), entryId: id(p) }),
    poison: casePoison,
  },
  addExtraditionAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), country: "KZ", stage: "REQUEST_RECEIVED" }),
    fields: (p) => ({
      ...caseRef(p),
      country,
      requestingState: country,
      stage: oneOfOr(EXTRADITION_STAGES),
      appealDue: date,
      catMeasure: oneOfOr(INTERIM_MEASURES),
      echrMeasure: oneOfOr(INTERIM_MEASURES),
      lawyer: oneOfOr(LAWYER_ENGAGEMENTS),
      partnerLawyerId: id(p),
    }),
    poison: casePoison,
  },
  updateExtraditionAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), proceedingId: randomUUID(), stage: "RELEASED" }),
    fields: (p) => ({
      ...caseRef(p),
      proceedingId: id(p),
      stage: oneOfOr(EXTRADITION_STAGES),
      appealDue: date,
      catMeasure: oneOfOr(INTERIM_MEASURES),
      echrMeasure: oneOfOr(INTERIM_MEASURES),
      lawyer: oneOfOr(LAWYER_ENGAGEMENTS),
      partnerLawyerId: id(p),
    }),
    poison: casePoison,
  },
  recordMoveAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), country: "KZ", placeCity: "1526384" }),
    fields: (p) => ({
      ...caseRef(p),
      country,
      placeCity: cityKey,
      placeOther: text(),
      arrivedOn: date,
      alsoForGroup: checkbox,
      // Other cases of the group as "CODE:version", the caller's own and other people's among them.
      groupCases: repeated(
        fc.oneof(
          fc.tuple(code(p), version).map(([c, v]) => `${c}:${v}`),
          text(),
        ),
      ),
    }),
    poison: casePoison,
  },
  linkCaseAction: {
    // A code that names no case, with a stale version: refused, nothing linked.
    harmless: (t) => ({ code: t.caseCode, version: stale(t), otherCode: "WP-2222-2222", kind: "FAMILY" }),
    fields: (p) => ({ ...caseRef(p), otherCode: repeated(code(p)), kind: oneOfOr(["FAMILY", "UNIT", "TRAVELLING_TOGETHER", "family"]) }),
    poison: casePoison,
  },
  unlinkCaseAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t) }),
    fields: (p) => ({ ...caseRef(p) }),
    poison: casePoison,
  },
  correctMovementAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), movementId: randomUUID(), arrivedOn: "2025-01-01", reason: "typo" }),
    fields: (p) => ({ ...caseRef(p), movementId: id(p), arrivedOn: date, leftOn: date, reason: text() }),
    poison: casePoison,
  },
  updateDocumentsAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), state_FOREIGN_PASSPORT: "HELD" }),
    fields: (p) => ({
      ...caseRef(p),
      ...Object.fromEntries(
        DOCUMENT_TYPES.flatMap((type) => [
          [`state_${type}`, repeated(oneOfOr(DOCUMENT_STATES))],
          [`expires_${type}`, date],
        ]),
      ),
      state_PASSPORT: oneOfOr(DOCUMENT_STATES),
    }),
    poison: casePoison,
  },
  addApplicationAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), type: "VISA", destinationCountry: "FR", status: "PLANNED" }),
    fields: (p) => ({
      ...caseRef(p),
      type: oneOfOr(APPLICATION_TYPES),
      destinationCountry: country,
      officeCity: cityKey,
      officeOther: text(),
      status: oneOfOr(APPLICATION_STATUSES),
      submittedOn: date,
      appointmentAt: dateTime,
      decisionOn: date,
    }),
    poison: casePoison,
  },
  updateApplicationAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), applicationId: t.applicationId, status: "SUBMITTED" }),
    fields: (p) => ({
      ...caseRef(p),
      applicationId: id(p),
      status: oneOfOr(APPLICATION_STATUSES),
      submittedOn: date,
      appointmentAt: dateTime,
      decisionOn: date,
      validFrom: date,
      validUntil: date,
      entryBy: date,
      appealBy: date,
    }),
    poison: casePoison,
  },
  recordSupportLetterAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), applicationId: t.applicationId, issuedOn: "2020-01-01" }),
    fields: (p) => ({ ...caseRef(p), applicationId: id(p), issuedOn: date }),
    poison: casePoison,
  },
  updateApplicationChecklistAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), applicationId: t.applicationId }),
    fields: (p) => ({ ...caseRef(p), applicationId: id(p), itemId: id(p) }),
    poison: casePoison,
  },
  addNextStepAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), text: "Book a consulate appointment" }),
    fields: (p) => ({ ...caseRef(p), text: text(), ownerId: id(p), dueOn: date }),
    poison: casePoison,
  },
  completeNextStepAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), stepId: t.stepId }),
    fields: (p) => ({ ...caseRef(p), stepId: id(p) }),
    poison: casePoison,
  },
  reopenNextStepAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), stepId: t.stepId }),
    fields: (p) => ({ ...caseRef(p), stepId: id(p) }),
    poison: casePoison,
  },
  editNextStepAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), stepId: t.stepId, text: "Book a consulate appointment", repeatDays: "7" }),
    fields: (p) => ({
      ...caseRef(p),
      stepId: id(p),
      text: text(),
      ownerId: id(p),
      dueOn: date,
      repeatDays: oneOfOr(["7", "0", "91", "-1", "1e3"]),
    }),
    poison: casePoison,
  },
  recordAssistanceAction: {
    harmless: (t) => ({
      code: t.caseCode,
      version: stale(t),
      type: "TICKET",
      amount: "450.00",
      currency: "EUR",
      month: "2025-05",
      budgetLineId: randomUUID(),
    }),
    fields: (p) => ({
      ...caseRef(p),
      type: oneOfOr(ASSISTANCE_TYPES),
      amount: text(),
      currency: oneOfOr(CURRENCIES),
      month: text(),
      budgetLineId: id(p),
      note: text(),
    }),
    poison: casePoison,
  },
  decideAssistanceAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), assistanceId: randomUUID(), decision: "APPROVE" }),
    fields: (p) => ({ ...caseRef(p), assistanceId: id(p), decision: oneOfOr(["APPROVE", "REFUSE"]) }),
    poison: casePoison,
  },
  addNoteAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), body: "Consulate slot requested." }),
    fields: (p) => ({ ...caseRef(p), body: text(), supersedesId: id(p) }),
    poison: casePoison,
  },
  addSupervisionNoteAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), body: "Check the stay before booking." }),
    fields: (p) => ({ ...caseRef(p), body: text() }),
    poison: casePoison,
  },
  requestErasureAction: {
    // A stale version: refused before anything is asked for.
    harmless: (t) => ({ code: t.caseCode, version: stale(t), confirmCode: t.caseCode }),
    fields: (p) => ({ ...caseRef(p), confirmCode: text(["WP-AAAA-AAAA"]) }),
    poison: casePoison,
  },
  mergeCasesAction: {
    // A stale version: refused before anything is merged.
    harmless: (t) => ({ code: t.caseCode, version: stale(t), otherCode: "WP-AAAA-AAAA", confirmCode: "WP-AAAA-AAAA" }),
    fields: (p) => ({ ...caseRef(p), otherCode: text(["WP-AAAA-AAAA"]), confirmCode: text(["WP-AAAA-AAAA"]) }),
    poison: casePoison,
  },
  signOffAction: {
    harmless: (t) => ({
      code: t.caseCode,
      version: stale(t),
      storyConsistent: "YES",
      serviceStatusPlausible: "YES",
      noCrimesIndication: "YES",
      noProvocationSign: "YES",
      outcome: "VERIFIED",
    }),
    fields: (p) => ({
      ...caseRef(p),
      storyConsistent: oneOfOr(CHECKLIST_ANSWERS),
      serviceStatusPlausible: oneOfOr(CHECKLIST_ANSWERS),
      noCrimesIndication: oneOfOr(CHECKLIST_ANSWERS),
      noProvocationSign: oneOfOr(CHECKLIST_ANSWERS),
      outcome: oneOfOr(SIGN_OFF_OUTCOMES),
      remark: text(["+7 912 345 67 89", "@handle", "user@example.org"]),
    }),
    poison: casePoison,
  },
  resolveConcernAction: {
    harmless: (t) => ({ code: t.caseCode, version: stale(t), signOffId: randomUUID() }),
    fields: (p) => ({ ...caseRef(p), signOffId: id(p) }),
    poison: casePoison,
  },
};

export const ACTION_INPUTS: Record<string, Record<string, ActionInputs>> = {
  "app/login/actions.ts": {
    signInAction: {
      harmless: (t) => ({ email: t.email, password: "not-the-password", code: "123456" }),
      fields: (p) => ({ email: email(p), password: text(), code: oneOfOr(["123456", "000000", "ABCD-EFGH-IJKL"]) }),
      poison: () => fc.record({ password: wrongPassword }),
    },
  },
  "app/invite/[token]/actions.ts": {
    acceptInviteAction: {
      harmless: () => ({
        token: "not-a-valid-invitation-token",
        activationCode: "0000-0000-0000",
        password: "quiet-lantern-orchard-7351",
        confirmPassword: "quiet-lantern-orchard-7351",
      }),
      // Tokens are 256 random bits shown once; no generated string is ever a live one.
      fields: () => ({
        token: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), text()),
        activationCode: activationCode,
        password: text(),
        confirmPassword: text(),
      }),
    },
  },
  "app/recover/[token]/actions.ts": {
    recoverAccountAction: {
      harmless: () => ({
        token: "not-a-valid-recovery-token",
        activationCode: "0000-0000-0000",
        password: "quiet-lantern-orchard-7351",
        confirmPassword: "quiet-lantern-orchard-7351",
      }),
      // As for invitations: no generated token is ever a live one.
      fields: () => ({
        token: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), text()),
        activationCode: activationCode,
        password: text(),
        confirmPassword: text(),
      }),
    },
  },
  "app/enrol/actions.ts": {
    confirmEnrolmentAction: {
      harmless: () => ({ code: "12345" }),
      fields: () => ({ code: oneOfOr(["123456", "12 34 56", "１２３４５６"]) }),
      // Never six digits, so never a code from the pending secret.
      poison: () => fc.record({ code: hostileString().filter((s) => !/^\d{6}$/.test(s.trim().replace(/\s/g, ""))) }),
    },
    finishEnrolmentAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
  },
  "app/(app)/actions.ts": {
    signOutAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
    keepSessionAliveAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
    endIdleSessionAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
  },
  "app/(app)/admin/actions.ts": {
    // A step-up: a harmless form fails the check once; the poison is a code of the wrong shape.
    confirmSecurityActionsAction: {
      harmless: () => ({ code: NOBODYS_CODE }),
      fields: () => ({ code: stepUpCode() }),
      poison: () => fc.record({ code: malformedCode }),
    },
  },
  "app/(app)/account/actions.ts": {
    // Step-up actions: a harmless form fails the check once (a session ends after five failures, so
    // the poison is a code of the wrong shape, refused before anything is counted).
    changePasswordAction: {
      harmless: () => ({
        currentPassword: "not-the-password",
        newPassword: "quiet-lantern-orchard-7351",
        confirmPassword: "quiet-lantern-orchard-7351",
        code: NOBODYS_CODE,
      }),
      fields: () => ({ currentPassword: text(), newPassword: text(), confirmPassword: text(), code: stepUpCode() }),
      poison: () => fc.record({ currentPassword: wrongPassword, code: malformedCode }),
    },
    endSessionAction: {
      harmless: () => ({ session: "0000000000000000" }),
      fields: (p) => ({ session: fc.oneof(fc.constantFrom(...p.otherSessionRefs), fc.stringMatching(/^[0-9a-f]{16}$/), text()) }),
      // Someone else's session, or none: never one of the caller's own.
      poison: (p) =>
        fc.record({
          session: fc.oneof(
            fc.constantFrom(...p.otherSessionRefs),
            fc.constantFrom("0000000000000000", "%", "ffffffffffffffff"),
            hostileString(),
          ),
        }),
    },
    signOutEverywhereAction: {
      harmless: () => ({ code: NOBODYS_CODE }),
      fields: () => ({ code: stepUpCode() }),
      poison: () => fc.record({ code: malformedCode }),
    },
    regenerateRecoveryCodesAction: {
      harmless: () => ({ currentPassword: "not-the-password", code: NOBODYS_CODE }),
      fields: () => ({ currentPassword: text(), code: stepUpCode() }),
      poison: () => fc.record({ currentPassword: wrongPassword, code: malformedCode }),
    },
    setLocaleAction: {
      harmless: () => ({ locale: "en" }),
      fields: () => ({ locale: oneOfOr(["en", "ru", "EN", "de"]) }),
      poison: () => fc.record({ locale: notOneOf(["en", "ru"]) }),
    },
    setTimeZoneAction: {
      // No such zone: refused by the schema, nothing written.
      harmless: () => ({ timeZone: "Mars/Olympus" }),
      fields: () => ({ timeZone: oneOfOr(["", "UTC", "Asia/Almaty", "utc", "UTC+5"]) }),
      poison: () => fc.record({ timeZone: notOneOf(["", ...TIME_ZONES]) }),
    },
  },
  "app/(app)/cases/new/actions.ts": {
    createCaseAction: {
      harmless: (t) => ({
        ageBand: "AGE_25_34",
        serviceCategory: "MOBILISED",
        peopleTravelling: "1",
        language: "ru",
        riskLevel: "HIGH",
        currentCountry: "XX",
        contactChannel: "@harmless_handle",
        assigneeId: t.caseworkerId,
      }),
      fields: (p) => ({
        ageBand: oneOfOr(AGE_BANDS),
        serviceCategory: oneOfOr(SERVICE_CATEGORIES),
        peopleTravelling: oneOfOr(["1", "0", "31", "-1"]),
        language: oneOfOr(CASE_LANGUAGES),
        riskLevel: oneOfOr(RISK_LEVELS),
        currentCountry: country,
        placeCity: cityKey,
        placeOther: text(),
        contactChannel: text(),
        assigneeId: id(p),
      }),
      poison: () =>
        fc.oneof(
          fc.record({ ageBand: notOneOf(AGE_BANDS) }),
          fc.record({ riskLevel: notOneOf(RISK_LEVELS) }),
          fc.record({ currentCountry: fc.constantFrom("XX", "ZZ", "", "R", "RUS", "1", "SU") }),
          fc.record({ contactChannel: fc.constantFrom("", "   ", "\t\n", "x".repeat(201)) }),
        ),
    },
  },
  "app/(app)/cases/import/actions.ts": {
    // The dry run changes nothing, whatever the file.
    checkImportAction: {
      harmless: () => ({ csv: IMPORT_SHEET }),
      fields: () => ({ csv: text([IMPORT_SHEET, "age_band\nAGE_18_24"]) }),
      poison: () => fc.record({ csv: fc.constantFrom("", "x".repeat(250_001)) }),
    },
    // A row whose caseworker does not exist: nothing can be imported, so nothing is.
    importCasesAction: {
      harmless: () => ({ csv: IMPORT_SHEET, expected: "1" }),
      fields: () => ({ csv: text([IMPORT_SHEET]), expected: text(["1", "2"]) }),
      poison: () => fc.record({ csv: fc.constantFrom(IMPORT_SHEET), expected: fc.constantFrom("", "0", "-1", "x", "1.5") }),
    },
  },
  "app/(app)/cases/actions.ts": {
    // A name that screening refuses: nothing is saved.
    saveCaseFilterAction: {
      harmless: () => ({ name: "call +7 912 345 67 89", query: "status=all" }),
      fields: () => ({ name: text(), query: text(["status=all", "q=WP-2222-2222", "country=KZ&risk=HIGH"]) }),
      poison: () => fc.record({ name: fc.constantFrom("", "   ", "call +7 912 345 67 89") }),
    },
    deleteSavedFilterAction: {
      harmless: () => ({ id: randomUUID() }),
      fields: (p) => ({ id: id(p) }),
      poison: idPoison("id"),
    },
    bulkReassignAction: {
      harmless: (t) => ({ cases: [`${t.caseCode}:${stale(t)}`], assigneeId: t.caseworkerId }),
      fields: (p) => ({
        cases: fc.array(
          fc.oneof(
            fc.tuple(code(p), version).map(([c, v]) => `${c}:${v}`),
            text(),
          ),
          { maxLength: 4 },
        ),
        assigneeId: id(p),
      }),
      poison: (p) => fc.record({ assigneeId: badAssignee(p) }),
    },
  },
  "app/(app)/notifications/actions.ts": {
    // Someone else's notification, or none: marks nothing of anyone else's.
    markNotificationsReadAction: {
      harmless: () => ({ id: randomUUID() }),
      fields: (p) => ({ id: id(p) }),
      poison: idPoison("id"),
    },
  },
  "app/(app)/tasks/actions.ts": {
    completeTaskAction: {
      harmless: (t) => ({ code: t.caseCode, version: stale(t), stepId: t.stepId }),
      fields: (p) => ({ ...caseRef(p), stepId: id(p) }),
      poison: casePoison,
    },
    // A task that does not exist: the board was stale, nothing moves.
    reassignTasksAction: {
      harmless: (t) => ({ stepIds: [randomUUID()], ownerId: t.caseworkerId }),
      fields: (p) => ({ stepIds: fc.array(id(p), { maxLength: 4 }), ownerId: id(p) }),
      // No task, or one that is not an id: refused by the schema whoever the owner is.
      poison: () => fc.record({ stepIds: fc.constantFrom([], ["not-a-uuid"], [""]) }),
    },
  },
  "app/(app)/_components/alerts/actions.ts": {
    clearReadingAlertAction: {
      harmless: () => ({ alertId: randomUUID() }),
      fields: (p) => ({ alertId: id(p) }),
      poison: idPoison("alertId"),
    },
  },
  "app/(app)/dashboard/actions.ts": {
    reassignAllAction: {
      harmless: (t) => ({ fromId: randomUUID(), assigneeId: t.caseworkerId }),
      fields: (p) => ({ fromId: fc.oneof(fc.constant("none"), id(p)), assigneeId: id(p) }),
      poison: (p) => fc.record({ assigneeId: badAssignee(p) }),
    },
    refreshDashboardAction: {
      readOnly: true,
      harmless: () => ({ country: "KZ", staleDays: "14" }),
      fields: (p) => ({
        from: date,
        to: date,
        country,
        assignee: fc.oneof(fc.constant("none"), id(p)),
        risk: oneOfOr(RISK_LEVELS),
        staleDays: oneOfOr(["14", "0", "366", "-1", "1e3"]),
      }),
    },
  },
  "app/(app)/admin/approvals/actions.ts": {
    approveRequestAction: {
      harmless: () => ({ requestId: randomUUID() }),
      fields: (p) => ({ requestId: id(p) }),
      poison: idPoison("requestId"),
    },
    rejectRequestAction: {
      harmless: () => ({ requestId: randomUUID() }),
      fields: (p) => ({ requestId: id(p) }),
      poison: idPoison("requestId"),
    },
  },
  "app/(app)/applications/checklists/actions.ts": {
    addChecklistItemAction: {
      // No label: refused after the permission check, before anything is written.
      harmless: () => ({ destinationCountry: "DE", label: "" }),
      fields: () => ({ destinationCountry: country, applicationType: oneOfOr(APPLICATION_TYPES), label: text() }),
      poison: () => fc.record({ label: fc.constantFrom("", "x", "call +7 701 555 12 34", "a".repeat(81)) }),
    },
    updateChecklistItemAction: {
      harmless: () => ({ itemId: randomUUID(), label: "" }),
      fields: (p) => ({ itemId: id(p), label: text(), active: checkbox }),
      poison: idPoison("itemId"),
    },
    moveChecklistItemAction: {
      harmless: () => ({ itemId: randomUUID(), direction: "sideways" }),
      fields: (p) => ({ itemId: id(p), direction: oneOfOr(["up", "down"]) }),
      poison: idPoison("itemId"),
    },
  },
  "app/(app)/budget/actions.ts": {
    createBudgetLineAction: {
      // No such currency: refused after the permission check, before anything is written.
      harmless: () => ({ label: "Tickets", currency: "XAU", threshold: "200" }),
      fields: () => ({ label: text(), currency: oneOfOr(CURRENCIES), threshold: text(), active: checkbox }),
      poison: () => fc.record({ currency: notOneOf([...CURRENCIES]) }),
    },
    updateBudgetLineAction: {
      harmless: () => ({ id: randomUUID(), label: "Tickets", currency: "XAU", threshold: "200" }),
      fields: (p) => ({ id: id(p), label: text(), currency: oneOfOr(CURRENCIES), threshold: text(), active: checkbox }),
      poison: () => fc.record({ currency: notOneOf([...CURRENCIES]) }),
    },
  },
  "app/(app)/admin/countries/actions.ts": {
    setCountryRiskAction: {
      // No such risk: refused after the permission check, before anything is read.
      harmless: () => ({ countryCode: "FR", risk: "DANGEROUS" }),
      fields: () => ({ countryCode: country, risk: oneOfOr([...JURISDICTION_RISKS, "NONE"]) }),
      poison: () => fc.record({ risk: notOneOf([...JURISDICTION_RISKS, "NONE"]) }),
    },
    setStayRuleAction: {
      // No stay of zero days: refused after the permission check, before anything is read.
      harmless: () => ({ countryCode: "FR", stayDays: "0" }),
      fields: () => ({
        countryCode: country,
        stayDays: days,
        windowDays: days,
        registrationDays: days,
        passportFreeEntry: checkbox,
        checkedOn: date,
        sourceNote: text(),
      }),
    },
  },
  "app/(app)/admin/settings/actions.ts": {
    setOrganisationTimeZoneAction: {
      // No such zone: refused after the permission check, before anything is read.
      harmless: () => ({ timeZone: "Mars/Olympus" }),
      fields: () => ({ timeZone: oneOfOr(["UTC", "Asia/Almaty", "utc", "UTC+5"]) }),
      poison: () => fc.record({ timeZone: notOneOf([...TIME_ZONES]) }),
    },
  },
  "app/(app)/admin/lawyers/actions.ts": {
    addPartnerLawyerAction: {
      // No name: refused after the permission check, before anything is written.
      harmless: () => ({ label: "" }),
      fields: () => ({ label: text(), country }),
      poison: () => fc.record({ label: fc.constantFrom("", "x", "call +7 701 555 12 34", "a".repeat(81)) }),
    },
    updatePartnerLawyerAction: {
      harmless: () => ({ lawyerId: randomUUID(), label: "" }),
      fields: (p) => ({ lawyerId: id(p), label: text(), country, active: checkbox }),
      poison: idPoison("lawyerId"),
    },
  },
  "app/(app)/admin/audit/actions.ts": {
    // Checks the hash chain (audited); reads no argument.
    verifyAuditChainAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
  },
  "app/(app)/cases/[code]/actions.ts": caseActions,
  "app/(app)/emergency/actions.ts": {
    // Without its own field the form freezes nothing: refused before anything changes.
    freezeAction: {
      harmless: () => ({ confirm: "no" }),
      fields: () => ({ confirm: text(["freeze", "FREEZE "]) }),
      poison: () => fc.record({ confirm: fc.constantFrom("", "no", "freeze") }),
    },
    // Waypoint is not frozen while the suite runs: a lift is refused as not frozen.
    requestFreezeLiftAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
    // A recovery code nobody has: refused at the step-up, before any case is read or a window written.
    openOutreachAction: {
      harmless: () => ({ scope: "country", country: "KZ", hours: "6", reason: "ARREST", code: NOBODYS_CODE }),
      fields: (p) => ({
        scope: oneOfOr(["country", "named"]),
        country,
        cases: repeated(code(p)),
        hours: oneOfOr(["6", "12", "24", "48"], ["7", "0", "-6", "6.5", "1e3"]),
        reason: oneOfOr(OUTREACH_REASONS, ["arrest", "NONE"]),
        code: stepUpCode(),
      }),
      poison: () => fc.record({ code: malformedCode }),
    },
    // No window has a random id: closing it is refused as not found.
    closeOutreachAction: {
      harmless: () => ({ id: randomUUID() }),
      fields: (p) => ({ id: id(p) }),
      poison: idPoison("id"),
    },
  },
  "app/(app)/admin/users/actions.ts": {
    inviteUserAction: {
      // An e-mail that already has an account: refused as taken.
      harmless: (t) => ({ email: t.email, role: "CASEWORKER" }),
      fields: (p) => ({ email: email(p), role: oneOfOr(ROLES) }),
      poison: (p) =>
        fc.oneof(fc.record({ role: notOneOf(ROLES) }), fc.record({ email: fc.constantFrom(...p.emails), role: fc.constantFrom(...ROLES) })),
    },
    changeRoleAction: {
      harmless: () => ({ userId: randomUUID(), role: "COORDINATOR" }),
      fields: (p) => ({ userId: id(p), role: oneOfOr(ROLES) }),
      poison: () => fc.oneof(userTargetPoison(), fc.record({ role: notOneOf(ROLES) })),
    },
    deactivateUserAction: { harmless: () => ({ userId: randomUUID() }), fields: (p) => ({ userId: id(p) }), poison: userTargetPoison },
    reactivateUserAction: { harmless: () => ({ userId: randomUUID() }), fields: (p) => ({ userId: id(p) }), poison: userTargetPoison },
    resetSecondFactorAction: { harmless: () => ({ userId: randomUUID() }), fields: (p) => ({ userId: id(p) }), poison: userTargetPoison },
    requestPasswordResetAction: {
      harmless: () => ({ userId: randomUUID() }),
      fields: (p) => ({ userId: id(p) }),
      poison: userTargetPoison,
    },
    revokeUserSessionsAction: { harmless: () => ({ userId: randomUUID() }), fields: (p) => ({ userId: id(p) }), poison: userTargetPoison },
    revokeInviteAction: {
      harmless: () => ({ inviteId: randomUUID() }),
      fields: (p) => ({ inviteId: id(p) }),
      poison: () => fc.record({ inviteId: fc.oneof(missingUuid, malformedUuid) }),
    },
    signOutEveryoneAction: { noInput: true, harmless: () => ({}), fields: () => ({}) },
  },
};

/** The inputs of an action, or an error naming what to add. */
export function inputsFor(filename: string, exportedName: string): ActionInputs {
  const inputs = ACTION_INPUTS[filename]?.[exportedName];
  if (!inputs) throw new Error(`no inputs for ${filename}#${exportedName} in e2e/support/action-inputs.ts: add a row`);
  return inputs;
}

/** Every action the table knows, as `file#name`. */
export function tableActionKeys(): string[] {
  return Object.entries(ACTION_INPUTS)
    .flatMap(([file, actions]) => Object.keys(actions).map((name) => `${file}#${name}`))
    .sort();
}

/** A form as the browser would send it; repeated values become repeated fields. */
export function toFormData(fields: Fields): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return form;
}
