import "server-only";
import { itemsForApplication, type ChecklistItemDTO } from "@/lib/cases/checklist-items";
import type { ApplicationDTO } from "./dto";

/** An application's checklist on the case page: its items in order, each with its recorded state or null. */
export function applicationChecklist(
  items: ChecklistItemDTO[],
  a: { destinationCountry: string; type: ApplicationDTO["type"]; checklist: Array<{ itemId: string; state: "READY" | "MISSING" }> },
): ApplicationDTO["checklist"] {
  const states = new Map(a.checklist.map((s) => [s.itemId, s.state]));
  return itemsForApplication(items, a.destinationCountry, a.type).map((i) => ({
    itemId: i.id,
    label: i.label,
    state: states.get(i.id) ?? null,
  }));
}
