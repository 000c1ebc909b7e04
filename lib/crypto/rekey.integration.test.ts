import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { CaseKey } from "@/lib/cases/sealed";
import { until } from "@/lib/testing/lock-waits";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/access/actor";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { checkSession } from "@/lib/auth/sessions";
import { encryptTotpSecret, generateTotpSecret } from "@/lib/auth/totp";
import { redeemRecovery, unsafeIssueSecondFactorRecoveries } from "@/lib/users/recovery";
import { caseEvent, mutateCase } from "@/lib/cases/write-pipeline";
import { changeStatus, closeCase, createCaseFromIntake } from "@/lib/cases/mutations";
import { addExtradition, addWantedEntry, updateLegalExposure } from "@/lib/cases/legal";
import {
  addApplication,
  addNextStep,
  addNote,
  addSupervisionNote,
  recordMove,
  recordSupportLetter,
  updateDocuments,
} from "@/lib/cases/records";
import { getCaseDetail, revealContact } from "@/lib/cases/queries";
import { SEALED_COLUMNS, type SealedColumn } from "@/lib/crypto/sealed-columns";
import { signOffVerification } from "@/lib/cases/vetting";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { caseAudit } from "@/lib/testing/case-state";
import { actorFor, createBudgetLine, createCase, createSessionFor, createUser } from "@/lib/testing/factories";
import { recordAssistance } from "@/lib/budget/assistance";
import { switchToFreshDatabase, useMasterKeys } from "@/lib/testing/vitest-setup";
import { caseFieldContext, decryptWithDataKey, unwrapDataKey, type DataKey } from "./envelope";
import { DecryptionError, keyIdOf, UnknownKeyError } from "./fields";
import { rekeyCases, rekeyStatus } from "./rekey";
import { endSessionsWithoutSecondFactor } from "@/lib/auth/sessions";
import { resetAllSecondFactors, RESET_SECOND_FACTORS_WORD } from "@/lib/key-rotation/rotation";

const useKeys = useMasterKeys;

beforeEach(async () => {
  await switchToFreshDatabase();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

async function ref(code: string): Promise<{ code: string; version: number }> {
  return { code, version: (await db().case.findUniqueOrThrow({ where: { code }, select: { version: true } })).version };
}

const ALL_YES = { storyConsistent: "YES", serviceStatusPlausible: "YES", noCrimesIndication: "YES", noProvocationSign: "YES" } as const;

/** A case with a value in every sealed column, written through the app's own mutations. */
async function caseWithEverySealedValue(worker: Actor, tag: string): Promise<string> {
  const { code } = await createCaseFromIntake(worker, {
    ageBand: "AGE_25_34",
    serviceCategory: "MOBILISED",
    peopleTravelling: 1,
    language: "ru",
    riskLevel: "ELEVATED",
    currentCountry: "GE",
    placeOther: `flat above the bakery ${tag}`,
    contactChannel: `@rekey_${tag}`,
  });
  await recordMove(worker, {
    ...(await ref(code)),
    country: "TR",
    placeOther: `bus station ${tag}`,
    arrivedOn: new Date("2026-11-02T00:00:00.000Z"),
  });
  await updateDocuments(worker, {
    ...(await ref(code)),
    documents: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: new Date("2031-05-01T00:00:00.000Z") }],
  });
  await addApplication(worker, {
    ...(await ref(code)),
    type: "VISA",
    destinationCountry: "DE",
    officeOther: `consulate annex ${tag}`,
    status: "APPOINTMENT_SCHEDULED",
    submittedOn: new Date("2026-10-20T00:00:00.000Z"),
    appointmentAt: "2027-01-15T09:30",
  });
  await addApplication(worker, {
    ...(await ref(code)),
    type: "HUMANITARIAN_VISA",
    destinationCountry: "FR",
    status: "APPROVED",
    submittedOn: new Date("2026-09-01T00:00:00.000Z"),
    decisionOn: new Date("2026-10-01T00:00:00.000Z"),
    validFrom: new Date("2026-10-05T00:00:00.000Z"),
    validUntil: new Date("2027-01-02T00:00:00.000Z"),
    entryBy: new Date("2026-12-20T00:00:00.000Z"),
  });
  await addApplication(worker, {
    ...(await ref(code)),
    type: "VISA",
    destinationCountry: "ES",
    status: "REJECTED",
    submittedOn: new Date("2026-09-02T00:00:00.000Z"),
    decisionOn: new Date("2026-10-02T00:00:00.000Z"),
    appealBy: new Date("2026-11-02T00:00:00.000Z"),
  });
  const letterFor = (await db().application.findFirstOrThrow({ where: { case: { code }, destinationCountry: "FR" }, select: { id: true } }))
    .id;
  const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
  await recordSupportLetter(coordinator, {
    ...(await ref(code)),
    applicationId: letterFor,
    issuedOn: new Date("2026-08-20T00:00:00.000Z"),
  });
  await updateLegalExposure(worker, {
    ...(await ref(code)),
    criminalCase: "SENTENCED",
    criminalArticle: "DESERTION",
    criminalOpened: "2025-01",
    criminalStageSince: "2025-06",
    detained: false,
  });
  await addWantedEntry(worker, { ...(await ref(code)), scope: "INTERSTATE", requestingState: "RU", knownMonth: "2025-07" });
  await addExtradition(worker, {
    ...(await ref(code)),
    country: "TR",
    stage: "APPEAL",
    appealDue: new Date("2027-02-03T00:00:00.000Z"),
    catMeasure: "REQUESTED",
    echrMeasure: "REQUESTED",
    lawyer: "PARTNER",
    partnerLawyerId: (await db().partnerLawyer.create({ data: { label: `Istanbul bureau ${tag}` } })).id,
  });
  await addNextStep(worker, { ...(await ref(code)), text: `call the lawyer ${tag}` });
  await addNote(worker, { ...(await ref(code)), body: `first call went well ${tag}` });
  await addSupervisionNote(coordinator, { ...(await ref(code)), body: `check the stay first ${tag}` });
  const line = await createBudgetLine();
  await recordAssistance(worker, {
    ...(await ref(code)),
    type: "ACCOMMODATION",
    amount: 12_000,
    currency: "EUR",
    month: "2026-10",
    budgetLineId: line.id,
    note: `hostel near the station ${tag}`,
  });
  await changeStatus(worker, { ...(await ref(code)), to: "VERIFYING" });
  await signOffVerification(worker, { ...(await ref(code)), ...ALL_YES, outcome: "VERIFIED", remark: `story checks out ${tag}` });
  await closeCase(worker, { ...(await ref(code)), reason: "OTHER", reasonText: `moved on ${tag}` });
  return code;
}

interface SealedValue {
  column: SealedColumn;
  caseId: string;
  rowKey: string;
  value: string;
}

/** Every non-null value of every sealed column of the given cases, read straight from the tables. */
async function sealedValues(caseIds: string[]): Promise<SealedValue[]> {
  const values: SealedValue[] = [];
  for (const column of SEALED_COLUMNS) {
    const rows = await db().$queryRawUnsafe<{ case_id: string; row_key: string; value: string }[]>(
      `SELECT "${column.caseColumn}"::text AS case_id, ${column.rowKey} AS row_key, "${column.column}" AS value
       FROM "${column.table}" WHERE "${column.caseColumn}" = ANY($1::uuid[]) AND "${column.column}" IS NOT NULL`,
      caseIds,
    );
    values.push(...rows.map((r) => ({ column, caseId: r.case_id, rowKey: r.row_key, value: r.value })));
  }
  return values;
}

const where = (v: SealedValue) => `${v.column.table}.${v.column.column}`;

async function dataKeys(caseIds: string[]): Promise<Map<string, DataKey>> {
  const rows = await db().case.findMany({ where: { id: { in: caseIds } }, select: { id: true, dataKeyWrapped: true } });
  return new Map(rows.map((r) => [r.id, unwrapDataKey(r.dataKeyWrapped, r.id)]));
}

describe("re-keying: a new data key for every case", () => {
  test("every sealed value still reads the same through the app, and the old data key opens none of them", async () => {
    const worker = await actorFor(await createUser({ role: "CASEWORKER" }));
    const codes = [await caseWithEverySealedValue(worker, "a"), await caseWithEverySealedValue(worker, "b")];
    // Travelling together: the group is sealed in both cases, as linkCases leaves it (ADR 023; the
    // cases are closed by now, so it is written here).
    const group = JSON.stringify({ id: randomUUID(), kind: "FAMILY" });
    const pair = await db().case.findMany({ where: { code: { in: codes } }, select: { id: true, dataKeyWrapped: true } });
    for (const [i, kase] of pair.entries())
      await db().case.update({
        where: { id: kase.id },
        data: {
          groupEnc: new CaseKey(kase).seal(caseFieldContext.group(kase.id), group),
          // And one merged into the other (ADR 031): which one, sealed.
          ...(i === 0 ? { mergedIntoEnc: new CaseKey(kase).seal(caseFieldContext.mergedInto(kase.id), pair[1]!.id) } : {}),
        },
      });
    const cases = await db().case.findMany({
      where: { code: { in: codes } },
      select: { id: true, code: true, dataKeyWrapped: true, dataKeyCreatedAt: true, updatedAt: true },
    });
    const ids = cases.map((c) => c.id);
    const oldKeys = await dataKeys(ids);
    const now = new Date();
    const detailsBefore = await Promise.all(codes.map((code) => getCaseDetail(worker, code, now)));
    const valuesBefore = await sealedValues(ids);

    const result = await rekeyCases();

    expect(result).toMatchObject({
      resumed: false,
      casesRekeyed: 2,
      valuesResealed: valuesBefore.length,
      remaining: 0,
      run: { casesRekeyed: 2 },
    });
    expect(result.run.finishedAt).not.toBeNull();
    // Through the app: the same page, the same contact; only the version moved (updatedAt did not).
    for (const [i, code] of codes.entries()) {
      const before = detailsBefore[i]!;
      // The other case of the group was re-keyed too: its version moved as well.
      const group = before.group && { ...before.group, members: before.group.members.map((m) => ({ ...m, version: m.version + 1 })) };
      expect(await getCaseDetail(worker, code, now)).toEqual({ ...before, version: before.version + 1, group });
      expect(await revealContact(worker, code)).toBe(`@rekey_${"ab"[i]}`);
    }
    // In the tables: every value is under the new key; the old key opens none, not even with the new key's id.
    const newKeys = await dataKeys(ids);
    const valuesAfter = await sealedValues(ids);
    expect(valuesAfter.map((v) => `${where(v)}/${v.rowKey}`).sort()).toEqual(valuesBefore.map((v) => `${where(v)}/${v.rowKey}`).sort());
    const covered = new Set<string>();
    for (const after of valuesAfter) {
      const oldKey = oldKeys.get(after.caseId)!;
      const newKey = newKeys.get(after.caseId)!;
      const context = after.column.context(after.rowKey, after.caseId);
      const before = valuesBefore.find((v) => v.caseId === after.caseId && where(v) === where(after) && v.rowKey === after.rowKey)!;
      expect(newKey.id).not.toBe(oldKey.id);
      expect(keyIdOf(after.value)).toBe(newKey.id);
      expect(decryptWithDataKey(after.value, newKey, context)).toBe(decryptWithDataKey(before.value, oldKey, context));
      expect(() => decryptWithDataKey(after.value, oldKey, context), where(after)).toThrow(UnknownKeyError);
      expect(() => decryptWithDataKey(after.value, { id: newKey.id, bytes: oldKey.bytes }, context), where(after)).toThrow(DecryptionError);
      covered.add(where(after));
    }
    // A sealed column added later without data here fails this test instead of passing unchecked.
    expect([...covered].sort()).toEqual(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());

    for (const kase of cases) {
      const row = await db().case.findUniqueOrThrow({
        where: { id: kase.id },
        select: { dataKeyWrapped: true, dataKeyCreatedAt: true, updatedAt: true },
      });
      expect(row.dataKeyWrapped).not.toBe(kase.dataKeyWrapped);
      expect(row.dataKeyCreatedAt.getTime()).toBeGreaterThan(result.run.startedAt.getTime());
      expect(row.updatedAt).toEqual(kase.updatedAt);
      const rekeyed = (await caseAudit(kase.id)).filter((e) => e.action === "case.rekeyed");
      // One entry for the batch (both cases), in each case's trail.
      expect(rekeyed.map((e) => ({ actorId: e.actorId, targetId: e.targetId, meta: e.meta }))).toEqual([
        { actorId: null, targetId: null, meta: { fields: ["dataKey"], cases: 2 } },
      ]);
    }
    const system = await db().auditLog.findMany({ where: { action: "keys.rekeyed" } });
    expect(system).toHaveLength(1);
    expect(system[0]).toMatchObject({
      actorId: null,
      targetType: "system",
      targetId: result.run.id,
      meta: { casesRekeyed: 2, wrappedUnder: "test1" },
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  test("an interrupted run is continued by the next call, which re-keys only the rest; a case made after the start is left alone", async () => {
    const worker = await createUser({ role: "CASEWORKER", totpSecret: null });
    const first = await Promise.all(Array.from({ length: 5 }, () => createCase({ createdById: worker.id })));
    const stop = new Error("stopped by the test");
    const seen: number[] = [];
    await expect(
      rekeyCases({
        batchSize: 2,
        onProgress: (p) => {
          seen.push(p.done);
          expect(p.total).toBe(5);
          if (p.done === 2) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(seen).toEqual([2]);
    const run = await db().rekeyRun.findFirstOrThrow();
    expect(run).toMatchObject({ casesRekeyed: 2, finishedAt: null });
    expect(await db().case.count({ where: { dataKeyCreatedAt: { gt: run.startedAt } } })).toBe(2);
    expect(await rekeyStatus()).toMatchObject({ last: { id: run.id, casesRekeyed: 2, finishedAt: null }, remaining: 3 });

    const later = await createCase({ createdById: worker.id });
    const resumed = await rekeyCases();
    expect(resumed).toMatchObject({ resumed: true, casesRekeyed: 3, remaining: 0, run: { id: run.id, casesRekeyed: 5 } });
    expect(resumed.run.finishedAt).not.toBeNull();
    for (const kase of first) expect((await caseAudit(kase.id)).filter((e) => e.action === "case.rekeyed")).toHaveLength(1);
    expect((await db().case.findUniqueOrThrow({ where: { id: later.id } })).dataKeyWrapped).toBe(later.dataKeyWrapped);
    expect((await caseAudit(later.id)).filter((e) => e.action === "case.rekeyed")).toHaveLength(0);

    // After a finished run, the next call is a new run over every case.
    const again = await rekeyCases();
    expect(again).toMatchObject({ resumed: false, casesRekeyed: 6, run: { casesRekeyed: 6 } });
    expect(again.run.id).not.toBe(run.id);
    expect((await db().auditLog.findMany({ where: { action: "keys.rekeyed" }, orderBy: { id: "asc" } })).map((e) => e.meta)).toMatchObject([
      { casesRekeyed: 5 },
      { casesRekeyed: 6 },
    ]);
  });
});

describe("re-keying while the app writes", () => {
  const probeClient = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return client;
  };
  const waitingOn = async (client: pg.Client, event: string) =>
    (
      await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = $1",
        [event],
      )
    ).rows[0]!.n;

  test("a write that read the case before the re-key committed gets a 409 (stale_version), not a value under the old key", async () => {
    const user = await createUser({ role: "CASEWORKER" });
    const worker = await actorFor(user);
    const kase = await createCase({ createdById: user.id, assignedToId: user.id });
    const seen = await ref(kase.code);
    // pg_stat_activity is read once per transaction: the client that polls it is not the one holding the lock.
    const holder = await probeClient();
    const probe = await probeClient();
    try {
      // Hold the audit log's lock: the re-key then waits at its last step, with the case row locked and its new key written.
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(49072711)");
      const rekeying = rekeyCases();
      rekeying.catch(() => undefined);
      await until(async () => (await waitingOn(probe, "advisory")) === 1, "the re-key to wait for the audit lock");
      // The writer reads the case (old version, old key), then waits for the row.
      const writing = addNote(worker, { ...seen, body: "written under which key?" });
      writing.catch(() => undefined);
      await until(async () => (await waitingOn(probe, "transactionid")) === 1, "the writer to wait for the case row");
      await holder.query("COMMIT");
      expect((await rekeying).casesRekeyed).toBe(1);
      const error = await writing.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe("stale_version");
    } finally {
      await Promise.all([holder.end(), probe.end()]);
    }
    expect(await db().note.count({ where: { caseId: kase.id } })).toBe(0);
    // With the version the re-key left, the same write goes through, under the new key.
    await addNote(worker, { ...(await ref(kase.code)), body: "written after" });
    const [note] = await sealedValues([kase.id]).then((values) => values.filter((v) => v.column.table === "notes"));
    expect(keyIdOf(note!.value)).toBe((await dataKeys([kase.id])).get(kase.id)!.id);
  });

  test("a write that locked the case first is committed under the old key and then re-sealed with the new one", async () => {
    const user = await createUser({ role: "CASEWORKER" });
    const worker = await actorFor(user);
    const kase = await createCase({ createdById: user.id, assignedToId: user.id });
    const oldKey = (await dataKeys([kase.id])).get(kase.id)!;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    const writing = mutateCase(worker, await ref(kase.code), "case:addNote", async (tx, current, now, key) => {
      const id = crypto.randomUUID();
      await tx.note.create({
        data: {
          id,
          caseId: current.id,
          authorId: worker.userId,
          bodyEnc: key.seal(caseFieldContext.noteBody(id), "slow note"),
          createdAt: now,
        },
      });
      locked();
      await released;
      return { events: [caseEvent("NOTE_ADDED")], audit: { action: "case.note_added", fields: ["notes"] }, result: id };
    });
    await hasLock;
    const probe = await probeClient();
    try {
      const rekeying = rekeyCases();
      rekeying.catch(() => undefined);
      await until(async () => (await waitingOn(probe, "transactionid")) === 1, "the re-key to wait for the case row");
      release();
      await writing;
      expect((await rekeying).casesRekeyed).toBe(1);
    } finally {
      await probe.end();
    }
    const newKey = (await dataKeys([kase.id])).get(kase.id)!;
    for (const value of await sealedValues([kase.id])) expect(keyIdOf(value.value), where(value)).toBe(newKey.id);
    expect(newKey.id).not.toBe(oldKey.id);
    expect((await getCaseDetail(worker, kase.code)).notes.map((n) => n.body)).toEqual(["slow note"]);
  });
});

describe("resetting every second factor", () => {
  async function world() {
    const admin = await createUser({ role: "ADMIN", withRecoveryCodes: true });
    const worker = await createUser({ role: "CASEWORKER", withRecoveryCodes: true });
    const invited = await createUser({ role: "COORDINATOR", totpSecret: null });
    // Pending: a secret shown at enrolment, not yet confirmed.
    await db().user.update({ where: { id: invited.id }, data: { totpSecretEnc: encryptTotpSecret(generateTotpSecret(), invited.id) } });
    const sessions = [
      await createSessionFor(admin.id),
      await createSessionFor(worker.id),
      await createSessionFor(invited.id, { enrolmentOnly: true }),
    ];
    return { admin, worker, invited, sessions };
  }
  const userState = () =>
    db().user.findMany({ orderBy: { id: "asc" }, select: { id: true, totpSecretEnc: true, totpEnrolledAt: true, totpLastStep: true } });

  test("without the confirmation word nothing changes", async () => {
    const { sessions } = await world();
    const before = await userState();
    for (const confirmation of ["", "reset", "yes", " RESET"]) {
      await expect(resetAllSecondFactors({ confirmation })).rejects.toThrow(/not reset/);
    }
    expect(await userState()).toEqual(before);
    expect(await db().recoveryCode.count()).toBe(20);
    for (const s of sessions) expect(await checkSession(s.sessionId)).toHaveProperty("live");
    expect(await db().auditLog.count({ where: { action: "user.second_factors_reset_all" } })).toBe(0);
  });

  test("every account loses its TOTP secret and recovery codes, every session ends; a password alone signs nobody in, the operator's recovery link and code do", async () => {
    const { worker, sessions } = await world();
    const result = await resetAllSecondFactors({ confirmation: RESET_SECOND_FACTORS_WORD });
    expect(result).toEqual({ accounts: 3, recoveryCodes: 20, sessions: 3, lateSessionsEnded: 0 });
    for (const user of await userState()) expect(user).toMatchObject({ totpSecretEnc: null, totpEnrolledAt: null, totpLastStep: null });
    expect(await db().recoveryCode.count()).toBe(0);
    for (const s of sessions) expect(await checkSession(s.sessionId)).toEqual({ ended: "revoked" });
    const [entry] = await db().auditLog.findMany({ where: { action: "user.second_factors_reset_all" } });
    expect(entry).toMatchObject({ actorId: null, targetType: "system", meta: { accounts: 3, recoveryCodesDeleted: 20, sessionsEnded: 3 } });

    const client = { network: "unknown", label: "Test on Test" };
    const signIn = await signInWithPassword({ email: worker.email, password: worker.password, code: undefined }, client);
    expect(signIn).toStrictEqual({ ok: false, reason: "invalid" });
    // What the command prints next: a pre-approved recovery link and, apart, its activation code.
    const issued = (await unsafeIssueSecondFactorRecoveries()).find((i) => i.email === worker.email)!;
    const used = await redeemRecovery(issued.link.split("/recover/")[1]!, { activationCode: issued.activationCode }, client);
    expect(used.kind).toBe("SECOND_FACTOR");
  });

  test("a full session opened by a sign-in that raced the reset is ended afterwards; enrolment and re-enrolled sessions stay", async () => {
    const { admin, worker, invited } = await world();
    await resetAllSecondFactors({ confirmation: RESET_SECOND_FACTORS_WORD });
    const raced = await createSessionFor(worker.id);
    const enrolling = await createSessionFor(invited.id, { enrolmentOnly: true });
    await db().user.update({
      where: { id: admin.id },
      data: { totpEnrolledAt: new Date(Date.now() - 1000), totpSecretEnc: encryptTotpSecret(generateTotpSecret(), admin.id) },
    });
    const reEnrolled = await createSessionFor(admin.id);
    expect(await endSessionsWithoutSecondFactor()).toBe(1);
    expect(await checkSession(raced.sessionId)).toEqual({ ended: "revoked" });
    expect(await checkSession(enrolling.sessionId)).toHaveProperty("live");
    expect(await checkSession(reEnrolled.sessionId)).toHaveProperty("live");
  });
});

describe("npm run keys:rotate", () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        path.resolve("node_modules/.bin/tsx"),
        ["--conditions=react-server", "scripts/rotate-keys.ts", ...args],
        { env, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  test("after a master key leak: a new master key, --rekey, the old key removed; everything reads, and old keys open nothing", async () => {
    const oldMaster = `old:${randomBytes(32).toString("base64")}`;
    const newMaster = `new:${randomBytes(32).toString("base64")}`;
    useKeys(oldMaster, "old");
    const user = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: user.id, assignedToId: user.id, contactChannel: "@after_the_leak" });
    const leaked = (await dataKeys([kase.id])).get(kase.id)!;

    useKeys(`${oldMaster},${newMaster}`, "new");
    const { code, stdout } = await run(["--rekey"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /✔ re-keyed 1 case\(s\) .*re-wrapped 0 case key\(s\) and 1 TOTP secret\(s\) under "new"; key\(s\) old can now be removed/,
    );

    useKeys(newMaster, "new");
    expect(await revealContact(await actorFor(user), kase.code)).toBe("@after_the_leak");
    const [contact] = (await sealedValues([kase.id])).filter((v) => v.column.column === "contact_channel_enc");
    expect(() => decryptWithDataKey(contact!.value, leaked, contact!.column.context(contact!.rowKey, kase.id))).toThrow();

    const status = await run(["--status"]);
    expect(status.stdout).toMatch(/re-keying: last run started .* finished .*: 1 case\(s\) re-keyed/);
  }, 60_000);

  test("--reset-second-factors without a terminal and without --yes refuses and changes nothing", async () => {
    const user = await createUser({ role: "ADMIN", withRecoveryCodes: true });
    const { code, stderr } = await run(["--reset-second-factors"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /1 account\(s\) will lose their second factor .* nobody to confirm it\. Run the command in a terminal, or add --yes/,
    );
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ totpEnrolledAt: expect.any(Date) });
    expect(await db().recoveryCode.count()).toBe(10);
  }, 60_000);
});
