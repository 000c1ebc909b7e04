import "server-only";
import { randomUUID } from "node:crypto";
import { assertCan, type Actor } from "@/lib/access/actor";
import { appendAudit } from "@/lib/audit/append";
import type { ClientInfo } from "@/lib/auth/client-info";
import { verifyFreshCode } from "@/lib/auth/step-up";
import { openOutreachCases, sealOutreachCases } from "@/lib/cases/outreach-cover";
import { caseScope } from "@/lib/cases/scope";
import { db, type Db, type Tx } from "@/lib/db/client";
import type { OutreachReason } from "@/lib/db/generated/enums";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import type { CloseOutreachInput, OpenOutreachInput } from "./schemas";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Outreach windows (issue 19, ADR 028). After an arrest a coordinator opens one, for a country or for
 * named cases, for a few hours: the caseworkers assigned to the covered open cases may then reveal
 * those contacts beyond the reading monitor's hourly limit (lib/cases/outreach-cover.ts, read by the
 * reveal). It grants no case anyone could not already see, so one coordinator may open it, with a
 * fresh second-factor code; closing one narrows again and needs none. A window names no case in
 * clear: named cases are sealed under the master key; its audit entries count them, never link them.
 */

export interface OutreachWindowDTO {
  id: string;
  /** The country covered, or null for named cases. */
  country: string | null;
  /** How many cases it names (0 for a country). */
  namedCases: number;
  reason: OutreachReason;
  openedBy: string | null;
  openedAt: Date;
  endsAt: Date;
}

/** The named cases, found in the coordinator's scope; an unknown code is refused at the field. */
async function namedCases(client: Db | Tx, actor: Actor, codes: readonly string[]) {
  const rows = await client.case.findMany({
    where: { code: { in: [...codes] }, ...caseScope(actor) },
    select: { id: true, status: true, assignedToId: true },
  });
  if (rows.length !== codes.length) throw new InvalidInputError("invalid_input", { cases: ["unknown_case"] });
  if (rows.some((r) => r.status === "CLOSED")) throw new InvalidInputError("invalid_input", { cases: ["outreach_case_closed"] });
  return rows;
}

/** How many covered open cases each caseworker has, for their notification. */
async function coveredPerCaseworker(tx: Tx, target: OpenOutreachInput["target"], named: { assignedToId: string | null }[]) {
  const counts = new Map<string, number>();
  if (target.kind === "country") {
    const groups = await tx.case.groupBy({
      by: ["assignedToId"],
      where: { currentCountry: target.country, status: { not: "CLOSED" }, assignedToId: { not: null } },
      _count: { _all: true },
    });
    for (const g of groups) if (g.assignedToId) counts.set(g.assignedToId, g._count._all);
  } else {
    for (const { assignedToId } of named) if (assignedToId) counts.set(assignedToId, (counts.get(assignedToId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Opens a window (`case:outreach`, coordinators) after a fresh second-factor code, which is spent
 * only once the named codes were found. Tells each covered caseworker how many of their cases it
 * covers (OUTREACH_OPENED, no case named) and audits `outreach.opened` (kind, country or number of
 * cases, hours, reason), linked to no case.
 */
export async function openOutreachWindow(
  actor: Actor,
  input: OpenOutreachInput,
  client: ClientInfo,
  now = new Date(),
): Promise<{ id: string; endsAt: Date }> {
  assertCan(actor, "case:outreach");
  const { target } = input;
  if (target.kind === "named") await namedCases(db(), actor, target.codes);
  const { secondFactor } = await verifyFreshCode(actor, input.code, { client, purpose: "outreach.open" }, now);
  const id = randomUUID();
  const endsAt = new Date(now.getTime() + input.hours * 3_600_000);
  await db().$transaction(async (tx) => {
    // Again inside the transaction: a case erased meanwhile must not be sealed into the window.
    const named = target.kind === "named" ? await namedCases(tx, actor, target.codes) : [];
    await tx.outreachWindow.create({
      data: {
        id,
        country: target.kind === "country" ? target.country : null,
        casesEnc:
          target.kind === "named"
            ? sealOutreachCases(
                id,
                named.map((r) => r.id),
              )
            : null,
        reason: input.reason,
        openedById: actor.userId,
        openedAt: now,
        endsAt,
      },
    });
    const counts = await coveredPerCaseworker(tx, target, named);
    await notify(
      tx,
      actor.userId,
      [...counts].map(([userId, count]) => ({ userId, kind: "OUTREACH_OPENED", count })),
    );
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "outreach.opened",
      targetType: "system",
      targetId: id,
      meta: {
        kind: target.kind,
        ...(target.kind === "country" ? { country: target.country } : { cases: named.length }),
        hours: input.hours,
        reason: input.reason,
        secondFactor,
      },
    });
  });
  return { id, endsAt };
}

/** The windows open now, for the coordinators' page. Names no case (only how many), so reads none. */
export async function listOutreachWindows(actor: Actor, now = new Date()): Promise<OutreachWindowDTO[]> {
  assertCan(actor, "case:outreach");
  const rows = await db().outreachWindow.findMany({
    where: { endsAt: { gt: now } },
    orderBy: [{ endsAt: "asc" }, { id: "asc" }],
    select: { id: true, country: true, casesEnc: true, reason: true, openedAt: true, endsAt: true, openedBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    namedCases: r.casesEnc ? openOutreachCases(r.id, r.casesEnc).length : 0,
    reason: r.reason,
    openedBy: r.openedBy.email,
    openedAt: r.openedAt,
    endsAt: r.endsAt,
  }));
}

/** Closes a window early (`case:outreach`; narrows, so no step-up): the row goes, `outreach.closed` stays. */
export async function closeOutreachWindow(actor: Actor, input: CloseOutreachInput, now = new Date()): Promise<void> {
  assertCan(actor, "case:outreach");
  await db().$transaction(async (tx) => {
    const { count } = await tx.outreachWindow.deleteMany({ where: { id: input.id, endsAt: { gt: now } } });
    if (count === 0) throw new NotFoundError("outreach_window");
    await appendAudit(tx, { actorId: actor.userId, action: "outreach.closed", targetType: "system", targetId: input.id });
  });
}
