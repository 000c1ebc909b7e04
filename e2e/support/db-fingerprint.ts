import { db } from "@/lib/db/client";

/**
 * What a refused request must leave as it was: row counts of everything a request can create, the
 * sum of case versions (every case change bumps one), and digests of the rows an action can change
 * in place (users, invites, recovery codes, applications, next steps, sign-offs, access requests,
 * account recoveries, reading alerts). The audit log is left out on purpose: a refusal is audited. So are login
 * throttles (a refused sign-in counts) and sessions' last-seen times (every request touches its own
 * session).
 */
export interface DbFingerprint {
  cases: number;
  caseVersions: number;
  caseRows: string;
  notes: number;
  movements: number;
  applications: number;
  applicationRows: string;
  nextSteps: number;
  nextStepRows: string;
  caseDocuments: number;
  caseEvents: number;
  statusChanges: number;
  users: number;
  userRows: string;
  invites: number;
  inviteRows: string;
  sessions: number;
  sessionsRevoked: number;
  recoveryCodes: string;
  countryRisks: string;
  signOffs: number;
  signOffRows: string;
  accessRequests: number;
  accessRequestRows: string;
  recoveries: number;
  recoveryRows: string;
  readingAlerts: number;
  readingAlertRows: string;
}

export async function dbFingerprint(): Promise<DbFingerprint> {
  const [row] = await db().$queryRaw<Array<Record<keyof DbFingerprint, bigint | number | string | null>>>`
    SELECT
      (SELECT count(*) FROM cases)                                   AS "cases",
      (SELECT coalesce(sum(version), 0) FROM cases)                  AS "caseVersions",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, version, status, vetting_state, assigned_to_id, contact_channel_enc, data_key_wrapped, risk_level, current_country, place_city),
        ',' ORDER BY id), '')) FROM cases)                           AS "caseRows",
      (SELECT count(*) FROM notes)                                   AS "notes",
      (SELECT count(*) FROM movements)                               AS "movements",
      (SELECT count(*) FROM applications)                            AS "applications",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, submitted_enc, appointment_enc, decision_enc), ',' ORDER BY id), ''))
        FROM applications)                                           AS "applicationRows",
      (SELECT count(*) FROM next_steps)                              AS "nextSteps",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, done_at), ',' ORDER BY id), '')) FROM next_steps) AS "nextStepRows",
      (SELECT count(*) FROM case_documents)                          AS "caseDocuments",
      (SELECT count(*) FROM case_events)                             AS "caseEvents",
      (SELECT count(*) FROM case_status_changes)                     AS "statusChanges",
      (SELECT count(*) FROM users)                                   AS "users",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, email, role, status, password_hash, totp_secret_enc, totp_enrolled_at, locale, deactivated_at, suspended_at),
        ',' ORDER BY id), '')) FROM users)                           AS "userRows",
      (SELECT count(*) FROM invites)                                 AS "invites",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, role, accepted_at, revoked_at, approved_at, expires_at), ',' ORDER BY id), '')) FROM invites) AS "inviteRows",
      (SELECT count(*) FROM sessions)                                AS "sessions",
      (SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL)   AS "sessionsRevoked",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, used_at), ',' ORDER BY id), '')) FROM recovery_codes) AS "recoveryCodes",
      (SELECT md5(coalesce(string_agg(concat_ws('|', country_code, risk), ',' ORDER BY country_code), '')) FROM country_risks) AS "countryRisks",
      (SELECT count(*) FROM verification_sign_offs)                  AS "signOffs",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, outcome, remark_enc, resolved_at), ',' ORDER BY id), '')) FROM verification_sign_offs) AS "signOffRows",
      (SELECT count(*) FROM access_requests)                         AS "accessRequests",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, decided_at), ',' ORDER BY id), '')) FROM access_requests) AS "accessRequestRows",
      (SELECT count(*) FROM account_recoveries)                      AS "recoveries",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, approved_at, completed_at, revoked_at), ',' ORDER BY id), '')) FROM account_recoveries) AS "recoveryRows",
      (SELECT count(*) FROM reading_alerts)                          AS "readingAlerts",
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, cleared_at), ',' ORDER BY id), '')) FROM reading_alerts) AS "readingAlertRows"`;
  return Object.fromEntries(
    Object.entries(row!).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
  ) as unknown as DbFingerprint;
}

/** The fields that differ, as "name: before → after", for an assertion message. */
export function fingerprintChanges(before: DbFingerprint, after: DbFingerprint): string[] {
  return (Object.keys(before) as Array<keyof DbFingerprint>)
    .filter((key) => before[key] !== after[key])
    .map((key) => `${key}: ${before[key]} → ${after[key]}`);
}
