/**
 * Small-cell suppression for reports that leave the organisation, so that no count can single a
 * person out. Pure.
 *
 * Primary: every count from 1 to 4 is suppressed (written "<5"); 0 and counts of 5 or more are shown.
 * Secondary: where a row or column with a published total has exactly one suppressed cell, that
 * cell could be recovered by subtraction, so the smallest other cell of that row or column is
 * suppressed too (non-zero cells first). Repeated until nothing changes, since each new suppression
 * can expose another line.
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

  // Pick the complementary cell: the smallest unsuppressed cell of the line, non-zero first.
  const complement = (line: Array<{ value: number; suppressed: boolean; at: [number, number] }>): [number, number] | null => {
    const candidates = line.filter((c) => !c.suppressed).sort((a, b) => (a.value === 0 ? 1 : 0) - (b.value === 0 ? 1 : 0) || a.value - b.value);
    return candidates[0]?.at ?? null;
  };

  for (let changed = true; changed; ) {
    changed = false;
    if (options.rowTotals) {
      for (let i = 0; i < rows; i += 1) {
        const line = cells[i]!.map((value, j) => ({ value, suppressed: mask[i]![j]!, at: [i, j] as [number, number] }));
        if (line.filter((c) => c.suppressed).length === 1) {
          const pick = complement(line);
          if (pick) {
            mask[pick[0]]![pick[1]] = true;
            changed = true;
          }
        }
      }
    }
    if (options.colTotals) {
      for (let j = 0; j < cols; j += 1) {
        const line = cells.map((row, i) => ({ value: row[j]!, suppressed: mask[i]![j]!, at: [i, j] as [number, number] }));
        if (line.filter((c) => c.suppressed).length === 1) {
          const pick = complement(line);
          if (pick) {
            mask[pick[0]]![pick[1]] = true;
            changed = true;
          }
        }
      }
    }
  }

  return {
    cells: mask,
    rowTotals: rowSum.map(isSmall),
    colTotals: colSum.map(isSmall),
    grandTotal: isSmall(grand),
  };
}

/** A count as it may leave the organisation. */
export function publish(count: number, suppressed: boolean): string {
  return suppressed ? SUPPRESSED : String(count);
}
