import { describe, expect, test } from "vitest";
import { publish, suppressTable } from "./suppression";

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
