import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/db/client";

/**
 * SECURITY-CRITICAL: two reviewers. The only place that decides who sees which case.
 *
 * Every case query adds this to its `where`, so a case outside the scope is indistinguishable from
 * a case that does not exist. lib/db's guard throws if any value here were ever undefined.
 */
export function caseScope(actor: Pick<Actor, "role" | "userId">): Prisma.CaseWhereInput {
  switch (actor.role) {
    case "COORDINATOR":
      return {};
    case "CASEWORKER":
      return { assignedToId: actor.userId };
    case "ADMIN":
      // Separation of duties: admins see no case at all.
      return { id: { in: [] } };
  }
}
