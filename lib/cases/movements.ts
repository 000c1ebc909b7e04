import "server-only";
import { todayOf, type Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { Tx } from "@/lib/db/client";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { assertOpen, caseEvent, mutateCase, mutateCases, type CaseChange, type CaseCore } from "./write-pipeline";
import { groupOf } from "./groups";
import { isoWeekStart } from "./derived";
import { applyLegalRules } from "./legal-facts";
import type { CorrectMovementInput, RecordMoveInput } from "./record-schemas";
import type { CaseKey } from "./sealed";
import { movementRow } from "./sealed-rows";
import { stayEndsWeekOf } from "./stay-ends";

/**
 * A case's movements: recording a move and correcting one. Exact days are sealed with the case key;
 * beside them only the ISO week is in clear, and the case keeps the week its stay runs out in
 * (stay-ends.ts, ADR 020) true on every write.
 */

/**
 * The person moved: the previous stay ends, a new one starts, and the case's location follows.
 * With `together`, the same move (country, place, day) is recorded for those other cases of the
 * case's group, each as if recorded on its own page (its version checked, its stay recomputed, its
 * own timeline event and audit entry), in one transaction: one refusal and nothing is recorded.
 * Each of them must still be in the case's group (groups.ts, ADR 023).
 */
export async function recordMove(actor: Actor, input: RecordMoveInput): Promise<void> {
  const together = input.together ?? [];
  if (!together.length) {
    await mutateCase(actor, input, "case:update", (tx, current, now, key) => moveChange(tx, actor, input, current, now, key));
    return;
  }
  await mutateCases(actor, [input, ...together], "case:update", async (tx, currents, now, keys) => {
    const [group, ...others] = currents.map((c, i) => groupOf(keys[i]!, c.groupEnc));
    if (!group || others.some((g) => g?.id !== group.id)) throw new ConflictError("group_changed");
    const changes = [];
    for (const [i, current] of currents.entries()) {
      try {
        changes.push(await moveChange(tx, actor, input, current, now, keys[i]!));
      } catch (error) {
        // Another person's move refused (their case closed, a later move already recorded): said at
        // the checkbox, since the fields typed are right for this case.
        if (i > 0 && (error instanceof InvalidInputError || error instanceof ConflictError))
          throw new InvalidInputError("group_move_refused", { alsoForGroup: ["refused_for_other_case"] });
        throw error;
      }
    }
    return changes;
  });
}

async function moveChange(
  tx: Tx,
  actor: Actor,
  input: RecordMoveInput,
  current: CaseCore,
  now: Date,
  key: CaseKey,
): Promise<CaseChange<undefined>> {
  assertOpen(current);
  const arrivedOn = input.arrivedOn ?? todayOf(actor, now);
  const earlier = await loadMovements(tx, key);
  // A move cannot happen before one already recorded: that is a correction of the earlier one.
  if (earlier.some((m) => (m.arrivedOn && m.arrivedOn > arrivedOn) || (m.leftOn && m.leftOn > arrivedOn)))
    throw new InvalidInputError("movement_order", { arrivedOn: ["arrival_before_previous"] });
  for (const stay of earlier.filter((m) => m.leftEnc === null)) {
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
}

type OpenedMovement = { id: string; country: string; leftEnc: string | null; arrivedOn: Date | null; leftOn: Date | null };

/** The case's movements in the order they were recorded, their days opened. */
async function loadMovements(tx: Tx, key: CaseKey): Promise<OpenedMovement[]> {
  const rows = await tx.movement.findMany({
    where: { caseId: key.caseId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, country: true, arrivedEnc: true, leftEnc: true },
  });
  return rows.map((m) => ({
    id: m.id,
    country: m.country,
    leftEnc: m.leftEnc,
    arrivedOn: key.openDay(caseFieldContext.movementArrived(m.id), m.arrivedEnc),
    leftOn: key.openDay(caseFieldContext.movementLeft(m.id), m.leftEnc),
  }));
}

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const dayOrNull = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The first impossible order in a sequence of stays, as the field of the correction to blame: an
 * arrival before the previous arrival or departure, a departure before its arrival or after the
 * next arrival. Unknown days are skipped.
 */
export function movementOrderProblem(moves: ReadonlyArray<{ arrivedOn: Date | null; leftOn: Date | null }>): "arrivedOn" | "leftOn" | null {
  let latest: Date | null = null;
  for (const m of moves) {
    if (m.arrivedOn && latest && m.arrivedOn < latest) return "arrivedOn";
    if (m.arrivedOn && m.leftOn && m.leftOn < m.arrivedOn) return "leftOn";
    for (const d of [m.arrivedOn, m.leftOn]) if (d && (!latest || d > latest)) latest = d;
  }
  return null;
}

/**
 * Corrects the days of one recorded movement, with the reason (screened, sealed in the timeline
 * event with the days before and after). The neighbouring day that recordMove tied to it moves
 * along: the previous stay's departure with an arrival, the next stay's arrival with a departure.
 * Refuses an order that cannot have happened. The stay's week follows (ADR 020).
 */
export async function correctMovement(actor: Actor, input: CorrectMovementInput): Promise<void> {
  await mutateCase(actor, input, "case:update", async (tx, current, now, key) => {
    assertOpen(current);
    const moves = await loadMovements(tx, key);
    const index = moves.findIndex((m) => m.id === input.movementId);
    const target = moves[index];
    if (!target) throw new NotFoundError("movement");
    const arrivedOn = input.arrivedOn ?? null;
    const leftOn = input.leftOn ?? null;
    if (target.leftEnc === null && leftOn) throw new InvalidInputError("movement_order", { leftOn: ["open_stay_has_no_departure"] });
    if (target.leftEnc !== null && !leftOn) throw new InvalidInputError("movement_order", { leftOn: ["required"] });
    if (sameDay(arrivedOn, target.arrivedOn) && sameDay(leftOn, target.leftOn)) throw new InvalidInputError("nothing_changed");
    const previous = moves[index - 1];
    const next = moves[index + 1];
    const changed = moves.map((m) => ({ ...m }));
    changed[index] = { ...target, arrivedOn, leftOn };
    if (previous && sameDay(previous.leftOn, target.arrivedOn) && arrivedOn) changed[index - 1] = { ...previous, leftOn: arrivedOn };
    if (next && sameDay(next.arrivedOn, target.leftOn) && leftOn) changed[index + 1] = { ...next, arrivedOn: leftOn };
    // Blamed on the day the person changed (the neighbour that moved along may be where it shows).
    const problem = movementOrderProblem(changed) && (sameDay(arrivedOn, target.arrivedOn) ? "leftOn" : "arrivedOn");
    if (problem)
      throw new InvalidInputError("movement_order", {
        [problem]: [problem === "arrivedOn" ? "arrival_before_previous" : "departure_out_of_order"],
      });
    for (const [i, m] of changed.entries()) {
      const was = moves[i]!;
      if (sameDay(m.arrivedOn, was.arrivedOn) && sameDay(m.leftOn, was.leftOn)) continue;
      await tx.movement.update({
        where: { id: m.id },
        data: {
          arrivedEnc: key.sealDay(caseFieldContext.movementArrived(m.id), m.arrivedOn),
          arrivedWeek: m.arrivedOn ? isoWeekStart(m.arrivedOn) : null,
          leftEnc: key.sealDay(caseFieldContext.movementLeft(m.id), m.leftOn),
          leftWeek: m.leftOn ? isoWeekStart(m.leftOn) : null,
        },
      });
    }
    return {
      patch: { stayEndsWeek: await stayEndsWeekOf(tx, key, current.currentCountry, now) },
      events: [
        caseEvent("MOVEMENT_CORRECTED", {
          country: target.country,
          arrivedFrom: dayOrNull(target.arrivedOn),
          arrivedTo: dayOrNull(arrivedOn),
          leftFrom: dayOrNull(target.leftOn),
          leftTo: dayOrNull(leftOn),
          reason: input.reason,
        }),
      ],
      audit: { action: "case.movement_corrected", fields: ["movements"] },
      result: undefined,
    };
  });
}
