import type pg from "pg";
import type { AuditMeta } from "@/lib/audit/chain";
import { listedCityNamed } from "@/lib/cases/places";
import type { CaseKey } from "@/lib/cases/sealed";
import { caseFieldContext } from "@/lib/crypto/envelope";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The first half of the data step seal_case_fields (seal-case-fields.ts): each case table's rows
 * that still hold plaintext are read and their free text and exact dates sealed with the case's
 * data key, beside the plaintext the next migration drops. Each function returns how many rows it
 * sealed.
 */

/** The data key of a case, from its id and its wrapped key (unwrapped once per case by the caller). */
export type Keys = (caseId: string, wrapped: string) => CaseKey;

/**
 * A place typed before the list existed: the listed city it names (in the first of `countries` that
 * has one of that name), or the text to seal as "other".
 */
function placeOf(countries: string[], text: string | null): { city: string | null; other: string | null } {
  if (text === null || text.trim() === "") return { city: null, other: null };
  const city = countries.map((country) => listedCityNamed(country, text)).find((key) => key !== null) ?? null;
  return city ? { city, other: null } : { city: null, other: text };
}

export async function sealCases(client: pg.Client, keys: Keys): Promise<number> {
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

export async function sealMovements(client: pg.Client, keys: Keys): Promise<number> {
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

export async function sealDocuments(client: pg.Client, keys: Keys): Promise<number> {
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

export async function sealApplications(client: pg.Client, keys: Keys): Promise<number> {
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

export async function sealNextSteps(client: pg.Client, keys: Keys): Promise<number> {
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

export async function sealRemarks(client: pg.Client, keys: Keys): Promise<number> {
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

export async function sealEvents(client: pg.Client, keys: Keys): Promise<number> {
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
