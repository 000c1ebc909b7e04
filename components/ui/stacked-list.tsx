import { cx } from "./cx";

/** Rows one under the other, a line between them (sessions, requests, countries, invitations). */
export function StackedList({ children, "aria-label": label }: { children: React.ReactNode; "aria-label"?: string }) {
  return (
    <ul className="divide-y divide-slate-200" aria-label={label}>
      {children}
    </ul>
  );
}

/**
 * One row of a StackedList: what it is on the left, what can be done with it on the right; the
 * two wrap onto two lines on a narrow screen.
 */
export function StackedRow({
  children,
  actions,
  dense,
  className,
  testId,
}: {
  children: React.ReactNode;
  actions?: React.ReactNode;
  /** Less space above and below: for long lists of short rows. */
  dense?: boolean;
  /** Classes of the left part (the row's text). */
  className?: string;
  testId?: string;
}) {
  return (
    <li className={dense ? "stacked-row dense" : "stacked-row"} data-testid={testId}>
      <div className={cx("min-w-0", className)}>{children}</div>
      {actions}
    </li>
  );
}
