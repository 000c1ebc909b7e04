import type { StayRule } from "@/lib/countries/stay-rule-order";

export type StayRulePart = "window" | "perEntry" | "noLimit" | "registration" | "noRegistration" | "passportFree" | "passportNeeded";

/**
 * A country's stay rule as the parts of one line ("90 days in any 180 · registration after 30 days ·
 * entry without a foreign passport"): each a key of the `stay.rule` messages and its values. The
 * caller translates them with its `stay` translator: t(`rule.${key}`, values).
 */
export function stayRuleParts(rule: StayRule): Array<[StayRulePart, Record<string, number>]> {
  const days: [StayRulePart, Record<string, number>] =
    rule.stayDays === null
      ? ["noLimit", {}]
      : rule.windowDays === null
        ? ["perEntry", { days: rule.stayDays }]
        : ["window", { days: rule.stayDays, window: rule.windowDays }];
  return [
    days,
    rule.registrationDays === null ? ["noRegistration", {}] : ["registration", { days: rule.registrationDays }],
    [rule.passportFreeEntry ? "passportFree" : "passportNeeded", {}],
  ];
}
