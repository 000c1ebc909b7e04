import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Role } from "@/lib/access/policy";
import { sessionOfRow, type SessionRow } from "./session-row";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Server-side sessions. The browser holds a random 256-bit session id (inside Auth.js' encrypted
 * token); the database holds only its SHA-256. Every request re-reads the row, so revoking it,
 * deactivating the user or changing their role takes effect on the very next request.
 */

export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export interface NewSession {
  sessionId: string;
  idHash: string;
  expiresAt: Date;
}

export async function createSession(
  tx: Tx,
  input: { userId: string; enrolmentOnly: boolean; client: string; networkHint: string },
  now = new Date(),
): Promise<NewSession> {
  const sessionId = randomBytes(32).toString("base64url");
  const idHash = hashSessionId(sessionId);
  const enrolmentLifetimeMs = 30 * 60 * 1000;
  const expiresAt = new Date(now.getTime() + (input.enrolmentOnly ? enrolmentLifetimeMs : env().SESSION_MAX_HOURS * 3_600_000));
  await tx.session.create({
    data: {
      idHash,
      userId: input.userId,
      enrolmentOnly: input.enrolmentOnly,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      client: input.client.slice(0, 64),
      networkHint: input.networkHint.slice(0, 64),
    },
  });
  return { sessionId, idHash, expiresAt };
}

export interface LiveSession {
  idHash: string;
  enrolmentOnly: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** When the session last stepped up for security actions (lib/auth/step-up.ts), if it did. */
  steppedUpAt: Date | null;
  user: { id: string; email: string; role: Role; locale: string };
  /** Since when the organisation is frozen (lib/organisation/freeze.ts); null: it is not. */
  frozenSince: Date | null;
  /** The zone the user's days and times follow (theirs, else the organisation's), and the organisation's. */
  timeZone: { effective: string; organisation: string };
  /** The version of the countries' reference tables (lib/cases/held-copies.ts). */
  referenceVersion: number;
}

export type SessionState = { live: LiveSession } | { ended: "missing" | "revoked" | "expired" | "idle" | "deactivated" | "suspended" };

// lastSeenAt is written at most once a minute per session: enough for a 30-minute idle timeout,
// without a write on every request.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Checks a session id against the database: revoked, expired, idle, deactivated and suspended all
 * end it. `touch` (the default) also records the check as activity (touchSession); the request path
 * (lib/auth/session.ts) reads without touching and records activity only for what the person did.
 */
export async function checkSession(sessionId: string, now = new Date(), options: { touch?: boolean } = {}): Promise<SessionState> {
  const idHash = hashSessionId(sessionId);
  // One statement: the session, its account, whether the organisation is frozen (read here so that
  // a freeze, like a revocation, holds from the very next request on every instance), and the time
  // zone the user's days follow (ADR 030), and the version of the countries' reference tables, so
  // that a change of them, too, holds from the next request on every instance (lib/cases/held-copies.ts).
  const [found] = await db().$queryRaw<SessionRow[]>`
    SELECT s.id_hash, s.enrolment_only, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, s.stepped_up_at,
           u.id AS user_id, u.email, u.role::text AS role, u.locale, u.status::text AS status, u.suspended_at, u.totp_enrolled_at,
           o.frozen_since, COALESCE(u.time_zone, o.time_zone, 'UTC') AS time_zone,
           COALESCE(o.time_zone, 'UTC') AS organisation_time_zone, COALESCE(o.reference_version, 0) AS reference_version
      FROM sessions s JOIN users u ON u.id = s.user_id
      LEFT JOIN organisation_state o ON o.id = 1
     WHERE s.id_hash = ${idHash}`;
  const row = found ? sessionOfRow(found) : null;
  if (!row) return { ended: "missing" };
  if (row.revokedAt) return { ended: "revoked" };
  if (row.expiresAt <= now) return { ended: "expired" };
  if (now.getTime() - row.lastSeenAt.getTime() > env().SESSION_IDLE_MINUTES * 60_000) return { ended: "idle" };
  if (row.user.status !== "ACTIVE") return { ended: "deactivated" };
  // Suspension also revokes the sessions; checking it here too leaves no window between the two.
  if (row.user.suspendedAt) return { ended: "suspended" };
  // A full session needs an enrolled second factor: after a reset (keys:rotate --reset-second-factors,
  // an admin's reset) no session opened before it, or racing it, stays usable.
  if (!row.enrolmentOnly && !row.user.totpEnrolledAt) return { ended: "revoked" };
  if (options.touch !== false) await touchSession(row, now);
  const { status: _status, suspendedAt: _suspendedAt, totpEnrolledAt: _totpEnrolledAt, ...user } = row.user;
  return {
    live: {
      idHash: row.idHash,
      enrolmentOnly: row.enrolmentOnly,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      steppedUpAt: row.steppedUpAt,
      user,
      frozenSince: row.frozenSince,
      timeZone: row.timeZone,
      referenceVersion: row.referenceVersion,
    },
  };
}

/**
 * The person was active in this session: its idle clock starts again (at most one write a minute).
 * Never for a request the page makes on its own (see isBackgroundRequest), or an unattended screen
 * would keep its session open for ever.
 */
export async function touchSession(session: { idHash: string; lastSeenAt: Date }, now = new Date()): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() <= TOUCH_INTERVAL_MS) return;
  await db().session.updateMany({ where: { idHash: session.idHash, revokedAt: null }, data: { lastSeenAt: now } });
}

/** Sent by a page's own background requests (polling); such a request never counts as activity. */
export const BACKGROUND_REQUEST_HEADER = "x-waypoint-background";

/**
 * Whether a request is the page working on its own rather than the person: the router prefetching
 * a link, or a request that declares itself background. A client can only lose by claiming it (its
 * request does not keep the session open), so the claim needs no proof. The dashboard's periodic
 * refresh, a server action that cannot carry a header, uses its own entry point instead
 * (requireBackgroundActor in lib/auth/session.ts).
 */
export function isBackgroundRequest(headers: Headers): boolean {
  return (
    headers.get(BACKGROUND_REQUEST_HEADER) === "1" || headers.has("next-router-prefetch") || headers.has("next-router-segment-prefetch")
  );
}

export async function revokeSession(tx: Tx, idHash: string, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { idHash, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** Ends every session of a user, optionally keeping one (the caller's own). */
export async function revokeUserSessions(tx: Tx, userId: string, options: { except?: string } = {}, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { idHash: { not: options.except } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/** Ends every session of every user but one (the admin's own). */
export async function revokeAllSessions(tx: Tx, options: { except: string }, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { revokedAt: null, idHash: { not: options.except } }, data: { revokedAt: now } });
  return count;
}

/**
 * Ends every full (not enrolment-only) session of an account that has no enrolled second factor, or
 * enrolled it after the session began: such a session was opened with a factor that no longer exists.
 */
export async function endSessionsWithoutSecondFactor(now = new Date()): Promise<number> {
  return db().$transaction(async (tx) => {
    const ended = await tx.$executeRaw`
      UPDATE sessions AS s SET revoked_at = ${now} FROM users AS u
      WHERE u.id = s.user_id AND s.revoked_at IS NULL AND NOT s.enrolment_only AND (u.totp_enrolled_at IS NULL OR u.totp_enrolled_at > s.created_at)`;
    if (ended > 0)
      await appendAudit(tx, {
        actorId: null,
        action: "session.revoked_without_second_factor",
        targetType: "system",
        meta: { sessionsEnded: ended },
      });
    return ended;
  });
}
