import { describe, expect, test } from "vitest";
import { NO_STAY_RULE, type StayRule } from "@/lib/countries/stay-rule-order";
import { computeStay, type StayMovement } from "./stay";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const day = (x: Date) => x.toISOString().slice(0, 10);
const rule = (stayDays: number | null, windowDays: number | null, registrationDays: number | null = null): StayRule => ({
  ...NO_STAY_RULE,
  stayDays,
  windowDays,
  registrationDays,
});
const stay = (country: string, arrived: string | null, left: string | null = null): StayMovement => ({
  country,
  arrivedOn: arrived ? d(arrived) : null,
  leftOn: left ? d(left) : null,
});

describe("the stay in the current country", () => {
  test("per entry: the arrival day is day one; 365 days from 1 January end on 31 December", () => {
    const facts = computeStay([stay("RU", "2025-12-20", "2026-01-01"), stay("GE", "2026-01-01")], "GE", rule(365, null), d("2026-03-01"));
    expect(facts).toMatchObject({ kind: "limited", daysUsed: 60, daysAllowed: 365, daysLeft: 305 });
    expect(facts?.kind === "limited" && day(facts.endsOn)).toBe("2026-12-31");
  });

  test("90 days in 180, one stay: the 90th day is the last", () => {
    const facts = computeStay([stay("KZ", "2026-01-01")], "KZ", rule(90, 180, 30), d("2026-01-10"));
    expect(facts).toMatchObject({ kind: "limited", daysUsed: 10, daysLeft: 80 });
    expect(facts?.kind === "limited" && [day(facts.endsOn), facts.registrationBy && day(facts.registrationBy)]).toEqual([
      "2026-03-31",
      "2026-01-30",
    ]);
  });

  test("90 in 180: an earlier stay wholly inside the window uses up its days", () => {
    const moves = [stay("KZ", "2025-10-01", "2025-11-29"), stay("GE", "2025-11-29", "2026-01-01"), stay("KZ", "2026-01-01")];
    const facts = computeStay(moves, "KZ", rule(90, 180), d("2026-01-20"));
    expect(facts).toMatchObject({ kind: "limited", daysUsed: 80, daysLeft: 10 });
    expect(facts?.kind === "limited" && day(facts.endsOn)).toBe("2026-01-30");
  });

  test("90 in 180: days of an earlier stay leave the window one by one while new ones come (a plateau), then the count climbs again", () => {
    const moves = [stay("KZ", "2025-07-15", "2025-09-12"), stay("AM", "2025-09-12", "2026-01-01"), stay("KZ", "2026-01-01")];
    const on = (today: string) => computeStay(moves, "KZ", rule(90, 180), d(today));
    expect(on("2026-01-10")).toMatchObject({ daysUsed: 70 });
    expect(on("2026-02-15")).toMatchObject({ daysUsed: 70 });
    expect(on("2026-03-11")).toMatchObject({ daysUsed: 70 });
    expect(on("2026-03-12")).toMatchObject({ daysUsed: 71 });
    const facts = on("2026-03-12");
    expect(facts?.kind === "limited" && day(facts.endsOn)).toBe("2026-03-31");
  });

  test("a stay already over its allowance ran out in the past (negative days left)", () => {
    const facts = computeStay([stay("TR", "2026-01-01")], "TR", rule(60, 180), d("2026-03-10"));
    expect(facts).toMatchObject({ kind: "limited", daysLeft: -9 });
    expect(facts?.kind === "limited" && day(facts.endsOn)).toBe("2026-03-01");
  });

  test("no rule, no day limit, or an allowance as long as its window: nothing runs out", () => {
    expect(computeStay([stay("AM", "2026-01-01")], "AM", null, d("2026-01-05"))).toMatchObject({ kind: "unlimited", daysUsed: 5 });
    expect(computeStay([stay("AM", "2026-01-01")], "AM", rule(null, null, 10), d("2026-01-05"))).toMatchObject({ kind: "unlimited" });
    expect(computeStay([stay("AM", "2026-01-01")], "AM", rule(180, 180), d("2026-01-05"))).toMatchObject({ kind: "unlimited" });
  });

  test("a stay whose arrival day was never recorded cannot be counted; a person who left is in no stay", () => {
    expect(computeStay([stay("KZ", null)], "KZ", rule(90, 180), d("2026-01-05"))).toEqual({ kind: "unknown_arrival" });
    expect(computeStay([stay("KZ", "2026-01-01", "2026-01-03")], "KZ", rule(90, 180), d("2026-01-05"))).toBeNull();
  });

  test("the day it runs out matches counting every window by hand", () => {
    const moves = [stay("KZ", "2025-06-03", "2025-07-20"), stay("KZ", "2025-10-11", "2025-11-02"), stay("KZ", "2025-12-24")];
    const facts = computeStay(moves, "KZ", rule(90, 180), d("2025-12-30"));
    if (facts?.kind !== "limited") throw new Error("expected a limited stay");
    const present = (x: number) =>
      moves.some((m) => x >= m.arrivedOn!.getTime() / 86_400_000 && (m.leftOn === null || x <= m.leftOn.getTime() / 86_400_000));
    const used = (x: number) => Array.from({ length: 180 }, (_, i) => x - i).filter(present).length;
    const endsN = facts.endsOn.getTime() / 86_400_000;
    expect(used(endsN)).toBeLessThanOrEqual(90);
    expect(used(endsN + 1)).toBe(91);
    expect(facts.daysUsed).toBe(used(d("2025-12-30").getTime() / 86_400_000));
  });
});
