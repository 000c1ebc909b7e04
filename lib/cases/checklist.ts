import "server-only";
import type { Actor } from "@/lib/access/actor";
import { checklistItemsFor, itemsForApplication } from "@/lib/cases/checklist-items";
import type { ApplicationChecklistInput } from "@/lib/cases/checklist-schemas";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { assertOpen, caseEvent, mutateCase } from "./write-pipeline";

/**
 * An application's checklist (ADR 021): for each item of its destination's checklist, ready,
 * missing, or not known (no row). Whoever may edit the case (`case:update`, in scope). Only the
 * items the application is asked for are accepted. The states are a closed vocabulary keyed by the
 * item, kept in clear; no document's content is ever recorded. The timeline says how many items
 * changed, never which; the audit names the field `applications`.
 */
export async function updateApplicationChecklist(actor: Actor, input: ApplicationChecklistInput): Promise<{ changed: number }> {
  return mutateCase(actor, input, "case:update", async (tx, current, now) => {
    assertOpen(current);
    const application = await tx.application.findFirst({
      where: { id: input.applicationId, caseId: current.id },
      select: { id: true, type: true, destinationCountry: true, checklist: { select: { itemId: true, state: true } } },
    });
    if (!application) throw new NotFoundError("application");
    const asked = new Set(
      itemsForApplication(
        await checklistItemsFor([application.destinationCountry], tx),
        application.destinationCountry,
        application.type,
      ).map((i) => i.id),
    );
    if (input.items.some((i) => !asked.has(i.itemId))) throw new InvalidInputError("not_on_checklist", { items: ["not_on_checklist"] });
    const before = new Map(application.checklist.map((s) => [s.itemId, s.state]));
    const changes = input.items.filter((i) => (before.get(i.itemId) ?? undefined) !== i.state);
    for (const change of changes) {
      const where = { applicationId_itemId: { applicationId: application.id, itemId: change.itemId } };
      if (change.state) {
        await tx.applicationChecklistState.upsert({
          where,
          create: { applicationId: application.id, itemId: change.itemId, state: change.state, updatedAt: now },
          update: { state: change.state, updatedAt: now },
        });
      } else {
        await tx.applicationChecklistState.deleteMany({ where: { applicationId: application.id, itemId: change.itemId } });
      }
    }
    return {
      events: changes.length
        ? [caseEvent("CHECKLIST_UPDATED", { destination: application.destinationCountry, items: changes.length })]
        : [],
      audit: { action: "case.checklist_updated", fields: ["applications"] },
      result: { changed: changes.length },
    };
  });
}
