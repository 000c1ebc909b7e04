import { cx } from "./cx";

/** A column of a <Table>: its header, and what each row shows in it. */
interface Column<Row> {
  header: React.ReactNode;
  cell: (row: Row, index: number) => React.ReactNode;
  /** Right-aligned, for figures. */
  numeric?: boolean;
  /** A test id for this column's cells. */
  testId?: (row: Row) => string;
}

/**
 * A plain data table: a caption for screen readers, a header row, one row per item, scrolling
 * sideways on narrow screens rather than squeezing its figures.
 */
export function Table<Row>({
  caption,
  columns,
  rows,
  rowKey,
  className,
}: {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string;
  className?: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={cx("data-table w-full text-sm", className)}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.numeric ? "text-right" : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) => (
                <td key={i} className={column.numeric ? "text-right" : undefined} data-testid={column.testId?.(row)}>
                  {column.cell(row, index)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
