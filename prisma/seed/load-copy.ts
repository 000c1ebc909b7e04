import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** The load generator writes with COPY: rows in PostgreSQL's text format, gathered per table for a batch. */

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
export const line = (...values: unknown[]) => `${values.map(field).join("\t")}\n`;
/** A DATE column's value. */
export const day = (d: Date) => d.toISOString().slice(0, 10);

export const COLUMNS: Record<string, string> = {
  cases:
    "id, code, status, status_changed_at, status_before_close, close_reason, closed_at, age_band, service_category, people_travelling, language, risk_level, current_country, place_city, criminal_case, detained, contact_channel_enc, contact_index, data_key_wrapped, travel_doc_valid_until, next_step_due_on, next_appointment_on, stay_ends_week, vetting_state, assigned_to_id, created_by_id, created_at, updated_at, version",
  case_wanted_entries: "id, case_id, scope, requesting_state, known_enc, created_at",
  movements: "id, case_id, country, place_city, place_other_enc, arrived_enc, arrived_week, left_enc, left_week, created_by_id, created_at",
  case_documents: "case_id, type, state, expires_enc, expires_month, updated_at",
  applications:
    "id, case_id, type, destination_country, office_city_key, office_other_enc, status, submitted_enc, appointment_enc, appointment_on, decision_enc, created_at, updated_at",
  next_steps: "id, case_id, text_enc, owner_id, due_on, done_at, created_by_id, created_at",
  notes: "id, case_id, body_enc, author_id, created_at",
  case_status_changes: "case_id, from_status, to_status, at, stage_entered_at, actor_id",
  case_events: "case_id, type, actor_id, at, detail_enc",
  audit_log: "id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash",
  case_audit_links: "case_id, audit_id",
};

export class Tables {
  readonly data: Record<string, string[]> = {};
  add(table: string, row: string) {
    (this.data[table] ??= []).push(row);
  }
  get rows() {
    return Object.values(this.data).reduce((n, rows) => n + rows.length, 0);
  }
  /** Writes every table's rows, in the order of COLUMNS (parents before children). */
  async copyTo(client: pg.PoolClient): Promise<void> {
    for (const table of Object.keys(COLUMNS)) {
      const rows = this.data[table] ?? [];
      if (rows.length === 0) continue;
      const stream = client.query(copyFrom(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`));
      await pipeline(Readable.from(rows), stream);
    }
  }
}
