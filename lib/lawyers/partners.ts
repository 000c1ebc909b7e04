import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { appendAudit } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { AddPartnerLawyerInput, UpdatePartnerLawyerInput } from "./schemas";

/**
 * The organisation's partner lawyers (ADR 018): a short list admins keep at /admin/lawyers, from
 * which a caseworker says which partner acts in a case's extradition proceedings. The list is staff
 * reference data; the link from a case to a lawyer is sealed with the case's key (lib/cases/legal.ts),
 * since in clear it would tie the lawyer's court files to the case.
 */

export interface PartnerLawyerDTO {
  id: string;
  label: string;
  country: string | null;
  active: boolean;
}

const select = { id: true, label: true, country: true, active: true } as const;

export async function listPartnerLawyers(actor: Actor): Promise<PartnerLawyerDTO[]> {
  assertCan(actor, "lawyer:manage");
  return db().partnerLawyer.findMany({ select, orderBy: [{ active: "desc" }, { label: "asc" }] });
}

/**
 * Every partner lawyer, active or not (old proceedings still name a lawyer who left), for the case
 * page. Read at most once every 30 s per server process, so the page sends no statement for it; a
 * lawyer added on another instance shows there within that time. Writes check the table itself.
 */
const CHOICES_TTL_MS = 30_000;
let choices: { at: number; rows: Promise<PartnerLawyerDTO[]> } | null = null;

export function partnerLawyerChoices(now = Date.now()): Promise<PartnerLawyerDTO[]> {
  if (!choices || now - choices.at > CHOICES_TTL_MS) {
    const rows = db().partnerLawyer.findMany({ select, orderBy: { label: "asc" } });
    choices = { at: now, rows };
    // A failed read is not kept: the next page asks again.
    rows.catch(() => {
      if (choices?.rows === rows) choices = null;
    });
  }
  return choices.rows;
}

function forgetChoices(): void {
  choices = null;
}

export async function addPartnerLawyer(actor: Actor, input: AddPartnerLawyerInput): Promise<{ id: string }> {
  assertCan(actor, "lawyer:manage");
  const created = await db().$transaction(async (tx) => {
    const row = await tx.partnerLawyer.create({ data: { label: input.label, country: input.country ?? null }, select: { id: true } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "lawyer.added",
      targetType: "lawyer",
      targetId: row.id,
      meta: { fields: input.country ? ["label", "country"] : ["label"] },
    });
    return row;
  });
  forgetChoices();
  return created;
}

/** Renames a partner, changes where they practise, or takes them off (or back onto) the choices. */
export async function updatePartnerLawyer(actor: Actor, input: UpdatePartnerLawyerInput): Promise<{ changed: boolean }> {
  assertCan(actor, "lawyer:manage");
  const changed = await db().$transaction(async (tx) => {
    const before = await tx.partnerLawyer.findUnique({ where: { id: input.lawyerId }, select });
    if (!before) throw new NotFoundError("lawyer");
    const after = { label: input.label, country: input.country ?? null, active: input.active };
    const fields = (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]);
    if (!fields.length) return false;
    await tx.partnerLawyer.update({ where: { id: before.id }, data: after });
    await appendAudit(tx, { actorId: actor.userId, action: "lawyer.changed", targetType: "lawyer", targetId: before.id, meta: { fields } });
    return true;
  });
  if (changed) forgetChoices();
  return { changed };
}
