import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db, Prisma } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { savedViewQuery } from "./list-url";
import type { SaveFilterInput } from "./saved-filter-schemas";
import { CaseListFilterSchema } from "./schemas";

/**
 * Saved views of the case list, per user (issue 19). What is kept is the list's *structured* filters
 * (status, country, risk, legal views, application destination, assignee, task owner, days) as the
 * list itself parses them: the searched code (`q`) and the page cursor are dropped, so a saved view
 * never ties a user to a case. Each user reads and deletes only their own; nothing about a case is
 * read or shown here (the view's cases are read, and audited, when the list opens).
 */

export const SAVED_FILTER_LIMIT = 20;

export interface SavedFilterDTO {
  id: string;
  name: string;
  /** The list's URL with the saved filters. */
  href: string;
}

/** The query of a saved view: parsed as the list parses it, without the searched code or the cursor. */
export function savedFilterQuery(query: string): string {
  return savedViewQuery(CaseListFilterSchema.parse(Object.fromEntries(new URLSearchParams(query.replace(/^\?/, "")))));
}

export async function saveCaseFilter(actor: Actor, input: SaveFilterInput): Promise<void> {
  assertCan(actor, "case:list");
  const query = savedFilterQuery(input.query);
  await db().$transaction(async (tx) => {
    // Serialises one user's saves, so two at once cannot pass the limit together.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('saved_filters'), hashtext(${actor.userId}))`;
    if ((await tx.savedFilter.count({ where: { userId: actor.userId } })) >= SAVED_FILTER_LIMIT)
      throw new ConflictError("too_many_saved_filters");
    try {
      await tx.savedFilter.create({ data: { userId: actor.userId, label: input.name, query } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        throw new ConflictError("saved_filter_name_taken");
      throw error;
    }
  });
}

export async function listSavedFilters(actor: Actor): Promise<SavedFilterDTO[]> {
  assertCan(actor, "case:list");
  const rows = await db().savedFilter.findMany({
    where: { userId: actor.userId },
    orderBy: [{ label: "asc" }, { id: "asc" }],
    select: { id: true, label: true, query: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.label, href: r.query ? `/cases?${r.query}` : "/cases" }));
}

/** Deletes one of the user's saved views; anyone else's id, or none, answers not found. */
export async function deleteSavedFilter(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "case:list");
  const { count } = await db().savedFilter.deleteMany({ where: { id, userId: actor.userId } });
  if (count === 0) throw new NotFoundError("saved_filter");
}
