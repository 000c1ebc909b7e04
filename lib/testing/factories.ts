import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { generateRecoveryCodes, hashRecoveryCode } from "@/lib/auth/recovery-codes";
import { actorOfSession, type Actor } from "@/lib/access/actor";
import { checkSession, createSession } from "@/lib/auth/sessions";
import { encryptTotpSecret, generateTotpSecret } from "@/lib/auth/totp";
import { generateCaseCode } from "@/lib/cases/codes";
import { contactIndex } from "@/lib/cases/contact-index";
import { IntakeSchema, type IntakeInput } from "@/lib/cases/schemas";
import { generateActivationCode, hashActivationCode } from "@/lib/users/activation-code";
import { generateLinkToken, hashLinkToken } from "@/lib/users/link-token";
import { travelDocValidUntil } from "@/lib/cases/derived";
import { recordEvents, caseEvent } from "@/lib/cases/write-pipeline";
import { listedCityNamed } from "@/lib/cases/places";
import { CaseKey } from "@/lib/cases/sealed";
import { documentRow, nextStepRow } from "@/lib/cases/sealed-rows";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import { db, type Db, type Tx } from "@/lib/db/client";
import type {
  AgeBand,
  AssistanceStatus,
  AssistanceType,
  CaseStatus,
  DocumentState,
  DocumentType,
  RiskLevel,
  Role,
  ServiceCategory,
  UserStatus,
} from "@/lib/db/generated/enums";

/**
 * Factories for tests and the demo seed. They write rows directly (encrypting what must be
 * encrypted), bypassing the data-access layer on purpose: tests use them to arrange a world, then
 * exercise the DAL on it. app/ never imports this module (lint rule).
 */

type Client = Db | Tx;

export interface CreatedUser {
  id: string;
  email: string;
  role: Role;
  password: string;
  totpSecret: string | null;
  recoveryCodes: string[];
}

export async function createUser(
  options: {
    role?: Role;
    email?: string;
    password?: string;
    /** Base32 secret; `null` creates an account that has not enrolled a second factor. */
    totpSecret?: string | null;
    status?: UserStatus;
    locale?: string;
    withRecoveryCodes?: boolean;
  } = {},
  client: Client = db(),
): Promise<CreatedUser> {
  const id = randomUUID();
  const role = options.role ?? "CASEWORKER";
  const email = (options.email ?? `${role.toLowerCase()}-${randomBytes(5).toString("hex")}@test.example`).toLowerCase();
  const password = options.password ?? `test-${randomBytes(9).toString("base64url")}`;
  const totpSecret = options.totpSecret === undefined ? generateTotpSecret() : options.totpSecret;
  const recoveryCodes = options.withRecoveryCodes ? generateRecoveryCodes() : [];
  await client.user.create({
    data: {
      id,
      email,
      role,
      status: options.status ?? "ACTIVE",
      locale: options.locale ?? "en",
      passwordHash: await hashPassword(password),
      totpSecretEnc: totpSecret ? encryptTotpSecret(totpSecret, id) : null,
      totpEnrolledAt: totpSecret ? new Date() : null,
      deactivatedAt: options.status === "DEACTIVATED" ? new Date() : null,
      recoveryCodes: { create: recoveryCodes.map((code) => ({ codeHash: hashRecoveryCode(code) })) },
    },
  });
  return { id, email, role, password, totpSecret, recoveryCodes };
}

/**
 * An approved invitation, written directly: the token of its link (what the admin saw) and its
 * activation code (what the approving coordinator saw). `approved: false` leaves it waiting.
 */
export async function createInvite(
  options: { email?: string; role?: Role; createdById?: string | null; approved?: boolean; expiresAt?: Date } = {},
): Promise<{ inviteId: string; email: string; token: string; code: string | null }> {
  const email = (options.email ?? `invited-${randomBytes(5).toString("hex")}@test.example`).toLowerCase();
  const token = generateLinkToken();
  const approved = options.approved ?? true;
  const id = randomUUID();
  const code = approved ? generateActivationCode() : null;
  await db().invite.create({
    data: {
      id,
      email,
      role: options.role ?? "CASEWORKER",
      tokenHash: hashLinkToken(token),
      createdById: options.createdById ?? null,
      expiresAt: options.expiresAt ?? new Date(Date.now() + 72 * 3_600_000),
      approvedAt: approved ? new Date() : null,
      codeHash: code ? hashActivationCode(`invite:${id}`, code) : null,
    },
  });
  return { inviteId: id, email, token, code };
}

/** An approved recovery link of an account, written directly: its token and activation code. */
export async function createRecoveryLink(
  userId: string,
  kind: "SECOND_FACTOR" | "PASSWORD" = "PASSWORD",
): Promise<{ recoveryId: string; token: string; code: string }> {
  const token = generateLinkToken();
  const id = randomUUID();
  const code = generateActivationCode();
  await db().accountRecovery.create({
    data: {
      id,
      userId,
      kind,
      tokenHash: hashLinkToken(token),
      codeHash: hashActivationCode(`recovery:${id}`, code),
      approvedAt: new Date(),
      expiresAt: new Date(Date.now() + 72 * 3_600_000),
    },
  });
  return { recoveryId: id, token, code };
}

/**
 * Opens a session row directly, as a sign-in would; returns the id the browser would hold. A full
 * session has also stepped up for security actions at its start (lib/auth/step-up.ts), as an admin
 * at work would have: tests whose subject is something else are not slowed by it. The step-up rule
 * itself is tested with `steppedUpAt: null` (never) or a time of the test's choosing.
 */
export async function createSessionFor(
  userId: string,
  options: { enrolmentOnly?: boolean; now?: Date; steppedUpAt?: Date | null } = {},
): Promise<{ sessionId: string; idHash: string; steppedUpAt: Date | null }> {
  const created = await db().$transaction((tx) =>
    createSession(
      tx,
      { userId, enrolmentOnly: options.enrolmentOnly ?? false, client: "Test on Test", networkHint: "unknown" },
      options.now,
    ),
  );
  const steppedUpAt = options.enrolmentOnly ? null : options.steppedUpAt === undefined ? (options.now ?? new Date()) : options.steppedUpAt;
  if (steppedUpAt) await db().session.update({ where: { idHash: created.idHash }, data: { steppedUpAt } });
  return { sessionId: created.sessionId, idHash: created.idHash, steppedUpAt };
}

/**
 * An Actor for DAL calls, backed by a real session row (so "the caller's own session" and revocation
 * mean something). Also returns the session id, for checkSession.
 */
export async function actorFor(
  user: Pick<CreatedUser, "id" | "email" | "role">,
  options: { enrolmentOnly?: boolean; steppedUpAt?: Date | null } = {},
): Promise<Actor & { sessionId: string }> {
  const { sessionId, idHash, steppedUpAt } = await createSessionFor(user.id, options);
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    locale: "en",
    sessionIdHash: idHash,
    enrolmentOnly: options.enrolmentOnly ?? false,
    sessionExpiresAt: new Date(Date.now() + 3600e3),
    steppedUpAt,
    sessionId,
  };
}

/** The Actor that lib/auth/session.ts builds for a session id, or null when the session has ended. */
export async function actorForSession(sessionId: string, now?: Date): Promise<Actor | null> {
  const state = await checkSession(sessionId, now);
  if (!("live" in state)) return null;
  return actorOfSession(state.live);
}

/** The middle of the 30-second TOTP step holding `at`: codes one step either side are then unambiguous. */
export function midTotpStep(at = Date.now()): Date {
  return new Date(Math.floor(at / 30_000) * 30_000 + 15_000);
}

/**
 * Every row of every table in the public schema, as one JSON text: for asserting that a secret
 * (password, code, token, session id) was stored nowhere in clear.
 */
export async function databaseText(client: Client = db()): Promise<string> {
  const tables = await client.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await client.$queryRawUnsafe<{ rows: string | null }[]>(
      `SELECT json_agg(t)::text AS rows FROM "${name.replace(/"/g, '""')}" t`,
    );
    parts.push(`${name}: ${row?.rows ?? "[]"}`);
  }
  return parts.join("\n");
}

/** An intake as the form posts it, parsed by the server's schema: `overrides` change any field. */
export function intakeInput(overrides: Record<string, string | undefined> = {}): IntakeInput {
  return IntakeSchema.parse({
    ageBand: "AGE_25_34",
    serviceCategory: "MOBILISED",
    peopleTravelling: "1",
    language: "ru",
    riskLevel: "HIGH",
    currentCountry: "KZ",
    contactChannel: `@intake_${randomBytes(4).toString("hex")}`,
    ...overrides,
  });
}

export interface CaseOptions {
  assignedToId?: string | null;
  createdById: string;
  status?: CaseStatus;
  statusChangedAt?: Date;
  createdAt?: Date;
  updatedAt?: Date;
  ageBand?: AgeBand;
  serviceCategory?: ServiceCategory;
  peopleTravelling?: number;
  language?: string;
  riskLevel?: RiskLevel;
  currentCountry?: string;
  /** A place: a listed city's name (stored as its key) or any other text (sealed as "other"). */
  place?: string | null;
  contactChannel?: string;
  /** Written as before the duplicate check's index existed (ADR 031): no contact index. */
  unindexed?: boolean;
  documents?: Array<{ type: DocumentType; state: DocumentState; expiresOn?: Date | null }>;
  code?: string;
  closedAt?: Date | null;
  statusBeforeClose?: CaseStatus | null;
}

export interface CreatedCase {
  id: string;
  code: string;
  contactChannel: string;
  dataKeyWrapped: string;
}

export async function createCase(options: CaseOptions, client: Client = db()): Promise<CreatedCase> {
  const id = randomUUID();
  const code = options.code ?? generateCaseCode();
  const contactChannel = options.contactChannel ?? `@test_${randomBytes(4).toString("hex")}`;
  const { wrapped } = createDataKey(id);
  const key = new CaseKey({ id, dataKeyWrapped: wrapped });
  const documents = (options.documents ?? []).map((d) => ({ ...d, expiresOn: d.expiresOn ?? null }));
  const createdAt = options.createdAt ?? new Date();
  const status = options.status ?? "NEW";
  const country = options.currentCountry ?? "RU";
  const place = placeInput(country, options.place);
  await client.case.create({
    data: {
      id,
      code,
      status,
      statusChangedAt: options.statusChangedAt ?? createdAt,
      statusBeforeClose: options.statusBeforeClose ?? null,
      closedAt: options.closedAt ?? null,
      ageBand: options.ageBand ?? "AGE_25_34",
      serviceCategory: options.serviceCategory ?? "MOBILISED",
      peopleTravelling: options.peopleTravelling ?? 1,
      language: options.language ?? "ru",
      riskLevel: options.riskLevel ?? "ELEVATED",
      currentCountry: country,
      placeCity: place.placeCity,
      placeOtherEnc: key.seal(caseFieldContext.placeOther(id), place.placeOther),
      contactChannelEnc: key.seal(caseFieldContext.contactChannel(id), contactChannel),
      contactIndex: options.unindexed ? null : contactIndex(contactChannel),
      dataKeyWrapped: wrapped,
      travelDocValidUntil: travelDocValidUntil(documents),
      assignedToId: options.assignedToId === undefined ? null : options.assignedToId,
      createdById: options.createdById,
      createdAt,
      updatedAt: options.updatedAt ?? createdAt,
      documents: { create: documents.map((d) => documentRow(key, d)) },
      statusChanges: { create: [{ fromStatus: null, toStatus: "NEW", at: createdAt, actorId: options.createdById }] },
    },
  });
  await recordEvents(client as Tx, key, options.createdById, createdAt, [caseEvent("CASE_CREATED")]);
  return { id, code, contactChannel, dataKeyWrapped: wrapped };
}

/** A place as the seeds and tests name it: a listed city of the country by name, or "other" text. */
export function placeInput(country: string, name: string | null | undefined): { placeCity: string | null; placeOther: string | null } {
  if (!name) return { placeCity: null, placeOther: null };
  const city = listedCityNamed(country, name);
  return city ? { placeCity: city, placeOther: null } : { placeCity: null, placeOther: name };
}

/** Adds an encrypted note to a case, as the notes feature stores it. */
export async function createNote(
  input: { caseId: string; dataKeyWrapped: string; authorId: string; body: string; createdAt?: Date; supersedesId?: string },
  client: Client = db(),
): Promise<{ id: string }> {
  const id = randomUUID();
  const key = new CaseKey({ id: input.caseId, dataKeyWrapped: input.dataKeyWrapped });
  await client.note.create({
    data: {
      id,
      caseId: input.caseId,
      authorId: input.authorId,
      bodyEnc: key.seal(caseFieldContext.noteBody(id), input.body),
      supersedesId: input.supersedesId ?? null,
      createdAt: input.createdAt ?? new Date(),
    },
  });
  return { id };
}

/** Adds an open next step to a case, its text sealed as the app stores it. */
export async function createNextStep(
  input: {
    caseId: string;
    dataKeyWrapped: string;
    text: string;
    createdById: string;
    id?: string;
    ownerId?: string | null;
    dueOn?: Date | null;
    doneAt?: Date | null;
  },
  client: Client = db(),
): Promise<{ id: string }> {
  const row = nextStepRow(new CaseKey({ id: input.caseId, dataKeyWrapped: input.dataKeyWrapped }), { id: input.id, text: input.text });
  await client.nextStep.create({
    data: {
      ...row,
      caseId: input.caseId,
      ownerId: input.ownerId ?? null,
      dueOn: input.dueOn ?? null,
      doneAt: input.doneAt ?? null,
      createdById: input.createdById,
    },
  });
  return { id: row.id };
}

/** A budget line with a unique name (ADR 022). */
export async function createBudgetLine(
  input: { label?: string; currency?: string; approvalThresholdMinor?: number; active?: boolean } = {},
  client: Client = db(),
): Promise<{ id: string; label: string }> {
  const label = input.label ?? `Line ${randomBytes(4).toString("hex")}`;
  const line = await client.budgetLine.create({
    data: {
      label,
      currency: input.currency ?? "EUR",
      approvalThresholdMinor: input.approvalThresholdMinor ?? 10_000,
      active: input.active ?? true,
    },
    select: { id: true },
  });
  return { id: line.id, label };
}

/** Help given to a case, stored as the app stores it (no remark). */
export async function createAssistance(
  input: {
    caseId: string;
    budgetLineId: string;
    recordedById: string;
    type?: AssistanceType;
    amountMinor?: number;
    currency?: string;
    /** `YYYY-MM`. */
    month: string;
    status?: AssistanceStatus;
    country?: string;
    stage?: CaseStatus;
  },
  client: Client = db(),
): Promise<{ id: string }> {
  const row = await client.assistance.create({
    data: {
      caseId: input.caseId,
      budgetLineId: input.budgetLineId,
      recordedById: input.recordedById,
      type: input.type ?? "TICKET",
      amountMinor: input.amountMinor ?? 10_000,
      currency: input.currency ?? "EUR",
      month: new Date(`${input.month}-01T00:00:00.000Z`),
      status: input.status ?? "APPROVED",
      country: input.country ?? "KZ",
      stage: input.stage ?? "IN_THIRD_COUNTRY",
    },
    select: { id: true },
  });
  return row;
}
