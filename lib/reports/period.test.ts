import { describe, expect, test } from "vitest";
import { wholeIsoWeeks } from "./period";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const snapped = (from: string, to: string) => {
  const p = wholeIsoWeeks({ from: day(from), to: day(to) });
  return [p.from.toISOString().slice(0, 10), p.to.toISOString().slice(0, 10)];
};

describe("wholeIsoWeeks", () => {
  test("widens the period to the Monday of its first week and the Sunday of its last", () => {
    expect(snapped("2025-05-28", "2025-06-11")).toEqual(["2025-05-26", "2025-06-15"]); // Wednesday → Monday, Wednesday → Sunday
    expect(snapped("2025-05-26", "2025-06-15")).toEqual(["2025-05-26", "2025-06-15"]); // already whole weeks
    expect(snapped("2025-06-01", "2025-06-01")).toEqual(["2025-05-26", "2025-06-01"]); // a Sunday is the end of its week
    expect(snapped("2024-12-31", "2025-01-01")).toEqual(["2024-12-30", "2025-01-05"]); // across a year
  });

  test("periods a day apart give the same weeks, or weeks apart", () => {
    for (let shift = 0; shift < 14; shift += 1) {
      const from = new Date(day("2025-05-20").getTime() + shift * 86_400_000);
      const a = wholeIsoWeeks({ from, to: day("2025-06-30") });
      const b = wholeIsoWeeks({ from: new Date(from.getTime() + 86_400_000), to: day("2025-06-30") });
      const days = (b.from.getTime() - a.from.getTime()) / 86_400_000;
      expect([0, 7]).toContain(days);
      expect(a.from.getUTCDay()).toBe(1);
      expect(a.to.getUTCDay()).toBe(0);
    }
  });
});
