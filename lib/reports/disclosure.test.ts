import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BELOW_BASE, cellKey, KEY_RANGE, publishCount, publishedNumber, unionOf } from "./disclosure";

/** A record-key sum of any size; its cell key is uniform for random record keys. */
const keySum = fc.bigInt({ min: 0n, max: KEY_RANGE * 100_000n });
const at = (fraction: number) => (KEY_RANGE * BigInt(Math.round(fraction * 1e9))) / 1_000_000_000n;

describe("publishCount (cell-key rounding to base 5)", () => {
  test("0 is published as 0 and 1 to 4 as <5, whatever the cell key", () => {
    fc.assert(
      fc.property(keySum, (k) => {
        expect(publishCount({ count: 0, keySum: k })).toBe("0");
        for (const n of [1, 2, 3, 4]) expect(publishCount({ count: n, keySum: k })).toBe(BELOW_BASE);
      }),
      { seed: 11 },
    );
  });

  test("every other count is published as a multiple of 5, and 5q + r only as 5q or 5q + 5 (never <5)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 1_000_000 }), keySum, (n, k) => {
        const published = publishCount({ count: n, keySum: k });
        expect(published).toMatch(/^[1-9]\d*$/);
        const value = Number(published);
        expect(value % 5).toBe(0);
        const q = Math.floor(n / 5);
        expect([5 * q, 5 * q + 5]).toContain(value);
        if (n % 5 === 0) expect(value).toBe(n);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  test("the same cell key always gives the same output, and key sums equal modulo the key range are the same key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), keySum, fc.bigInt({ min: 0n, max: 1000n }), (n, k, m) => {
        const once = publishCount({ count: n, keySum: k });
        expect(publishCount({ count: n, keySum: k })).toBe(once);
        expect(publishCount({ count: n, keySum: k + m * KEY_RANGE })).toBe(once);
      }),
      { seed: 13 },
    );
  });

  test("5q + r rounds up exactly when the cell key is below r/5", () => {
    // 12 = 10 + 2: up below 2/5, down from 2/5 on.
    expect(publishCount({ count: 12, keySum: 0n })).toBe("15");
    expect(publishCount({ count: 12, keySum: at(0.39) })).toBe("15");
    expect(publishCount({ count: 12, keySum: (KEY_RANGE * 2n) / 5n + 1n })).toBe("10");
    expect(publishCount({ count: 12, keySum: at(0.99) })).toBe("10");
    // 9 = 5 + 4: to 10 below 4/5, else 5.
    expect(publishCount({ count: 9, keySum: at(0.79) })).toBe("10");
    expect(publishCount({ count: 9, keySum: at(0.81) })).toBe("5");
    expect(cellKey(-1n)).toBe(KEY_RANGE - 1n);
  });

  test("over uniformly random cell keys the rounding is unbiased: the mean output is the true count", () => {
    // noBias: fast-check otherwise favours small values and edge cases, which are not uniform keys.
    const keys = fc.sample(fc.noBias(fc.bigInt({ min: 0n, max: KEY_RANGE - 1n })), { seed: 2025, numRuns: 20_000 });
    for (const n of [5, 6, 7, 8, 9, 11, 23, 104, 999]) {
      const mean = keys.reduce((sum, k) => sum + Number(publishCount({ count: n, keySum: k })), 0) / keys.length;
      // Each output is within 5 of n: the standard error of the mean is below 2.5/sqrt(20,000) ≈ 0.018.
      expect(Math.abs(mean - n), `n = ${n}, mean ${mean}`).toBeLessThan(0.1);
    }
  });

  test("over evenly spread cell keys the mean is the true count, to the spacing of the keys", () => {
    const steps = 1000n;
    for (const n of [5, 6, 7, 8, 9, 42]) {
      let total = 0;
      for (let i = 0n; i < steps; i += 1n) total += Number(publishCount({ count: n, keySum: (KEY_RANGE * i) / steps }));
      // One key may fall on either side of a threshold: within one step of 5.
      expect(Math.abs(total - n * Number(steps))).toBeLessThanOrEqual(5);
    }
  });

  test("no integer combination of published numbers is a count from 1 to 4", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ count: fc.integer({ min: 0, max: 200 }), keySum, coefficient: fc.integer({ min: -3, max: 3 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        (cells) => {
          const combination = cells.reduce((sum, c) => sum + c.coefficient * (publishedNumber(publishCount(c)) ?? 0), 0);
          expect(Math.abs(combination) % 5).toBe(0);
        },
      ),
      { seed: 14 },
    );
  });

  test("refuses what is not a count", () => {
    expect(() => publishCount({ count: -1, keySum: 0n })).toThrow(RangeError);
    expect(() => publishCount({ count: 2.5, keySum: 0n })).toThrow(RangeError);
  });
});

describe("unionOf", () => {
  test("adds the counts and key sums of disjoint cells", () => {
    expect(
      unionOf([
        { count: 2, keySum: 10n },
        { count: 3, keySum: KEY_RANGE },
      ]),
    ).toEqual({ count: 5, keySum: KEY_RANGE + 10n });
    expect(unionOf([])).toEqual({ count: 0, keySum: 0n });
  });
});
