import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { GENESIS_HASH, unkeyedEntryHash } from "@/lib/audit/chain";
import { verifyAuditChain } from "@/lib/audit/verify";
import { caseFieldContext, createDataKey, encryptWithDataKey, unwrapDataKey } from "@/lib/crypto/envelope";
import { db, disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { databaseText } from "@/lib/testing/factories";
import { emptyDatabases } from "@/lib/testing/vitest-setup";
import { migrate, MigrationError } from "@/lib/migrations/migrate";
import { migrationsUpTo } from "@/lib/testing/old-migrations";

/**
 * Issue 14's migration on a database that holds plaintext: a copy of the schema as it was (every
 * migration up to the stage_stays one), filled the way the app used to write, then migrated. After
 * it, no plaintext of a case is left anywhere (free text, exact days, case ids and values in the
 * audit log), everything still reads through the app, and the audit chain verifies (rewritten once,
 * with a record of the head it had).
 */

const previousUrl = process.env.DATABASE_URL;
const freshDatabase = () => emptyDatabases.create("seal");

/** The migrations folder as it was before issue 14 (up to and including `lastName`). */

afterEach(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  resetEnvCache();
});
afterAll(() => emptyDatabases.drop());

const TEXT = {
  almaty: "Almaty",
  village: "a village past the second bridge",
  closing: "went home to look after his mother",
  movePlace: "the camp by the old quarry",
  office: "Yerevan",
  officeOther: "the visa centre on the hill",
  step: "ask the lawyer about the hearing",
  remark: "his account matched both times",
};
const DAYS = {
  arrived: "2012-02-15",
  left: "2012-03-21",
  expires: "2012-09-30",
  submitted: "2012-04-11",
  appointment: "2033-05-06T07:08:00.000Z",
  decision: "2012-06-01",
};

/** Writes, in the schema as it was, a caseworker and two cases the way the app used to. */
async function fillOldDatabase(client: pg.Client) {
  const userId = randomUUID();
  await client.query(
    `INSERT INTO users (id, email, role, password_hash, updated_at) VALUES ($1, 'old@test.example', 'CASEWORKER', 'x', now())`,
    [userId],
  );
  const cases = [
    { id: randomUUID(), code: "WP-2345-6789", country: "KZ", place: TEXT.almaty },
    { id: randomUUID(), code: "WP-3456-789A", country: "AM", place: TEXT.village },
  ];
  for (const kase of cases) {
    const { key, wrapped } = createDataKey(kase.id);
    await client.query(
      `INSERT INTO cases (id, code, status, status_before_close, close_reason, close_reason_text, closed_at, age_band, service_category, language, risk_level,
                          current_country, coarse_place, contact_channel_enc, data_key_wrapped, travel_doc_valid_until, next_appointment_at, assigned_to_id, created_by_id)
       VALUES ($1, $2, 'CLOSED', 'APPLYING', 'OTHER', $3, now(), 'AGE_25_34', 'MOBILISED', 'ru', 'HIGH', $4, $5, $6, $7, DATE '2034-08-17', $8, $9, $9)`,
      [
        kase.id,
        kase.code,
        TEXT.closing,
        kase.country,
        kase.place,
        encryptWithDataKey("@old_contact", key, caseFieldContext.contactChannel(kase.id)),
        wrapped,
        DAYS.appointment,
        userId,
      ],
    );
    await client.query(
      `INSERT INTO movements (id, case_id, country, place, arrived_on, left_on, created_by_id) VALUES ($1, $2, 'AM', $3, $4, $5, $6)`,
      [randomUUID(), kase.id, TEXT.movePlace, DAYS.arrived, DAYS.left, userId],
    );
    await client.query(`INSERT INTO case_documents (case_id, type, state, expires_on) VALUES ($1, 'FOREIGN_PASSPORT', 'HELD', $2)`, [
      kase.id,
      DAYS.expires,
    ]);
    await client.query(
      `INSERT INTO applications (id, case_id, type, destination_country, office_city, status, submitted_on, appointment_at, decision_on) VALUES ($1, $2, 'VISA', 'FR', $3, 'APPROVED', $4, $5, $6)`,
      [randomUUID(), kase.id, kase.country === "KZ" ? TEXT.officeOther : TEXT.office, DAYS.submitted, DAYS.appointment, DAYS.decision],
    );
    await client.query(`INSERT INTO next_steps (id, case_id, text, created_by_id) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      kase.id,
      TEXT.step,
      userId,
    ]);
    await client.query(
      `INSERT INTO verification_sign_offs (id, case_id, author_id, author_role, story_consistent, service_status_plausible, no_crimes_indication, no_provocation_sign, outcome, remark)
       VALUES ($1, $2, $3, 'CASEWORKER', 'YES', 'YES', 'YES', 'YES', 'VERIFIED', $4)`,
      [randomUUID(), kase.id, userId, TEXT.remark],
    );
    await client.query(
      `INSERT INTO case_events (case_id, type, actor_id, detail) VALUES ($1, 'LOCATION_CHANGED', $2, $3), ($1, 'CASE_CREATED', $2, '{}')`,
      [kase.id, userId, JSON.stringify({ from: "RU", to: "KZ" })],
    );
  }
  // The audit log as the app used to write it: case ids as targets and case values in meta.
  let prevHash = GENESIS_HASH;
  let id = 0n;
  const append = async (action: string, targetType: string | null, targetId: string | null, meta: Record<string, unknown>) => {
    id += 1n;
    const entry = { id, at: new Date(), actorId: userId, action, targetType, targetId, meta, prevHash };
    // Plain SHA-256: the chain as the app wrote it before ADR 014.
    const hash = unkeyedEntryHash(entry);
    await client.query(
      `INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id.toString(), entry.at, userId, action, targetType, targetId, JSON.stringify(meta), prevHash, hash],
    );
    prevHash = hash;
  };
  await append("auth.sign_in", "session", "0123456789abcdef", {});
  for (const kase of cases) {
    await append("case.legal_updated", "case", kase.id, { detained: true, criminalCase: "OPENED" });
    await append("case.location_changed", "case", kase.id, { from: "RU", to: kase.country });
    await append("case.closed", "case", kase.id, { from: "APPLYING", reason: "OTHER" });
    await append("case.read", "case", kase.id, {});
  }
  await append("case.access_refused", "case", null, { codeHash: "0f".repeat(16), operation: "case:read" });
  await append("case.purged", "case", randomUUID(), { codeHash: "1e".repeat(16), retentionDays: 180 });
  await client.query(`SELECT setval(pg_get_serial_sequence('audit_log','id'), $1)`, [id.toString()]);
  await client.query(`INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1, $2)`, [id.toString(), prevHash]);
  return { cases, headBefore: prevHash, entries: Number(id) };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("the seal_case_fields migration", () => {
  test("leaves no plaintext of a case anywhere, keeps every value readable and the audit chain whole", async () => {
    const url = await freshDatabase();
    const old = await migrationsUpTo("20261126113220_stage_stays");
    await migrate(url, { dir: old });
    await rm(old, { recursive: true, force: true });
    const world = await withClient(url, fillOldDatabase);

    const result = await migrate(url);
    // These two first; migrations made after them follow.
    expect(result.applied.slice(0, 2)).toEqual(["20261204143721_sealed_case_fields", "20261204143807_drop_plaintext_case_fields"]);

    process.env.DATABASE_URL = url;
    resetEnvCache();
    const everything = await databaseText();
    // The appointment keeps its day in clear (for the appointments views); its minute is sealed.
    const exactDays = [DAYS.arrived, DAYS.left, DAYS.expires, DAYS.submitted, DAYS.decision, "2033-05-06T07:08", "2034-08-17"];
    for (const value of [...Object.values(TEXT).filter((t) => t !== "Almaty" && t !== "Yerevan"), ...exactDays]) {
      expect(everything, value).not.toContain(value);
    }
    const auditText = JSON.stringify(await db().auditLog.findMany({ select: { targetId: true, meta: true } }));
    for (const kase of world.cases) expect(auditText).not.toContain(kase.id);
    for (const value of ["DETAINED", "detained", "OPENED", "APPLYING", "codeHash", '"KZ"', '"AM"'])
      expect(auditText, value).not.toContain(value);

    // Everything reads back through the case's key.
    const [almaty, village] = await Promise.all(world.cases.map((c) => caseState(c.id)));
    expect(almaty!.row).toMatchObject({
      placeCity: "1526384",
      placeOtherEnc: null,
      nextAppointmentOn: new Date("2033-05-06T00:00:00.000Z"),
    });
    expect(almaty!.place).toBe("Almaty");
    expect(village!.row.placeCity).toBeNull();
    expect(village!.place).toBe(TEXT.village);
    for (const state of [almaty!, village!]) {
      expect(state.closeReasonText).toBe(TEXT.closing);
      // Month grain: valid until the day before the month of expiry.
      expect(state.row.travelDocValidUntil).toEqual(new Date("2034-07-31T00:00:00.000Z"));
      expect(state.movements).toMatchObject([
        {
          place: TEXT.movePlace,
          arrivedOn: new Date(`${DAYS.arrived}T00:00:00.000Z`),
          leftOn: new Date(`${DAYS.left}T00:00:00.000Z`),
          arrivedWeek: new Date("2012-02-13T00:00:00.000Z"),
          leftWeek: new Date("2012-03-19T00:00:00.000Z"),
        },
      ]);
      expect(state.documents).toMatchObject([
        { expiresOn: new Date(`${DAYS.expires}T00:00:00.000Z`), expiresMonth: new Date("2012-09-01T00:00:00.000Z") },
      ]);
      expect(state.applications[0]).toMatchObject({
        submittedOn: new Date(`${DAYS.submitted}T00:00:00.000Z`),
        appointmentAt: new Date(DAYS.appointment),
        appointmentOn: new Date("2033-05-06T00:00:00.000Z"),
        decisionOn: new Date(`${DAYS.decision}T00:00:00.000Z`),
      });
      expect(state.nextSteps.map((s) => s.text)).toEqual([TEXT.step]);
      expect(state.events.map((e) => e.detail)).toEqual(expect.arrayContaining([{ from: "RU", to: "KZ" }, {}]));
    }
    // An office city that names a listed city (Yerevan, where the person waits) is kept as its key.
    expect(village!.applications[0]).toMatchObject({ officeCityKey: "616052", officeOtherEnc: null, officeCity: "Yerevan" });
    expect(almaty!.applications[0]).toMatchObject({ officeCityKey: null, officeCity: TEXT.officeOther });
    const key = unwrapDataKey(almaty!.row.dataKeyWrapped, almaty!.row.id);
    expect(key.bytes).toHaveLength(32);

    // The case entries are linked to their cases instead of naming them; the chain verifies; the
    // rewrite is on record with the head the log had before. The later step key_audit_chain (ADR 014)
    // then keyed the chain, recording the head it had after the redaction.
    for (const kase of world.cases)
      expect((await caseAudit(kase.id)).map((e) => e.action)).toEqual([
        "case.legal_updated",
        "case.location_changed",
        "case.closed",
        "case.read",
      ]);
    expect((await caseAudit(world.cases[0]!.id))[0]!.meta).toEqual({ fields: ["legalExposure"] });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, entries: world.entries + 2 });
    const [keyed, redacted] = await db().auditLog.findMany({ orderBy: { id: "desc" }, take: 2 });
    expect(redacted).toMatchObject({ action: "audit.redacted", meta: expect.objectContaining({ previousHeadHash: world.headBefore }) });
    expect(keyed).toMatchObject({
      action: "audit.chain_keyed",
      meta: expect.objectContaining({ previousHeadId: redacted!.id.toString() }),
    });
    // Running again changes nothing.
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: expect.any(Number) });
  });

  test("dropping the plaintext columns refuses to run when the data step did not (a plain SQL migration)", async () => {
    const url = await freshDatabase();
    const old = await migrationsUpTo("20261126113220_stage_stays");
    await migrate(url, { dir: old });
    await rm(old, { recursive: true, force: true });
    await withClient(url, fillOldDatabase);
    const error = await migrate(url, { dataMigrations: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(String(error)).toMatch(/drop_plaintext_case_fields failed.*npm run db:migrate/s);
    // The plaintext is still there, untouched: nothing was lost.
    await withClient(url, async (client) => {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE coarse_place IS NOT NULL`);
      expect(rows[0]!.n).toBe(2);
    });
  });
});
