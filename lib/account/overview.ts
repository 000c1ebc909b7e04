import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** What the account page shows the signed-in user of their own account: never a secret or a hash. */

export interface OwnSessionDTO {
  /** First 16 hex characters of the session id's hash: enough to name it, useless to steal it. */
  ref: string;
  client: string;
  networkHint: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export interface AccountDTO {
  email: string;
  role: Actor["role"];
  locale: string;
  /** The user's own zone; null: they follow the organisation's (ADR 030). */
  timeZone: string | null;
  secondFactorEnrolledAt: Date | null;
  unusedRecoveryCodes: number;
  sessions: OwnSessionDTO[];
}

export async function getAccount(actor: Actor): Promise<AccountDTO> {
  assertCan(actor, "account:self");
  const now = new Date();
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: {
      email: true,
      role: true,
      locale: true,
      timeZone: true,
      totpEnrolledAt: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      sessions: {
        where: {
          revokedAt: null,
          expiresAt: { gt: now },
          enrolmentOnly: false,
          lastSeenAt: { gt: new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000) },
        },
        orderBy: { lastSeenAt: "desc" },
        select: { idHash: true, client: true, networkHint: true, createdAt: true, lastSeenAt: true },
      },
    },
  });
  return {
    email: user.email,
    role: user.role,
    locale: user.locale,
    timeZone: user.timeZone,
    secondFactorEnrolledAt: user.totpEnrolledAt,
    unusedRecoveryCodes: user._count.recoveryCodes,
    sessions: user.sessions.map((s) => ({
      ref: s.idHash.slice(0, 16),
      client: s.client,
      networkHint: s.networkHint,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.idHash === actor.sessionIdHash,
    })),
  };
}
