import "server-only";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { assertOpen, caseEvent, mutateCase } from "./write-pipeline";
import { isoWeekStart, startOfUtcDay } from "./derived";
import { applyLegalRules } from "./legal-facts";
import type { RecordMoveInput } from "./record-schemas";
import { movementRow } from "./sealed-rows";
import { stayEndsWeekOf } from "./stay-ends";

/**
 * A case's movements: recording a move and correcting one. Exact days are sealed with the case key;
 * beside them only the ISO week is in clear, and the case keeps the week its stay runs out in
 * (stay-ends.ts, ADR 020) true on every write.
 */

/** The person moved: the previous stay ends, a new one starts, and the case's location follows. */
export async function recordMove(actor: Actor, input: RecordMoveInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertOpen(current);
    const arrivedOn = input.arrivedOn ?? startOfUtcDay(now);
    const open = await tx.movement.findMany({ where: { caseId: current.id, leftEnc: null }, select: { id: true } });
    for (const stay of open) {
      await tx.movement.update({
        where: { id: stay.id },
        data: { leftEnc: key.sealDay(caseFieldContext.movementLeft(stay.id), arrivedOn), leftWeek: isoWeekStart(arrivedOn) },
      });
    }
    await tx.movement.create({
      data: { ...movementRow(key, { ...input, arrivedOn }), caseId: current.id, createdById: actor.userId, createdAt: now },
    });
    // Wanted lists weigh differently where the person now is (legal-risk-rules.ts).
    const rules = await applyLegalRules(tx, current, { country: input.country });
    return {
      patch: {
        currentCountry: input.country,
        placeCity: input.placeCity ?? null,
        placeOtherEnc: key.seal(caseFieldContext.placeOther(current.id), input.placeOther),
        riskLevel: rules.riskLevel,
        stayEndsWeek: await stayEndsWeekOf(tx, key, input.country, now),
      },
      events: [caseEvent("LOCATION_CHANGED", { from: current.currentCountry, to: input.country }), ...rules.events],
      audit: { action: "case.location_changed", fields: ["location", ...rules.fields] },
      result: undefined,
    };
  });
}
