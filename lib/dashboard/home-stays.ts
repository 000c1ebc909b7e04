import "server-only";
import type { Actor } from "@/lib/access/actor";
import { isoWeekStart } from "@/lib/cases/derived";
import { STAY_SOON_DAYS } from "@/lib/cases/list-filter";
import { CaseKey } from "@/lib/cases/sealed";
import { caseScope } from "@/lib/cases/scope";
import { computeStay } from "@/lib/cases/stay";
import { openMovements, stayRuleSelect, toStayRule } from "@/lib/cases/stay-ends";
import { DecryptionError, UnknownKeyError } from "@/lib/crypto/fields";
import { db } from "@/lib/db/client";

/**
 * The caseworker's stays that run out within 14 days (ADR 020): found by the coarse week kept in
 * clear, then refined with the exact day, opened from the sealed movements of the caseworker's own
 * cases. The caller audits the cases shown.
 */

const DAY = 86_400_000;

export interface HomeStayDTO {
  code: string;
  country: string;
  endsOn: Date;
  daysLeft: number;
}

export async function stayingSoon(actor: Actor, today: Date): Promise<{ stays: HomeStayDTO[]; caseIds: string[] }> {
  const horizon = new Date(today.getTime() + STAY_SOON_DAYS * DAY);
  const read = async () => {
    const cases = await db().case.findMany({
      where: { ...caseScope(actor), status: { not: "CLOSED" }, stayEndsWeek: { lte: isoWeekStart(horizon) } },
      orderBy: [{ stayEndsWeek: "asc" }, { id: "asc" }],
      take: 30,
      select: { id: true, code: true, dataKeyWrapped: true, currentCountry: true },
    });
    const [moves, rules] = await Promise.all([
      db().movement.findMany({
        where: { caseId: { in: cases.map((c) => c.id) } },
        select: { id: true, caseId: true, country: true, arrivedEnc: true, leftEnc: true },
      }),
      db().countryStayRule.findMany({
        where: { countryCode: { in: [...new Set(cases.map((c) => c.currentCountry))] } },
        select: { countryCode: true, ...stayRuleSelect },
      }),
    ]);
    const ruleOf = new Map(rules.map((r) => [r.countryCode, toStayRule(r)]));
    const stays = cases.flatMap((c) => {
      const opened = openMovements(
        new CaseKey(c),
        moves.filter((m) => m.caseId === c.id),
        c.currentCountry,
      );
      const facts = computeStay(opened, c.currentCountry, ruleOf.get(c.currentCountry) ?? null, today);
      return facts?.kind === "limited" && facts.endsOn <= horizon
        ? [{ id: c.id, code: c.code, country: c.currentCountry, endsOn: facts.endsOn, daysLeft: facts.daysLeft }]
        : [];
    });
    return { stays, caseIds: cases.map((c) => c.id) };
  };
  let result: Awaited<ReturnType<typeof read>>;
  try {
    result = await read();
  } catch (error) {
    // A re-key committed between the queries pairs an old key with new values; reading again gets one or the other.
    if (!(error instanceof DecryptionError || error instanceof UnknownKeyError)) throw error;
    result = await read();
  }
  return {
    stays: result.stays.sort((a, b) => a.endsOn.getTime() - b.endsOn.getTime()).map(({ id: _id, ...rest }) => rest),
    caseIds: result.caseIds,
  };
}
