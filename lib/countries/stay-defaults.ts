import type { StayRule } from "./stay-rule-order";

/**
 * Plausible stay rules for a citizen of the origin country (Russia) in the countries the workflow
 * passes through, installed with the demo seed and the load generator. Every one is UNVERIFIED
 * (`checkedOn` null): rules change, and an admin must check each against its source before
 * caseworkers rely on it. The notes say where to check.
 */
export const DEFAULT_STAY_RULES: ReadonlyArray<StayRule & { countryCode: string; sourceNote: string }> = [
  {
    countryCode: "KZ",
    stayDays: 90,
    windowDays: 180,
    registrationDays: 30,
    passportFreeEntry: true,
    sourceNote: "EAEU migration rules; Kazakh migration service",
  },
  {
    countryCode: "AM",
    stayDays: 180,
    windowDays: 365,
    registrationDays: null,
    passportFreeEntry: true,
    sourceNote: "Armenian Migration and Citizenship Service",
  },
  {
    countryCode: "KG",
    stayDays: 90,
    windowDays: 180,
    registrationDays: 30,
    passportFreeEntry: true,
    sourceNote: "EAEU migration rules; Kyrgyz migration service",
  },
  {
    countryCode: "GE",
    stayDays: 365,
    windowDays: null,
    registrationDays: null,
    passportFreeEntry: false,
    sourceNote: "Georgian visa-free regime, one year per entry",
  },
  {
    countryCode: "RS",
    stayDays: 30,
    windowDays: 60,
    registrationDays: 1,
    passportFreeEntry: false,
    sourceNote: "Serbian Ministry of Foreign Affairs; police registration within a day",
  },
  {
    countryCode: "UZ",
    stayDays: 90,
    windowDays: 180,
    registrationDays: 3,
    passportFreeEntry: false,
    sourceNote: "Uzbek e-visa portal; registration within three days",
  },
  {
    countryCode: "MN",
    stayDays: 30,
    windowDays: 180,
    registrationDays: 30,
    passportFreeEntry: false,
    sourceNote: "Mongolian immigration agency",
  },
  {
    countryCode: "TR",
    stayDays: 60,
    windowDays: 180,
    registrationDays: null,
    passportFreeEntry: false,
    sourceNote: "Turkish Ministry of Foreign Affairs",
  },
];

export function defaultStayRuleRows() {
  return DEFAULT_STAY_RULES.map((r) => ({ ...r, checkedOn: null }));
}
