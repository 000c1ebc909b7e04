import type { Role } from "@/lib/access/policy";

/**
 * A session check's row (lib/auth/sessions.ts: the session, its account and the organisation's
 * freeze, time zone and reference version, read in one statement), as the database names its columns, and the same in the app's words.
 */
export interface SessionRow {
  id_hash: string;
  enrolment_only: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  stepped_up_at: Date | null;
  user_id: string;
  email: string;
  role: Role;
  locale: string;
  status: string;
  suspended_at: Date | null;
  totp_enrolled_at: Date | null;
  frozen_since: Date | null;
  /** The user's own zone, else the organisation's (ADR 030). */
  time_zone: string;
  organisation_time_zone: string;
  /** organisation_state.reference_version (lib/cases/held-copies.ts). */
  reference_version: number;
}

export function sessionOfRow(r: SessionRow) {
  return {
    idHash: r.id_hash,
    enrolmentOnly: r.enrolment_only,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    steppedUpAt: r.stepped_up_at,
    frozenSince: r.frozen_since,
    timeZone: { effective: r.time_zone, organisation: r.organisation_time_zone },
    referenceVersion: r.reference_version,
    user: {
      id: r.user_id,
      email: r.email,
      role: r.role,
      locale: r.locale,
      status: r.status,
      suspendedAt: r.suspended_at,
      totpEnrolledAt: r.totp_enrolled_at,
    },
  };
}
