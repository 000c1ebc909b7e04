import { describe, expect, test } from "vitest";
import { changedStayFields, loosensStayRule, NO_STAY_RULE, type StayRule } from "./stay-rule-order";

const kz: StayRule = { stayDays: 90, windowDays: 180, registrationDays: 30, passportFreeEntry: true };

describe("what loosening a stay rule means", () => {
  test.each<[string, Partial<StayRule>, boolean]>([
    ["a longer stay", { stayDays: 120 }, true],
    ["no day limit", { stayDays: null, windowDays: null }, true],
    ["the same days over a shorter window", { windowDays: 90 + 30 }, true],
    ["the same days per entry instead of a window", { windowDays: null }, true],
    ["registration later", { registrationDays: 60 }, true],
    ["no registration needed", { registrationDays: null }, true],
    ["a shorter stay", { stayDays: 60 }, false],
    ["a longer window", { windowDays: 365 }, false],
    ["registration sooner", { registrationDays: 3 }, false],
    ["a foreign passport now needed", { passportFreeEntry: false }, false],
    ["a shorter stay but registration later (mixed)", { stayDays: 60, registrationDays: 90 }, true],
  ])("%s → loosens: %s", (_name, change, loosens) => {
    expect(loosensStayRule(kz, { ...kz, ...change })).toBe(loosens);
  });

  test("from no rule: limits tighten; passport-free entry becoming possible loosens", () => {
    expect(loosensStayRule(NO_STAY_RULE, { ...kz, passportFreeEntry: false })).toBe(false);
    expect(loosensStayRule(NO_STAY_RULE, kz)).toBe(true);
    expect(loosensStayRule({ ...NO_STAY_RULE }, { ...NO_STAY_RULE, passportFreeEntry: true })).toBe(true);
  });

  test("the audit names the parts that changed", () => {
    expect(changedStayFields(kz, { ...kz, stayDays: 60, passportFreeEntry: false })).toEqual(["stayDays", "passportFreeEntry"]);
    expect(changedStayFields(kz, kz)).toEqual([]);
  });
});
