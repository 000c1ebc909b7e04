import { describe, expect, test } from "vitest";
import { isSmall, publish, suppressTable } from "./suppression";

describe("small-cell suppression", () => {
  test("counts from 1 to 4 are suppressed; 0 and 5 or more are shown", () => {
    const { cells } = suppressTable([[0, 1, 4, 5, 12]], { rowTotals: false, colTotals: false });
    expect(cells[0]).toEqual([false, true, true, false, false]);
    expect([0, 1, 4, 5].map((n, i) => publish(n, cells[0]![i]!))).toEqual(["0", "<5", "<5", "5"]);
  });

  test("a lone suppressed cell in a row with a total gets the next smallest cell suppressed too", () => {
    // Row total 30: with only the 3 hidden, 30 - 7 - 20 would give it away.
    const { cells, rowTotals } = suppressTable([[3, 7, 20]], { rowTotals: true, colTotals: false });
    expect(cells[0]).toEqual([true, true, false]);
    expect(rowTotals).toEqual([false]);
  });

  test("secondary suppression also works down columns, and prefers non-zero cells", () => {
    const { cells } = suppressTable([[2], [0], [9], [6]], { rowTotals: false, colTotals: true });
    expect(cells.map((r) => r[0])).toEqual([true, false, false, true]);
  });

  test("two suppressed cells in a line need no more", () => {
    const { cells } = suppressTable([[2, 3, 40]], { rowTotals: true, colTotals: false });
    expect(cells[0]).toEqual([true, true, false]);
  });

  test("a cross table is made safe in both directions, repeatedly", () => {
    //            FR  DE  ES
    const table = [
      [1, 10, 12], // row has one small cell → its smallest other (10) goes too
      [8, 9, 30],
      [6, 7, 5],
    ];
    const { cells } = suppressTable(table, { rowTotals: true, colTotals: true });
    // No row or column may be left with exactly one suppressed cell.
    for (const row of cells) expect(row.filter(Boolean).length).not.toBe(1);
    for (let j = 0; j < 3; j += 1) expect(cells.map((r) => r[j]).filter(Boolean).length).not.toBe(1);
    expect(cells[0]![0]).toBe(true);
  });

  test("totals from 1 to 4 are suppressed themselves", () => {
    const result = suppressTable([[1, 2], [0, 0]], { rowTotals: true, colTotals: true });
    expect(result.rowTotals).toEqual([true, false]);
    expect(result.colTotals).toEqual([true, true]);
    expect(result.grandTotal).toBe(true);
  });
});

/**
 * Every published relation of a table (each row with its total, each column with its total, the row
 * totals and the column totals with the grand total) must have either no hidden entry or at least
 * two: one alone is recovered by subtraction.
 */
function loneHiddenLines(cells: number[][], options: { rowTotals: boolean; colTotals: boolean }): string[] {
  const s = suppressTable(cells, options);
  const lonely: string[] = [];
  const check = (name: string, hidden: boolean[]) => {
    if (hidden.filter(Boolean).length === 1) lonely.push(name);
  };
  if (options.rowTotals) s.cells.forEach((row, i) => check(`row ${i}`, [...row, s.rowTotals[i]!]));
  if (options.colTotals) cells[0]!.forEach((_, j) => check(`column ${j}`, [...s.cells.map((r) => r[j]!), s.colTotals[j]!]));
  if (options.rowTotals && options.colTotals) {
    check("row totals", [...s.rowTotals, s.grandTotal]);
    check("column totals", [...s.colTotals, s.grandTotal]);
  }
  return lonely;
}

describe("small-cell suppression of totals", () => {
  test("with row totals not published, only columns need a partner for a hidden cell", () => {
    const { cells } = suppressTable([[2, 9], [7, 8]], { rowTotals: false, colTotals: true });
    expect(cells).toEqual([[true, false], [true, false]]);
  });

  test("a small row total cannot be worked out from the other row totals and the grand total", () => {
    // ES holds a single application: its total 1 is hidden, but 48 - 21 - 17 would tell it.
    const table = [
      [0, 7, 0, 5, 9, 0, 0], // DE 21
      [0, 6, 0, 6, 5, 0, 0], // FR 17
      [0, 0, 0, 1, 0, 0, 0], // ES 1
    ];
    const result = suppressTable(table, { rowTotals: true, colTotals: true });
    expect(result.rowTotals[2]).toBe(true);
    expect(result.rowTotals.filter(Boolean).length).toBeGreaterThan(1);
    expect(loneHiddenLines(table, { rowTotals: true, colTotals: true })).toEqual([]);
  });

  test("a small column total cannot be worked out from the other column totals and the grand total", () => {
    // One appeal in the period: its column total 1 is hidden, but 30 - 12 - 17 would tell it.
    const table = [
      [12, 9, 1],
      [0, 8, 0],
    ];
    const result = suppressTable(table, { rowTotals: true, colTotals: true });
    expect(result.colTotals[2]).toBe(true);
    expect(result.colTotals.filter(Boolean).length).toBeGreaterThan(1);
    expect(loneHiddenLines(table, { rowTotals: true, colTotals: true })).toEqual([]);
  });

  test("a line whose own total is hidden already has two unknowns, so a zero next to it stays shown", () => {
    // One case closed in the period: the total (1) is hidden with it, and the empty weeks stay 0.
    const { cells, colTotals } = suppressTable([[0], [0], [1]], { rowTotals: false, colTotals: true });
    expect(cells.map((r) => r[0])).toEqual([false, false, true]);
    expect(colTotals).toEqual([true]);
  });

  test.each([
    [[[1, 10, 12], [8, 9, 30], [6, 7, 5]]],
    [[[0, 7, 0, 5, 9, 0, 0], [0, 3, 0, 6, 8, 0, 0], [0, 0, 0, 5, 5, 0, 0]]],
    [[[3, 0, 0], [0, 0, 0], [0, 0, 2]]],
    [[[4, 40, 1], [0, 2, 0], [50, 60, 70], [0, 0, 3]]],
  ])("no published relation of a cross table is left with exactly one hidden entry (%j)", (table) => {
    expect(loneHiddenLines(table, { rowTotals: true, colTotals: true })).toEqual([]);
  });
});

describe("small-cell suppression on many tables", () => {
  test("every count from 1 to 4 is hidden and no published sum is left with one hidden entry", () => {
    let seed = 20250618;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 500; round += 1) {
      const table = Array.from({ length: 1 + random(4) }, () => Array.from({ length: 1 + random(7) }, () => [0, 0, 1, 2, 3, 4, 5, 6, 9, 14][random(10)]!));
      for (const options of [{ rowTotals: true, colTotals: true }, { rowTotals: false, colTotals: true }, { rowTotals: true, colTotals: false }]) {
        const s = suppressTable(table, options);
        table.forEach((row, i) => row.forEach((n, j) => expect(!isSmall(n) || s.cells[i]![j]).toBe(true)));
        expect(loneHiddenLines(table, options), JSON.stringify({ table, options })).toEqual([]);
      }
    }
  });
});
