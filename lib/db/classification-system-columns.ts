import type { ColumnClass } from "./classification";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The columns of every table that is not about a case (the audit log, staff accounts and their
 * sign-in, country risks, bookkeeping), and what each holds; the classes are in classification.ts.
 */
export const SYSTEM_COLUMNS: Readonly<Record<string, Readonly<Record<string, ColumnClass>>>> = {
  audit_log: {
    id: "id",
    at: "recorded",
    actor_id: "id",
    action: "vocabulary",
    target_type: "vocabulary",
    target_id: "id",
    meta: "internal",
    prev_hash: "internal",
    hash: "internal",
  },
  audit_head: { id: "internal", last_id: "internal", last_hash: "internal" },
  audit_checkpoints: {
    id: "internal",
    at: "internal",
    last_id: "internal",
    last_hash: "internal",
    key_id: "internal",
    signature: "internal",
  },
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
    // Where a staff member's days are (ADR 030): it hints where staff live, never where a person is.
    time_zone: "staff",
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
  // A country's stay rule: numbers, a flag and a note about the country (ADR 020), never about a person.
  // Budget lines are organisational (ADR 022): a screened label, a currency, a threshold.
  budget_lines: {
    id: "id",
    label: "staff",
    currency: "vocabulary",
    approval_threshold_minor: "internal",
    active: "internal",
    updated_at: "recorded",
    updated_by_id: "id",
  },
  country_stay_rules: {
    country_code: "vocabulary",
    stay_days: "internal",
    window_days: "internal",
    registration_days: "internal",
    passport_free_entry: "internal",
    checked_on: "staff",
    source_note: "staff",
    updated_at: "recorded",
    updated_by_id: "id",
  },
  // The organisation's partner lawyers (ADR 018): staff reference data; which case is sealed in the case.
  // What an application to a destination needs (ADR 021): coordinators' reference data, screened.
  checklist_items: {
    id: "id",
    destination_country: "vocabulary",
    application_type: "vocabulary",
    label: "staff",
    position: "internal",
    active: "internal",
    created_at: "recorded",
    updated_at: "recorded",
  },
  partner_lawyers: { id: "id", label: "staff", country: "vocabulary", active: "internal", created_at: "recorded", updated_at: "recorded" },
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
    // A stay rule before and after a loosening that waits: numbers and flags about a country.
    stay_change: "internal",
    // An erasure's case, until the case is destroyed (then null: ON DELETE SET NULL).
    case_id: "id",
    requested_by_id: "id",
    created_at: "staff",
    expires_at: "staff",
    decided_by_id: "id",
    decided_at: "staff",
  },
  // A user's saved views of the case list: a screened name and structured filters (no case code).
  saved_filters: { id: "id", user_id: "id", label: "staff", query: "staff", created_at: "staff" },
  // Spreadsheets imported (lib/cases/import): an HMAC of the file under AUTH_SECRET, who, when, how many.
  case_imports: { id: "id", digest: "secret", imported_by_id: "id", case_count: "internal", created_at: "recorded" },
  // The organisation's freeze (lib/organisation/freeze.ts): one row, when and by whom.
  // The organisation's zone hints where the team works, not where any person is (ADR 030). The
  // reference version counts changes of the country tables (lib/cases/held-copies.ts).
  organisation_state: { id: "internal", frozen_since: "staff", frozen_by_id: "id", time_zone: "internal", reference_version: "internal" },
  // Outreach windows (lib/outreach, ADR 028): a country in clear (coarse, as the case list filters by
  // it), or the named cases' ids sealed under the master key, so a seized table links no cases;
  // deleted when they end.
  outreach_windows: {
    id: "id",
    country: "vocabulary",
    cases_enc: "secret",
    reason: "vocabulary",
    opened_by_id: "id",
    opened_at: "recorded",
    ends_at: "recorded",
  },
  reading_alerts: {
    id: "id",
    user_id: "id",
    kind: "staff",
    count: "internal",
    created_at: "staff",
    suspended: "staff",
    cleared_by_id: "id",
    cleared_at: "staff",
  },
  rekey_runs: { id: "id", started_at: "internal", finished_at: "internal", cases_rekeyed: "internal" },
};
