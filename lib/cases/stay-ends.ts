import "server-only";
import type { Tx } from "@/lib/db/client";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { StayRule } from "@/lib/countries/stay-rule-order";
import { isoWeekStart } from "./derived";
import { CaseKey } from "./sealed";
import { computeStay, type StayFacts, type StayMovement } from "./stay";

/**
 * Keeps `cases.stay_ends_week`, the coarse week a stay runs out in (ADR 020), true: recomputed in the
 * transaction of every write that changes what it depends on (a move, a corrected move, the
 * country's stay rule). The exact days are opened with the case key here, on the server, and only
 * the Monday of the week leaves this module for the table.
 */

type StayRuleRow = { stayDays: number | null; windowDays: number | null; registrationDays: number | null; passportFreeEntry: boolean };

export function toStayRule(row: StayRuleRow | null): StayRule | null {
  return row
    ? {
        stayDays: row.stayDays,
        windowDays: row.windowDays,
        registrationDays: row.registrationDays,
        passportFreeEntry: row.passportFreeEntry,
      }
    : null;
}

export const stayRuleSelect = { stayDays: true, windowDays: true, registrationDays: true, passportFreeEntry: true } as const;

export async function stayRuleOf(tx: Tx, country: string): Promise<StayRule | null> {
  return toStayRule(await tx.countryStayRule.findUnique({ where: { countryCode: country }, select: stayRuleSelect }));
}

type Sealed = { id: string; country: string; arrivedEnc: string | null; leftEnc: string | null };

/** A case's movements in one country with their days opened (the others are not needed to count a stay there). */
export function openMovements(key: CaseKey, rows: readonly Sealed[], country: string): StayMovement[] {
  return rows
    .filter((m) => m.country === country)
    .map((m) => ({
      country: m.country,
      arrivedOn: key.openDay(caseFieldContext.movementArrived(m.id), m.arrivedEnc),
      leftOn: key.openDay(caseFieldContext.movementLeft(m.id), m.leftEnc),
    }));
}

export function stayEndsWeek(facts: StayFacts | null): Date | null {
  return facts?.kind === "limited" ? isoWeekStart(facts.endsOn) : null;
}

const movementSelect = { id: true, caseId: true, country: true, arrivedEnc: true, leftEnc: true } as const;

/** The week one case's stay runs out in, for the patch of a write that changed its movements. */
export async function stayEndsWeekOf(tx: Tx, key: CaseKey, country: string, now: Date): Promise<Date | null> {
  const rule = await stayRuleOf(tx, country);
  if (!rule || rule.stayDays === null) return null;
  const rows = await tx.movement.findMany({ where: { caseId: key.caseId, country }, select: movementSelect });
  return stayEndsWeek(computeStay(openMovements(key, rows, country), country, rule, now));
}

const BATCH = 500;

/**
 * After a country's stay rule changed: recomputes the week of every open case in that country, in
 * the rule change's transaction. No case content leaves the server; the cases' versions do not move
 * (the rule changed, not the case), so nobody's open form goes stale.
 */
export async function refreshStayEndsInCountry(tx: Tx, country: string, rule: StayRule | null, now: Date): Promise<number> {
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const cases = await tx.case.findMany({
      where: { currentCountry: country, status: { not: "CLOSED" }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, dataKeyWrapped: true, stayEndsWeek: true },
    });
    if (cases.length === 0) return changed;
    after = cases[cases.length - 1]!.id;
    const moves = rule?.stayDays
      ? await tx.movement.findMany({ where: { caseId: { in: cases.map((c) => c.id) }, country }, select: movementSelect })
      : [];
    const movesOf = new Map<string, typeof moves>();
    for (const m of moves) movesOf.set(m.caseId, [...(movesOf.get(m.caseId) ?? []), m]);
    const byWeek = new Map<string, string[]>();
    for (const kase of cases) {
      const rows = movesOf.get(kase.id) ?? [];
      const week = rule?.stayDays ? stayEndsWeek(computeStay(openMovements(new CaseKey(kase), rows, country), country, rule, now)) : null;
      if ((week?.getTime() ?? null) === (kase.stayEndsWeek?.getTime() ?? null)) continue;
      const slot = week ? week.toISOString().slice(0, 10) : "";
      byWeek.set(slot, [...(byWeek.get(slot) ?? []), kase.id]);
    }
    for (const [slot, ids] of byWeek) {
      await tx.case.updateMany({ where: { id: { in: ids } }, data: { stayEndsWeek: slot ? new Date(`${slot}T00:00:00.000Z`) : null } });
      changed += ids.length;
    }
  }
}
