import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { appendAudit } from "@/lib/audit/append";
import type { ApplicationType } from "@/lib/cases/vocabulary";
import { db, type Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { AddChecklistItemInput, MoveChecklistItemInput, UpdateChecklistItemInput } from "./checklist-schemas";

/**
 * The application checklists (ADR 021): per destination, and optionally per type of application,
 * the ordered items an application needs. Coordinators keep them at /applications/checklists
 * (`checklist:manage`); each change is audited by the names of the fields it changed, never their
 * values. The items are staff reference data: which case has which item ready is the case's
 * (lib/cases/checklist.ts).
 */

export interface ChecklistItemDTO {
  id: string;
  destinationCountry: string;
  applicationType: ApplicationType | null;
  label: string;
  position: number;
  active: boolean;
}

const select = { id: true, destinationCountry: true, applicationType: true, label: true, position: true, active: true } as const;
const order = [{ destinationCountry: "asc" }, { applicationType: { sort: "asc", nulls: "first" } }, { position: "asc" }] as const;

/** Every item, retired ones too, in the page's order (coordinators). */
export async function listChecklistItems(actor: Actor): Promise<ChecklistItemDTO[]> {
  assertCan(actor, "checklist:manage");
  return db().checklistItem.findMany({ select, orderBy: [...order] });
}

/**
 * The active items of the checklists for these destinations, for the case page (whoever reads the
 * case: the items say nothing about it). The caller has already read the case in scope.
 */
export async function checklistItemsFor(destinations: string[], client: Tx = db()): Promise<ChecklistItemDTO[]> {
  if (destinations.length === 0) return [];
  return client.checklistItem.findMany({ where: { destinationCountry: { in: destinations }, active: true }, select, orderBy: [...order] });
}

/** The items an application to `destination` of `type` is asked for: those of its type and those for every type. */
export function itemsForApplication(items: ChecklistItemDTO[], destination: string, type: ApplicationType): ChecklistItemDTO[] {
  return items.filter((i) => i.destinationCountry === destination && (i.applicationType === null || i.applicationType === type));
}

export async function addChecklistItem(actor: Actor, input: AddChecklistItemInput): Promise<{ id: string }> {
  assertCan(actor, "checklist:manage");
  return db().$transaction(async (tx) => {
    const list = { destinationCountry: input.destinationCountry, applicationType: input.applicationType ?? null };
    const last = await tx.checklistItem.aggregate({ where: list, _max: { position: true } });
    const row = await tx.checklistItem.create({
      data: { ...list, label: input.label, position: (last._max.position ?? 0) + 1 },
      select: { id: true },
    });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "checklist.item_added",
      targetType: "system",
      targetId: row.id,
      meta: { fields: ["destinationCountry", "applicationType", "label"] },
    });
    return row;
  });
}

/** Renames an item, or retires it (or brings it back). States already recorded on applications stay. */
export async function updateChecklistItem(actor: Actor, input: UpdateChecklistItemInput): Promise<{ changed: boolean }> {
  assertCan(actor, "checklist:manage");
  return db().$transaction(async (tx) => {
    const before = await tx.checklistItem.findUnique({ where: { id: input.itemId }, select });
    if (!before) throw new NotFoundError("checklist_item");
    const after = { label: input.label, active: input.active };
    const fields = (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]);
    if (!fields.length) return { changed: false };
    await tx.checklistItem.update({ where: { id: before.id }, data: after });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "checklist.item_changed",
      targetType: "system",
      targetId: before.id,
      meta: { fields },
    });
    return { changed: true };
  });
}

/** Swaps an item with its neighbour in its list (same destination and type). At either end, nothing moves. */
export async function moveChecklistItem(actor: Actor, input: MoveChecklistItemInput): Promise<{ changed: boolean }> {
  assertCan(actor, "checklist:manage");
  return db().$transaction(async (tx) => {
    const item = await tx.checklistItem.findUnique({ where: { id: input.itemId }, select });
    if (!item) throw new NotFoundError("checklist_item");
    const up = input.direction === "up";
    const neighbour = await tx.checklistItem.findFirst({
      where: {
        destinationCountry: item.destinationCountry,
        applicationType: item.applicationType,
        position: up ? { lt: item.position } : { gt: item.position },
      },
      orderBy: { position: up ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return { changed: false };
    await tx.checklistItem.update({ where: { id: item.id }, data: { position: neighbour.position } });
    await tx.checklistItem.update({ where: { id: neighbour.id }, data: { position: item.position } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "checklist.item_moved",
      targetType: "system",
      targetId: item.id,
      meta: { fields: ["position"] },
    });
    return { changed: true };
  });
}
