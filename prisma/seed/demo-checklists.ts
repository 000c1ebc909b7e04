import "server-only";
import type { ApplicationType } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import type { Prng } from "./prng";

/**
 * The demo's application checklists (ADR 021): humanitarian visas to the main destinations, and
 * what every application to Germany or France needs, with some items marked ready or missing on the
 * seeded applications. Rows only, like the rest of the demo.
 */

const HUMANITARIAN = [
  "Support letter",
  "Passport-size photos",
  "Completed application form",
  "Proof of military service ended",
  "Travel insurance",
];

const LISTS: ReadonlyArray<{ destination: string; type: ApplicationType | null; labels: readonly string[] }> = [
  { destination: "DE", type: "HUMANITARIAN_VISA", labels: [...HUMANITARIAN, "Threat assessment by a partner organisation"] },
  { destination: "DE", type: null, labels: ["Bank statement"] },
  { destination: "FR", type: "HUMANITARIAN_VISA", labels: [...HUMANITARIAN, "Cover letter in French"] },
  { destination: "FR", type: null, labels: ["Bank statement", "Proof of accommodation"] },
  { destination: "NL", type: "HUMANITARIAN_VISA", labels: HUMANITARIAN },
  { destination: "LT", type: "HUMANITARIAN_VISA", labels: [...HUMANITARIAN, "Letter from a Lithuanian NGO"] },
  { destination: "CZ", type: "HUMANITARIAN_VISA", labels: HUMANITARIAN },
];

export async function seedDemoChecklists(random: Prng): Promise<number> {
  const items: Array<{ id: string; destination: string; type: ApplicationType | null }> = [];
  for (const list of LISTS) {
    for (const [index, label] of list.labels.entries()) {
      const row = await db().checklistItem.create({
        data: { destinationCountry: list.destination, applicationType: list.type, label, position: index + 1 },
        select: { id: true },
      });
      items.push({ id: row.id, destination: list.destination, type: list.type });
    }
  }
  const applications = await db().application.findMany({
    where: { destinationCountry: { in: [...new Set(LISTS.map((l) => l.destination))] }, status: { not: "WITHDRAWN" } },
    orderBy: { id: "asc" },
    select: { id: true, type: true, destinationCountry: true, status: true },
  });
  const states: Array<{ applicationId: string; itemId: string; state: "READY" | "MISSING" }> = [];
  for (const a of applications) {
    const asked = items.filter((i) => i.destination === a.destinationCountry && (i.type === null || i.type === a.type));
    // Submitted or decided: everything was gathered; planned: some ready, some missing, some not known.
    for (const item of asked) {
      if (a.status !== "PLANNED") states.push({ applicationId: a.id, itemId: item.id, state: "READY" });
      else if (random.next() < 0.7) states.push({ applicationId: a.id, itemId: item.id, state: random.next() < 0.6 ? "READY" : "MISSING" });
    }
  }
  await db().applicationChecklistState.createMany({ data: states });
  return items.length;
}
