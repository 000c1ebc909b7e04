/**
 * Disclosure control for every count that leaves the organisation: the cell-key method of national
 * statistics offices (ONS, ABS, Eurostat), applied as unbiased random rounding to base 5. Pure.
 * ADR 011 says why, what a cell is in each table, and what the guarantee does not cover.
 *
 * Every case carries a random record key (`cases.record_key`, drawn uniformly from [0, KEY_RANGE)
 * by the database at insert). A cell is a set of cases (a multiset for stays, where a case counts
 * once per stay); its key is the sum of its cases' record keys modulo KEY_RANGE, a uniform value in
 * [0, KEY_RANGE) for any non-empty set, read as a fraction of KEY_RANGE. The same set of cases
 * always has the same key, so the same cell is rounded the same way in every report: repeating or
 * averaging exports tells nothing. A true count n = 5q + r is published as 5q when the cell key is
 * at least r/5, otherwise as 5q + 5 (so its expected value is n); 1 to 4 are written "<5", 0 as 0.
 *
 * Every published number is therefore 0, a multiple of 5, or "<5": no integer combination of
 * published numbers (a difference of two exports, a total minus its rows) is a count from 1 to 4.
 */

/** `cases.record_key` is `floor(random() * KEY_RANGE)`: the sum of any non-empty set of keys, modulo KEY_RANGE, is uniform. */
export const KEY_RANGE = 2_147_483_647n;
export const ROUNDING_BASE = 5;
/** What a true count from 1 to 4 is published as, and nothing else is. */
export const BELOW_BASE = "<5";

/** A count of cases and the sum of their record keys (over stays for a multiset). */
export interface Cell {
  count: number;
  keySum: bigint;
}

/** The cell key as a numerator over KEY_RANGE: the key is `cellKey(s) / KEY_RANGE`, in [0, 1). */
export function cellKey(keySum: bigint): bigint {
  return ((keySum % KEY_RANGE) + KEY_RANGE) % KEY_RANGE;
}

/** A true count as it may leave the organisation: "0", "<5" for 1 to 4, else a multiple of 5. */
export function publishCount(cell: Cell): string {
  const { count } = cell;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count_not_a_natural_number");
  if (count === 0) return "0";
  if (count < ROUNDING_BASE) return BELOW_BASE;
  const q = Math.floor(count / ROUNDING_BASE);
  const r = count % ROUNDING_BASE;
  // cellKey / KEY_RANGE < r / 5, in integers: exact, no floating point near the threshold.
  const up = cellKey(cell.keySum) * BigInt(ROUNDING_BASE) < BigInt(r) * KEY_RANGE;
  return String(ROUNDING_BASE * (up ? q + 1 : q));
}

/** A published count read back as a number, or null for "<5". */
export function publishedNumber(published: string): number | null {
  return published === BELOW_BASE ? null : Number(published);
}

/** Key sums of disjoint cells add up to the key sum of their union. */
export function unionOf(cells: readonly Cell[]): Cell {
  return { count: cells.reduce((a, c) => a + c.count, 0), keySum: cells.reduce((a, c) => a + c.keySum, 0n) };
}
