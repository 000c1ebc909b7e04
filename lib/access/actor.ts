import "server-only";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { can, type Permission, type Role } from "./policy";
import type { LiveSession } from "@/lib/auth/sessions";
import { dayIn, instantOfLocal, knownZone } from "@/lib/time/zones";

/**
 * Who is asking, as the data-access layer sees it. Resolved from the session by lib/auth/session.ts
 * (which needs Next.js); the DAL itself depends only on this, so scripts and tests can call it.
 */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  locale: string;
  sessionIdHash: string;
  /** Signed in with a password but no second factor yet: may only enrol one. */
  enrolmentOnly: boolean;
  sessionExpiresAt: Date;
  /**
   * When this session last proved a fresh second factor for security actions (lib/auth/step-up.ts:
   * assertSteppedUp). Absent or null: it has not, and security actions are refused.
   */
  steppedUpAt?: Date | null;
  /**
   * The HTTP request this actor acts in (an object Next.js keeps per request, shared by a server
   * action and the render that answers it); absent outside a request (scripts, tests). Only ever
   * used as a key: lib/cases/read-after-change.ts.
   */
  request?: object;
  /**
   * Since when the organisation is frozen (lib/organisation/freeze.ts), as the session check read it
   * for this request; absent or null: not frozen.
   */
  frozenSince?: Date | null;
  /**
   * The IANA zone this actor's days and appointment times follow: their own, else the
   * organisation's (ADR 030), as the session check read it. Absent (scripts, tests): UTC.
   */
  timeZone?: string;
  /** The organisation's zone, as the same check read it (the account page offers to follow it). */
  organisationTimeZone?: string;
  /**
   * The version of the countries' reference tables, as the same check read it: copies held by this
   * instance (lib/cases/held-copies.ts) serve only the version they were read at. Absent (scripts,
   * tests): nothing is held, the tables are read.
   */
  referenceVersion?: number;
}

/** The zone an actor's days follow (lib/time/zones.ts). */
export function zoneOf(actor: Pick<Actor, "timeZone">): string {
  return knownZone(actor.timeZone);
}

/** The moment a wall-clock time typed by this actor names in their zone (a datetime-local input). */
export function momentOf(actor: Pick<Actor, "timeZone">, local: string): Date {
  const moment = instantOfLocal(local, zoneOf(actor));
  // DateTimeSchema let only real wall-clock times through.
  if (!moment) throw new InvalidInputError("invalid_datetime", { appointmentAt: ["invalid_datetime"] });
  return moment;
}

/** "Today" for this actor: the calendar day `now` falls on in their zone, as a DATE column reads it. */
export function todayOf(actor: Pick<Actor, "timeZone">, now: Date): Date {
  return dayIn(now, zoneOf(actor));
}

/** The Actor of a live session row (what getActor() returns for the request's session). */
export function actorOfSession(live: LiveSession): Actor {
  return {
    userId: live.user.id,
    email: live.user.email,
    role: live.user.role,
    locale: live.user.locale,
    sessionIdHash: live.idHash,
    enrolmentOnly: live.enrolmentOnly,
    sessionExpiresAt: live.expiresAt,
    steppedUpAt: live.steppedUpAt,
    frozenSince: live.frozenSince,
    timeZone: live.timeZone.effective,
    organisationTimeZone: live.timeZone.organisation,
    referenceVersion: live.referenceVersion,
  };
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError();
}
