import type pg from "pg";
import { redactLegacyCaseEntry } from "@/lib/audit/case-entries";
import { GENESIS_HASH, unkeyedEntryHash, type AuditMeta } from "@/lib/audit/chain";
import { listedCityNamed } from "@/lib/cases/places";
import { CaseKey } from "@/lib/cases/sealed";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { DataMigration } from "./index";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Issue 14's data step, between the migration that adds the sealed columns and the one that drops
 * the plaintext ones:
 *  1. every free text and exact date of a case is sealed with the case's data key (a place that
 *     names a city of the country's list becomes that city's key instead);
 *  2. the audit log loses its case values: entries about cases name no case any more (they are
 *     linked through case_audit_links instead) and keep field names only. The log is append-only,
 *     so this is the one time it is rewritten: the chain is recomputed from its first entry, and a
 *     final entry `audit.redacted` records the head hash it had before, so anyone who kept that hash
 *     sees that, and when, the log was rewritten.
 * The master keys are read only if there is something to seal.
 */

type Keys = (caseId: string, wrapped: string) => CaseKey;

async function columnExists(client: pg.Client, table: string, column: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * A place typed before the list existed: the listed city it names (in the first of `countries` that
 * has one of that name), or the text to seal as "other".
 */
function placeOf(countries: string[], text: string | null): { city: string | null; other: string | null } {
  if (text === null || text.trim() === "") return { city: null, other: null };
  const city = countries.map((country) => listedCityNamed(country, text)).find((key) => key !== null) ?? null;
  return city ? { city, other: null } : { city: null, other: text };
}

async function sealCases(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{
    id: string;
    data_key_wrapped: string;
    current_country: string;
    coarse_place: string | null;
    close_reason_text: string | null;
  }>(
    `SELECT id, data_key_wrapped, current_country, coarse_place, close_reason_text FROM cases
     WHERE (coarse_place IS NOT NULL AND place_city IS NULL AND place_other_enc IS NULL) OR (close_reason_text IS NOT NULL AND close_reason_text_enc IS NULL)`,
  );
  for (const row of rows) {
    const key = keys(row.id, row.data_key_wrapped);
    const place = placeOf([row.current_country], row.coarse_place);
    await client.query(`UPDATE cases SET place_city = $2, place_other_enc = $3, close_reason_text_enc = $4 WHERE id = $1`, [
      row.id,
      place.city,
      key.seal(caseFieldContext.placeOther(row.id), place.other),
      key.seal(caseFieldContext.closeReasonText(row.id), row.close_reason_text),
    ]);
  }
  return rows.length;
}

async function sealMovements(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{
    id: string;
    case_id: string;
    data_key_wrapped: string;
    country: string;
    place: string | null;
    arrived_on: string | null;
    left_on: string | null;
  }>(
    `SELECT m.id, m.case_id, c.data_key_wrapped, m.country, m.place, m.arrived_on::text, m.left_on::text
     FROM movements m JOIN cases c ON c.id = m.case_id
     WHERE (m.place IS NOT NULL AND m.place_city IS NULL AND m.place_other_enc IS NULL)
        OR (m.arrived_on IS NOT NULL AND m.arrived_enc IS NULL) OR (m.left_on IS NOT NULL AND m.left_enc IS NULL)`,
  );
  for (const row of rows) {
    const key = keys(row.case_id, row.data_key_wrapped);
    const place = placeOf([row.country], row.place);
    await client.query(`UPDATE movements SET place_city = $2, place_other_enc = $3, arrived_enc = $4, left_enc = $5 WHERE id = $1`, [
      row.id,
      place.city,
      key.seal(caseFieldContext.movementPlaceOther(row.id), place.other),
      key.seal(caseFieldContext.movementArrived(row.id), row.arrived_on),
      key.seal(caseFieldContext.movementLeft(row.id), row.left_on),
    ]);
  }
  return rows.length;
}

async function sealDocuments(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{ case_id: string; type: string; data_key_wrapped: string; expires_on: string }>(
    `SELECT d.case_id, d.type::text, c.data_key_wrapped, d.expires_on::text FROM case_documents d JOIN cases c ON c.id = d.case_id
     WHERE d.expires_on IS NOT NULL AND d.expires_enc IS NULL`,
  );
  for (const row of rows) {
    const key = keys(row.case_id, row.data_key_wrapped);
    await client.query(`UPDATE case_documents SET expires_enc = $3 WHERE case_id = $1 AND type = $2::"DocumentType"`, [
      row.case_id,
      row.type,
      key.seal(caseFieldContext.documentExpiry(row.case_id, row.type), row.expires_on),
    ]);
  }
  return rows.length;
}

async function sealApplications(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{
    id: string;
    case_id: string;
    data_key_wrapped: string;
    destination_country: string;
    current_country: string;
    office_city: string | null;
    submitted_on: string | null;
    appointment_at: Date | null;
    decision_on: string | null;
  }>(
    `SELECT a.id, a.case_id, c.data_key_wrapped, a.destination_country, c.current_country, a.office_city, a.submitted_on::text, a.appointment_at, a.decision_on::text
     FROM applications a JOIN cases c ON c.id = a.case_id
     WHERE (a.office_city IS NOT NULL AND a.office_city_key IS NULL AND a.office_other_enc IS NULL)
        OR (a.submitted_on IS NOT NULL AND a.submitted_enc IS NULL) OR (a.appointment_at IS NOT NULL AND a.appointment_enc IS NULL)
        OR (a.decision_on IS NOT NULL AND a.decision_enc IS NULL)`,
  );
  for (const row of rows) {
    const key = keys(row.case_id, row.data_key_wrapped);
    // A consulate is in the destination's country or where the person waits.
    const office = placeOf([row.destination_country, row.current_country], row.office_city);
    await client.query(
      `UPDATE applications SET office_city_key = $2, office_other_enc = $3, submitted_enc = $4, appointment_enc = $5, decision_enc = $6 WHERE id = $1`,
      [
        row.id,
        office.city,
        key.seal(caseFieldContext.officeOther(row.id), office.other),
        key.seal(caseFieldContext.submitted(row.id), row.submitted_on),
        key.sealMoment(caseFieldContext.appointment(row.id), row.appointment_at),
        key.seal(caseFieldContext.decision(row.id), row.decision_on),
      ],
    );
  }
  return rows.length;
}

async function sealNextSteps(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{ id: string; case_id: string; data_key_wrapped: string; text: string }>(
    `SELECT s.id, s.case_id, c.data_key_wrapped, s.text FROM next_steps s JOIN cases c ON c.id = s.case_id WHERE s.text_enc IS NULL`,
  );
  for (const row of rows) {
    await client.query(`UPDATE next_steps SET text_enc = $2 WHERE id = $1`, [
      row.id,
      keys(row.case_id, row.data_key_wrapped).seal(caseFieldContext.nextStepText(row.id), row.text ?? ""),
    ]);
  }
  return rows.length;
}

async function sealRemarks(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{ id: string; case_id: string; data_key_wrapped: string; remark: string }>(
    `SELECT s.id, s.case_id, c.data_key_wrapped, s.remark FROM verification_sign_offs s JOIN cases c ON c.id = s.case_id WHERE s.remark IS NOT NULL AND s.remark_enc IS NULL`,
  );
  for (const row of rows) {
    await client.query(`UPDATE verification_sign_offs SET remark_enc = $2 WHERE id = $1`, [
      row.id,
      keys(row.case_id, row.data_key_wrapped).seal(caseFieldContext.signOffRemark(row.id), row.remark),
    ]);
  }
  return rows.length;
}

async function sealEvents(client: pg.Client, keys: Keys): Promise<number> {
  const { rows } = await client.query<{ id: string; case_id: string; data_key_wrapped: string; detail: AuditMeta }>(
    `SELECT e.id::text, e.case_id, c.data_key_wrapped, e.detail FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.detail <> '{}'::jsonb AND e.detail_enc IS NULL`,
  );
  for (const row of rows) {
    await client.query(`UPDATE case_events SET detail_enc = $2 WHERE id = $1::bigint`, [
      row.id,
      keys(row.case_id, row.data_key_wrapped).sealJson(caseFieldContext.eventDetail(row.case_id), row.detail),
    ]);
  }
  return rows.length;
}

// The audit log's advisory lock (lib/audit/append.ts): no entry is appended while the log is rewritten.
const AUDIT_LOCK_KEY = 49_072_711;

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  meta: AuditMeta;
  prev_hash: string;
  hash: string;
}

/**
 * Takes case values and case ids out of the audit log, and recomputes its chain (see the header).
 * The chain was plain SHA-256 when this step was written and still is when it runs: the later step
 * key_audit_chain (ADR 014) verifies it and keys it.
 */
async function redactAuditLog(client: pg.Client, log: (line: string) => void): Promise<number> {
  await client.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  // Links first, while the entries still name their cases.
  await client.query(
    `INSERT INTO case_audit_links (case_id, audit_id)
     SELECT c.id, a.id FROM audit_log a JOIN cases c ON c.id::text = a.target_id
     WHERE a.target_type = 'case' ON CONFLICT DO NOTHING`,
  );
  const before = await client.query<{ last_hash: string }>(`SELECT last_hash FROM audit_head WHERE id = 1`);
  const previousHead = before.rows[0]?.last_hash ?? null;

  await client.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
  let prevHash = GENESIS_HASH;
  let rewritten = 0;
  let last: { id: string; hash: string } | null = null;
  for (let after = "0"; ;) {
    const { rows } = await client.query<AuditRow>(
      `SELECT id::text, at, actor_id, action, target_type, target_id, meta, prev_hash, hash FROM audit_log WHERE audit_log.id > $1::bigint ORDER BY audit_log.id LIMIT 5000`,
      [after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const redacted = redactLegacyCaseEntry(row.action, row.target_type, row.target_id, row.meta);
      const entry = {
        id: BigInt(row.id),
        at: row.at,
        actorId: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: redacted.targetId,
        meta: redacted.meta,
        prevHash,
      };
      const hash = unkeyedEntryHash(entry);
      if (hash !== row.hash || prevHash !== row.prev_hash || redacted.changed) {
        await client.query(`UPDATE audit_log SET target_id = $2, meta = $3, prev_hash = $4, hash = $5 WHERE id = $1::bigint`, [
          row.id,
          redacted.targetId,
          JSON.stringify(redacted.meta),
          prevHash,
          hash,
        ]);
        rewritten += 1;
      }
      prevHash = hash;
      last = { id: row.id, hash };
    }
    after = rows[rows.length - 1]!.id;
  }
  await client.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  if (rewritten === 0 || !last) return 0;

  // The record of the rewrite, appended like any entry.
  const { rows: next } = await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`);
  const entry = {
    id: BigInt(next[0]!.id),
    at: new Date(),
    actorId: null,
    action: "audit.redacted",
    targetType: "audit",
    targetId: null,
    meta: {
      reason: "case values and case ids removed from the log (data migration seal_case_fields)",
      entriesRewritten: rewritten,
      previousHeadHash: previousHead,
    },
    prevHash: last.hash,
  };
  const hash = unkeyedEntryHash(entry);
  await client.query(
    `INSERT INTO audit_log (id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash) VALUES ($1::bigint, $2, NULL, $3, $4, NULL, $5, $6, $7)`,
    [next[0]!.id, entry.at, entry.action, entry.targetType, JSON.stringify(entry.meta), entry.prevHash, hash],
  );
  await client.query(
    `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1::bigint, $2) ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`,
    [next[0]!.id, hash],
  );
  log(`  audit log: ${rewritten} entries redacted and re-chained (previous head ${previousHead ?? "none"})`);
  return rewritten;
}

export const sealCaseFields: DataMigration = {
  name: "seal_case_fields",
  after: "20261204143721_sealed_case_fields",
  async run(client, log) {
    // Already past the migration that drops the plaintext columns: nothing left to seal.
    if (!(await columnExists(client, "cases", "coarse_place"))) return;
    const cache = new Map<string, CaseKey>();
    const keys: Keys = (caseId, wrapped) => {
      let key = cache.get(caseId);
      if (!key) cache.set(caseId, (key = new CaseKey({ id: caseId, dataKeyWrapped: wrapped })));
      return key;
    };
    const counts = {
      cases: await sealCases(client, keys),
      movements: await sealMovements(client, keys),
      documents: await sealDocuments(client, keys),
      applications: await sealApplications(client, keys),
      nextSteps: await sealNextSteps(client, keys),
      remarks: await sealRemarks(client, keys),
      events: await sealEvents(client, keys),
    };
    const sealed = Object.entries(counts).filter(([, n]) => n > 0);
    if (sealed.length) log(`  sealed ${sealed.map(([table, n]) => `${n} ${table}`).join(", ")} under ${cache.size} case keys`);
    await redactAuditLog(client, log);
  },
};
