/**
 * A count of bulk moves of cases (reassignment) in this instance. What is held about many cases at
 * once (the dashboard's cached figures) compares it with the count it last saw and drops itself when
 * cases were moved: a coordinator who moves work expects the caseload to show it at once. Counting
 * here, rather than calling the dashboard, keeps lib/cases below lib/dashboard.
 */
let moves = 0;

export function noteBulkMove(): void {
  moves += 1;
}

export function bulkMovesSoFar(): number {
  return moves;
}
