import "server-only";
import { can } from "@/lib/access/policy";
import type { Actor } from "@/lib/access/actor";
import { heldCopy } from "@/lib/cases/held-copies";
import { coverAt, coveringWindow, readOpenWindows, type OutreachCover } from "@/lib/cases/outreach-cover";
import { caseScope } from "@/lib/cases/scope";
import { db } from "@/lib/db/client";

/**
 * What a caseworker is told of the outreach windows (ADR 028): that some of their own cases are
 * covered, and until when. Only the reader's own open cases are looked at (the reveal's rule), and
 * only when a window is open. The open windows are held between requests for the reference version
 * (lib/cases/held-copies.ts; opening, closing, re-sealing and deleting a window bump it), so
 * that the case list and the case page, which show the notice, do not read them on every request.
 * The reveal and the reading monitor read them afresh (lib/cases/queries.ts).
 */

async function heldCover(actor: Actor, now: Date): Promise<OutreachCover> {
  return coverAt(await heldCopy(actor, "outreach_windows", () => readOpenWindows(db(), now)), now);
}

/** How many of the actor's open cases a window covers now, and until when the last one stays open. */
export async function outreachNotice(actor: Actor, now = new Date()): Promise<{ cases: number; until: Date } | null> {
  if (!can(actor.role, "case:revealContact")) return null;
  const cover = await heldCover(actor, now);
  if (cover.countries.size + cover.cases.size === 0) return null;
  const mine = await db().case.findMany({
    where: {
      ...caseScope(actor),
      assignedToId: actor.userId,
      status: { not: "CLOSED" },
      OR: [{ currentCountry: { in: [...cover.countries.keys()] } }, { id: { in: [...cover.cases.keys()] } }],
    },
    select: { id: true, status: true, currentCountry: true },
  });
  const ends = mine.flatMap((kase) => coveringWindow(cover, kase)?.endsAt ?? []);
  if (ends.length === 0) return null;
  return { cases: ends.length, until: new Date(Math.max(...ends.map((d) => d.getTime()))) };
}

/** Until when a window covers this case of the actor's (its assigned caseworker), or null. */
export async function outreachUntil(actor: Actor, code: string, now = new Date()): Promise<Date | null> {
  if (!can(actor.role, "case:revealContact")) return null;
  const cover = await heldCover(actor, now);
  if (cover.countries.size + cover.cases.size === 0) return null;
  const kase = await db().case.findFirst({
    where: { code, ...caseScope(actor), assignedToId: actor.userId },
    select: { id: true, status: true, currentCountry: true },
  });
  return kase ? (coveringWindow(cover, kase)?.endsAt ?? null) : null;
}
