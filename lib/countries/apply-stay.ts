import "server-only";
import { isDeepStrictEqual } from "node:util";
import { appendAudit } from "@/lib/audit/append";
import { refreshStayEndsInCountry, stayRuleSelect, toStayRule } from "@/lib/cases/stay-ends";
import type { Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { lockCountry } from "./apply";
import { changedStayFields, NO_STAY_RULE, type StayRule } from "./stay-rule-order";

export interface StayRuleWrite {
  countryCode: string;
  rule: StayRule;
  checkedOn: Date | null;
  sourceNote: string | null;
  /** A confirmation: the rule the loosening was asked against (null: none); a change meanwhile refuses it. */
  expectedFrom?: StayRule | null;
}

/** The current rule of a country, read under the country's lock. */
export async function currentStayRule(tx: Tx, countryCode: string) {
  return tx.countryStayRule.findUnique({
    where: { countryCode },
    select: { ...stayRuleSelect, checkedOn: true, sourceNote: true },
  });
}

/**
 * Writes one country's stay rule inside the caller's transaction (an admin tightening it or
 * changing its note, or a coordinator confirming a loosening: lib/users/approvals.ts), audits the
 * names of the parts that changed, and recomputes the week every open case in the country runs out
 * in, in the same transaction, so the lists never disagree with the rule.
 */
export async function applyStayRule(tx: Tx, actorId: string, input: StayRuleWrite, now: Date, request?: string): Promise<boolean> {
  await lockCountry(tx, input.countryCode);
  const before = await currentStayRule(tx, input.countryCode);
  const from = toStayRule(before);
  if (input.expectedFrom !== undefined && !isDeepStrictEqual(input.expectedFrom, from)) throw new ConflictError("stay_rule_changed");
  const fields: string[] = changedStayFields(from ?? NO_STAY_RULE, input.rule);
  if (!before || before.checkedOn?.getTime() !== input.checkedOn?.getTime()) fields.push("checkedOn");
  if (!before || before.sourceNote !== input.sourceNote) fields.push("sourceNote");
  if (before && fields.length === 0) return false;
  const data = { ...input.rule, checkedOn: input.checkedOn, sourceNote: input.sourceNote, updatedById: actorId };
  await tx.countryStayRule.upsert({
    where: { countryCode: input.countryCode },
    create: { countryCode: input.countryCode, ...data },
    update: data,
  });
  await appendAudit(tx, {
    actorId,
    action: "country.stay_rule_changed",
    targetType: "country",
    targetId: input.countryCode,
    meta: { fields: [...new Set(fields)], ...(request ? { request } : {}) },
  });
  if (!isDeepStrictEqual(from, input.rule)) await refreshStayEndsInCountry(tx, input.countryCode, input.rule, now);
  return true;
}
