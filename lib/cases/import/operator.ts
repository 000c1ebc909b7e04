import "server-only";
import { can } from "@/lib/access/policy";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";

/**
 * The coordinator an import from the command line (`npm run import -- --as <e-mail>`) acts as: the
 * operator names an active coordinator, whose name the audit entry and the notifications then carry,
 * and every rule of the page holds (permission, freeze). There is no session: the command runs where
 * the database and the keys already are.
 */
export async function importingCoordinator(email: string): Promise<Actor> {
  const user = await db().user.findFirst({
    where: { email: email.trim().toLowerCase(), status: "ACTIVE", suspendedAt: null, activationPending: false },
    select: { id: true, email: true, role: true, locale: true },
  });
  if (!user || !can(user.role, "case:import")) throw new ForbiddenError();
  const state = await db().organisationState.findUnique({ where: { id: 1 }, select: { frozenSince: true } });
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    locale: user.locale,
    sessionIdHash: "command-line",
    enrolmentOnly: false,
    sessionExpiresAt: new Date(Date.now() + 3600_000),
    frozenSince: state?.frozenSince ?? null,
  };
}
