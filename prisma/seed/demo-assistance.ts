import { db } from "@/lib/db/client";
import type { AssistanceType, CaseStatus } from "@/lib/db/generated/enums";
import { initialStatus } from "@/lib/budget/approval";
import type { DemoStaff } from "./demo-story";
import type { Prng } from "./prng";

/**
 * The demo's budget lines and help given (ADR 022): people past planning got tickets, rooms, food,
 * legal aid and fees over the last months, on four EUR lines; help above a line's threshold waits
 * for the coordinator when caseworker1 recorded it. Rows only (no timeline events): the demo's
 * cases are written as stored, not replayed through the app.
 */

const LINES = [
  { label: "Tickets", currency: "EUR", approvalThresholdMinor: 20_000 },
  { label: "Accommodation and food", currency: "EUR", approvalThresholdMinor: 30_000 },
  { label: "Legal aid", currency: "EUR", approvalThresholdMinor: 50_000 },
  { label: "Documents and fees", currency: "EUR", approvalThresholdMinor: 15_000 },
] as const;

const HELP: ReadonlyArray<{ type: AssistanceType; line: number; min: number; max: number }> = [
  { type: "TICKET", line: 0, min: 60, max: 420 },
  { type: "ACCOMMODATION", line: 1, min: 120, max: 450 },
  { type: "FOOD", line: 1, min: 40, max: 160 },
  { type: "LEGAL_AID", line: 2, min: 200, max: 900 },
  { type: "DOCUMENTS_FEES", line: 3, min: 35, max: 180 },
  { type: "MEDICAL", line: 1, min: 30, max: 250 },
];

const PAST_PLANNING: readonly CaseStatus[] = ["IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED"];

export async function seedDemoAssistance(staff: DemoStaff, random: Prng, now: Date): Promise<number> {
  const lines: Array<{ id: string }> = [];
  for (const line of LINES)
    lines.push(await db().budgetLine.create({ data: { ...line, updatedById: staff.coordinator }, select: { id: true } }));
  const cases = await db().case.findMany({
    where: { OR: [{ status: { in: [...PAST_PLANNING] } }, { statusBeforeClose: { in: [...PAST_PLANNING] } }] },
    orderBy: { code: "asc" },
    select: { id: true, status: true, statusBeforeClose: true, currentCountry: true, assignedToId: true },
  });
  const rows = cases.flatMap((kase) =>
    Array.from({ length: random.int(1, 3) }, () => {
      const help = random.pick(HELP);
      const line = LINES[help.line]!;
      const amountMinor = random.int(help.min, help.max) * 100;
      const back = random.int(0, 5);
      const recordedById = kase.assignedToId ?? staff.caseworker1;
      // Only caseworker1's help may wait: the coordinator approves it in the demo.
      const waiting = initialStatus({ ...line, active: true }, { amountMinor, currency: "EUR" }) === "AWAITING_APPROVAL";
      return {
        caseId: kase.id,
        type: help.type,
        amountMinor,
        currency: "EUR",
        month: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)),
        budgetLineId: lines[help.line]!.id,
        status: waiting && recordedById === staff.caseworker1 && back === 0 ? ("AWAITING_APPROVAL" as const) : ("APPROVED" as const),
        country: kase.currentCountry,
        stage: kase.status === "CLOSED" ? (kase.statusBeforeClose ?? "IN_THIRD_COUNTRY") : kase.status,
        recordedById,
        decidedById: waiting && !(recordedById === staff.caseworker1 && back === 0) ? staff.coordinator : null,
      };
    }),
  );
  // The codes are random, so which case draws which help is too: make sure one ticket waits for the
  // coordinator, as the demo promises.
  const mine = rows.find((r) => r.recordedById === staff.caseworker1);
  if (mine && !rows.some((r) => r.status === "AWAITING_APPROVAL")) {
    Object.assign(mine, {
      type: "TICKET" as const,
      budgetLineId: lines[0]!.id,
      amountMinor: 38_000,
      month: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
      status: "AWAITING_APPROVAL" as const,
      decidedById: null,
    });
  }
  await db().assistance.createMany({ data: rows });
  return rows.length;
}
