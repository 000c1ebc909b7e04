/**
 * Small-cell suppression for reports that leave the organisation, so that no count can single a
 * person out. Pure.
 *
 * Primary: every count from 1 to 4 is suppressed (written "<5"); 0 and counts of 5 or more are shown.
 * Secondary: where a row or column with a published total has exactly one suppressed cell, that
 * cell could be recovered by subtraction, so the smallest other cell of that row or column is
 * suppressed too (non-zero cells first). Totals count as entries of these sums: a hidden row total
 * is itself recoverable from the grand total and the other row totals (likewise for columns), so
 * those sums get the same rule. Repeated until nothing changes, since each new suppression can
 * expose another line.
 */

export const SUPPRESSED = "<5";

export function isSmall(count: number): boolean {
  return count >= 1 && count <= 4;
}

export interface Suppression {
  cells: boolean[][];
  rowTotals: boolean[];
  colTotals: boolean[];
  grandTotal: boolean;
}

export function suppressTable(cells: number[][], options: { rowTotals: boolean; colTotals: boolean }): Suppression {
  const rows = cells.length;
  const cols = rows ? cells[0]!.length : 0;
  const mask = cells.map((row) => row.map(isSmall));
  const rowSum = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: cols }, (_, j) => cells.reduce((a, row) => a + row[j]!, 0));
  const grand = rowSum.reduce((a, b) => a + b, 0);
  const rowTotals = rowSum.map(isSmall);
  const colTotals = colSum.map(isSmall);
  let grandTotal = isSmall(grand);

  // A hidden total is an unknown like a hidden cell: a small row total would otherwise be the grand
  // total minus the other row totals. So each published sum is a line of entries, cells and totals.
  interface Entry {
    value: number;
    total: boolean;
    hidden: () => boolean;
    hide: () => void;
  }
  const cell = (i: number, j: number): Entry => ({ value: cells[i]![j]!, total: false, hidden: () => mask[i]![j]!, hide: () => void (mask[i]![j] = true) });
  const rowTotal = (i: number): Entry => ({ value: rowSum[i]!, total: true, hidden: () => rowTotals[i]!, hide: () => void (rowTotals[i] = true) });
  const colTotal = (j: number): Entry => ({ value: colSum[j]!, total: true, hidden: () => colTotals[j]!, hide: () => void (colTotals[j] = true) });
  const grandEntry: Entry = { value: grand, total: true, hidden: () => grandTotal, hide: () => void (grandTotal = true) };
  const lines: Entry[][] = [];
  if (options.rowTotals) for (let i = 0; i < rows; i += 1) lines.push([...cells[i]!.map((_, j) => cell(i, j)), rowTotal(i)]);
  if (options.colTotals) for (let j = 0; j < cols; j += 1) lines.push([...cells.map((_, i) => cell(i, j)), colTotal(j)]);
  if (options.rowTotals && options.colTotals) {
    lines.push([...rowSum.map((_, i) => rowTotal(i)), grandEntry]);
    lines.push([...colSum.map((_, j) => colTotal(j)), grandEntry]);
  }

  // Pick the complementary entry: the smallest unsuppressed cell of the line, non-zero first; a total
  // only when no cell is left.
  const complement = (line: Entry[]): Entry | undefined =>
    line.filter((e) => !e.hidden()).sort((a, b) => Number(a.total) - Number(b.total) || (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || a.value - b.value)[0];

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((e) => e.hidden()).length !== 1) continue;
      const pick = complement(line);
      if (pick) {
        pick.hide();
        changed = true;
      }
    }
  }

  return { cells: mask, rowTotals, colTotals, grandTotal };
}

/** A count as it may leave the organisation. */
export function publish(count: number, suppressed: boolean): string {
  return suppressed ? SUPPRESSED : String(count);
}
