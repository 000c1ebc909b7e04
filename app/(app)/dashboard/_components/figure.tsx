import Link from "next/link";
import { useFormatter } from "next-intl";
import { caseListHref } from "@/lib/cases/list-url";
import type { CountRow } from "@/lib/dashboard/dto";

/** A number that links to the case list showing exactly the cases it counts. */
export function Figure({ row, className }: { row: Pick<CountRow, "count" | "filter">; className?: string }) {
  const format = useFormatter();
  return (
    <Link href={caseListHref(row.filter)} className={className ?? "figure-link"} data-testid="figure-link">
      {format.number(row.count)}
    </Link>
  );
}
