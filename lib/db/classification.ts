/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * What every column of the database holds, and why that cannot help find a person. The question to
 * ask of every new column: "if this table is seized, can it help find someone?" — it must be
 * answered here before the column exists, or `classification.test.ts` fails. SECURITY.md's table of
 * case columns is written from this list, and the test checks that it names every one of them.
 *
 * Classes:
 *  - vocabulary: a value from a closed list (an enum, a country code, a city of the shipped list of
 *    cities of 100,000 people or more, a language).
 *  - coarse: a count or a date at week, month or day grain that is not the date of anything the
 *    person did before a state's records (a border crossing, a document's expiry).
 *  - sealed: ciphertext under the case's data key (free text, exact dates); unreadable without it.
 *  - key: the case's data key, wrapped by a master key; destroyed with the case.
 *  - secret: ciphertext under a master key, or a one-way hash of a secret (staff accounts).
 *  - id: a random identifier, or a link between rows; derived from nothing about a person.
 *  - recorded: when staff did something in Waypoint (not when the person did anything).
 *  - staff: about staff accounts (who may use Waypoint), never about the people helped.
 *  - internal: bookkeeping (versions, counters, flags of the system).
 */

export type ColumnClass = "vocabulary" | "coarse" | "sealed" | "key" | "secret" | "id" | "recorded" | "staff" | "internal";

/** Tables whose rows are about a case (and so about a person). */
export const CASE_TABLES = ["cases", "movements", "case_documents", "applications", "next_steps", "notes", "case_status_changes", "case_events", "verification_sign_offs", "case_audit_links"] as const;

export const COLUMNS: Readonly<Record<string, Readonly<Record<string, ColumnClass>>>> = {
  cases: {
    id: "id",
    code: "id",
    status: "vocabulary",
    status_changed_at: "recorded",
    status_before_close: "vocabulary",
    close_reason: "vocabulary",
    close_reason_text_enc: "sealed",
    closed_at: "recorded",
    age_band: "vocabulary",
    service_category: "vocabulary",
    people_travelling: "coarse",
    language: "vocabulary",
    risk_level: "vocabulary",
    current_country: "vocabulary",
    place_city: "vocabulary",
    place_other_enc: "sealed",
    criminal_case: "vocabulary",
    on_wanted_list: "vocabulary",
    extradition_request: "vocabulary",
    detained: "vocabulary",
    contact_channel_enc: "sealed",
    data_key_wrapped: "key",
    data_key_created_at: "recorded",
    record_key: "id",
    travel_doc_valid_until: "coarse",
    next_step_due_on: "coarse",
    next_appointment_on: "coarse",
    vetting_state: "vocabulary",
    assigned_to_id: "id",
    created_by_id: "id",
    created_at: "recorded",
    updated_at: "recorded",
    version: "internal",
  },
  movements: {
    id: "id",
    case_id: "id",
    country: "vocabulary",
    place_city: "vocabulary",
    place_other_enc: "sealed",
    arrived_enc: "sealed",
    left_enc: "sealed",
    arrived_week: "coarse",
    left_week: "coarse",
    created_by_id: "id",
    created_at: "recorded",
  },
  case_documents: { case_id: "id", type: "vocabulary", state: "vocabulary", expires_enc: "sealed", expires_month: "coarse", updated_at: "recorded" },
  applications: {
    id: "id",
    case_id: "id",
    type: "vocabulary",
    destination_country: "vocabulary",
    office_city_key: "vocabulary",
    office_other_enc: "sealed",
    status: "vocabulary",
    submitted_enc: "sealed",
    appointment_enc: "sealed",
    appointment_on: "coarse",
    decision_enc: "sealed",
    created_at: "recorded",
    updated_at: "recorded",
  },
  next_steps: { id: "id", case_id: "id", text_enc: "sealed", owner_id: "id", due_on: "coarse", done_at: "recorded", created_by_id: "id", created_at: "recorded" },
  notes: { id: "id", case_id: "id", body_enc: "sealed", author_id: "id", supersedes_id: "id", created_at: "recorded" },
  case_status_changes: { id: "id", case_id: "id", from_status: "vocabulary", to_status: "vocabulary", at: "recorded", stage_entered_at: "recorded", actor_id: "id" },
  case_events: { id: "id", case_id: "id", type: "vocabulary", actor_id: "id", at: "recorded", detail_enc: "sealed" },
  verification_sign_offs: {
    id: "id",
    case_id: "id",
    author_id: "id",
    author_role: "vocabulary",
    story_consistent: "vocabulary",
    service_status_plausible: "vocabulary",
    no_crimes_indication: "vocabulary",
    no_provocation_sign: "vocabulary",
    outcome: "vocabulary",
    remark_enc: "sealed",
    created_at: "recorded",
    resolved_by_id: "id",
    resolved_at: "recorded",
  },
  case_audit_links: { case_id: "id", audit_id: "id" },
  audit_log: { id: "id", at: "recorded", actor_id: "id", action: "vocabulary", target_type: "vocabulary", target_id: "id", meta: "internal", prev_hash: "internal", hash: "internal" },
  audit_head: { id: "internal", last_id: "internal", last_hash: "internal" },
  audit_checkpoints: { id: "internal", at: "internal", last_id: "internal", last_hash: "internal", key_id: "internal", signature: "internal" },
  users: {
    id: "id",
    email: "staff",
    role: "staff",
    status: "staff",
    password_hash: "secret",
    password_changed_at: "staff",
    totp_secret_enc: "secret",
    totp_enrolled_at: "staff",
    totp_last_step: "internal",
    locale: "staff",
    last_sign_in_at: "staff",
    deactivated_at: "staff",
    suspended_at: "staff",
    activation_pending: "staff",
    created_at: "staff",
    updated_at: "staff",
  },
  sessions: {
    id_hash: "secret",
    user_id: "id",
    enrolment_only: "staff",
    created_at: "staff",
    last_seen_at: "staff",
    expires_at: "staff",
    revoked_at: "staff",
    client: "staff",
    network_hint: "staff",
    pending_totp_secret_enc: "secret",
    stepped_up_at: "staff",
  },
  recovery_codes: { id: "id", user_id: "id", code_hash: "secret", used_at: "staff", created_at: "staff" },
  invites: {
    id: "id",
    email: "staff",
    role: "staff",
    token_hash: "secret",
    code_hash: "secret",
    code_failures: "internal",
    created_by_id: "id",
    created_at: "staff",
    expires_at: "staff",
    approved_at: "staff",
    accepted_at: "staff",
    revoked_at: "staff",
  },
  account_recoveries: {
    id: "id",
    user_id: "id",
    kind: "staff",
    token_hash: "secret",
    code_hash: "secret",
    code_failures: "internal",
    requested_by_id: "id",
    created_at: "staff",
    expires_at: "staff",
    approved_at: "staff",
    completed_at: "staff",
    revoked_at: "staff",
  },
  login_throttles: { key: "secret", failures: "internal", last_failure_at: "internal", locked_until: "internal" },
  country_risks: { country_code: "vocabulary", risk: "vocabulary", updated_at: "recorded", updated_by_id: "id" },
  access_requests: {
    id: "id",
    kind: "staff",
    status: "staff",
    subject_id: "id",
    invite_id: "id",
    recovery_id: "id",
    role: "staff",
    // A country's risk before and after a lowering that waits for a coordinator: the same
    // vocabulary as country_risks, about countries, never about a person.
    country_code: "vocabulary",
    risk_from: "vocabulary",
    risk_to: "vocabulary",
    requested_by_id: "id",
    created_at: "staff",
    expires_at: "staff",
    decided_by_id: "id",
    decided_at: "staff",
  },
  reading_alerts: { id: "id", user_id: "id", kind: "staff", count: "internal", created_at: "staff", suspended: "staff", cleared_by_id: "id", cleared_at: "staff" },
  rekey_runs: { id: "id", started_at: "internal", finished_at: "internal", cases_rekeyed: "internal" },
};
