import "server-only";
import type { Actor } from "@/lib/access/actor";
import { Prisma } from "@/lib/db/client";

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

/**
 * The same rule as caseScope, spelled as SQL for raw queries, on the `cases` table aliased `c`
 * (`FROM cases c`). Keep the two in step: scope.integration.test.ts checks that both select the same
 * cases for every role.
 */
export function caseScopeSql(actor: Pick<Actor, "role" | "userId">): Prisma.Sql {
  switch (actor.role) {
    case "COORDINATOR":
      return Prisma.sql`TRUE`;
    case "CASEWORKER":
      // A bound parameter: an undefined id would fail the query, never widen it.
      return Prisma.sql`c.assigned_to_id = ${actor.userId}::uuid`;
    case "ADMIN":
      return Prisma.sql`FALSE`;
  }
}

/**
 * Names the set of cases an actor sees, for caches keyed by scope: everyone who sees every case
 * shares one key, anyone else gets their own.
 */
export function caseScopeKey(actor: Pick<Actor, "role" | "userId">): string {
  return actor.role === "COORDINATOR" ? "all" : `${actor.role}:${actor.userId}`;
}
