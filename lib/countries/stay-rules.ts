import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { createAccessRequest } from "@/lib/approvals/requests";
import { toStayRule } from "@/lib/cases/stay-ends";
import { db } from "@/lib/db/client";
import { changeCountry } from "./apply";
import { pendingCountryRequests } from "./risk";
import { applyStayRule, currentStayRule } from "./apply-stay";
import { changedStayFields, loosensStayRule, NO_STAY_RULE, type StayRule } from "./stay-rule-order";
import { StayChangeSchema, type SetStayRuleInput } from "./stay-rule-schemas";

/**
 * The stay rules (admins): how long a person from the origin country may stay in a country, when
 * they must register, whether they can enter without a foreign passport, when the rule was last
 * checked and where it comes from. Tightening applies at once; loosening waits for a coordinator
 * at /admin/approvals, like lowering a country's risk (ADR 013, 020). Every change is audited by
 * the names of the parts that changed.
 */

export interface StayRuleDTO extends StayRule {
  countryCode: string;
  checkedOn: Date | null;
  sourceNote: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}

export async function listStayRules(actor: Actor): Promise<StayRuleDTO[]> {
  assertCan(actor, "country:manage");
  const rows = await db().countryStayRule.findMany({
    orderBy: { countryCode: "asc" },
    include: { updatedBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    countryCode: r.countryCode,
    stayDays: r.stayDays,
    windowDays: r.windowDays,
    registrationDays: r.registrationDays,
    passportFreeEntry: r.passportFreeEntry,
    checkedOn: r.checkedOn,
    sourceNote: r.sourceNote,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy?.email ?? null,
  }));
}

export interface PendingStayChangeDTO {
  countryCode: string;
  from: StayRule | null;
  to: StayRule;
  requestedBy: string;
  expiresAt: Date;
}

/** Loosenings that wait for a coordinator, for the admin's page. */
export async function listPendingStayChanges(actor: Actor, now = new Date()): Promise<PendingStayChangeDTO[]> {
  assertCan(actor, "country:manage");
  const rows = await pendingCountryRequests("COUNTRY_STAY_RULE", now);
  return rows.map((r) => {
    const change = StayChangeSchema.parse(r.stayChange);
    return { countryCode: r.countryCode!, from: change.from, to: change.to, requestedBy: r.requestedBy.email, expiresAt: r.expiresAt };
  });
}

/**
 * Sets a country's stay rule. A rule that gives nobody more room applies at once (`changed`); one
 * that loosens any part becomes a request a coordinator confirms (`pending`), one per country at a
 * time. Needs the session's step-up.
 */
export async function setStayRule(
  actor: Actor,
  input: SetStayRuleInput,
  now = new Date(),
): Promise<{ changed: boolean; pending: boolean }> {
  return changeCountry(actor, input.countryCode, now, async (tx) => {
    const from = toStayRule(await currentStayRule(tx, input.countryCode));
    if (loosensStayRule(from ?? NO_STAY_RULE, input.rule)) {
      const change = {
        from,
        to: input.rule,
        checkedOn: input.checkedOn?.toISOString().slice(0, 10) ?? null,
        sourceNote: input.sourceNote,
      };
      const fields = changedStayFields(from ?? NO_STAY_RULE, input.rule);
      await createAccessRequest(tx, actor, { kind: "COUNTRY_STAY_RULE", stayRule: { code: input.countryCode, change, fields } }, now);
      return { changed: false, pending: true };
    }
    return { changed: await applyStayRule(tx, actor.userId, input, now), pending: false };
  });
}
