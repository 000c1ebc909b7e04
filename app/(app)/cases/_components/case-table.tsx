"use client";

import Link from "next/link";
import { Badge, type Label } from "@/components/ui/badge";
import { timeElement, type TimeView } from "@/components/cases/time-view";
import { BULK_FORM_ID } from "@/app/(app)/cases/_components/bulk-form";

/**
 * The case list's table, rendered from rows of ready-made text (case-list.tsx makes them on the
 * server, in the reader's language). Handing the rows over as data rather than as server-rendered
 * elements keeps the page's RSC payload to the words shown: an element tree per row cost about four
 * times its text (docs/performance-notes.md).
 */

export interface CaseRowView {
  code: string;
  /** The bulk form's value for this row, `code:version`; null when rows are not selectable. */
  select: { value: string; label: string } | null;
  status: Label;
  inStage: TimeView;
  country: string;
  jurisdiction: Label;
  noTravelDocument: boolean;
  risk: Label;
  /** Undefined when the assignee column is not shown; null for an unassigned case. */
  assignee?: string | null;
  step: { overdue: boolean; due: TimeView } | null;
  /** The week the stay runs out (its Monday). */
  stay: TimeView | null;
  updated: TimeView;
}

export interface CaseTableText {
  caption: string;
  columns: string[];
  select: string;
  riskTitle: string;
  noTravelDocument: string;
  unassigned: string;
  overdueSince: string;
  due: string;
  noNextStep: string;
  stayEnds: string;
  updated: string;
}

export function CaseTable({ rows, text, selectable }: { rows: CaseRowView[]; text: CaseTableText; selectable: boolean }) {
  return (
    <div className="md:overflow-hidden md:rounded-lg md:border md:border-slate-200 md:bg-white md:shadow-sm">
      {/* Explicit roles keep the table's semantics for screen readers when phones lay it out as cards. */}
      <table role="table" className="w-full text-left text-sm max-md:block">
        <caption className="sr-only">{text.caption}</caption>
        <thead role="rowgroup" className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 max-md:sr-only">
          <tr role="row">
            {selectable ? (
              <th role="columnheader" scope="col" className="w-10 px-4 py-3">
                <span className="sr-only">{text.select}</span>
              </th>
            ) : null}
            {text.columns.map((column) => (
              <th key={column} role="columnheader" scope="col" className="px-4 py-3">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-slate-200 max-md:block max-md:space-y-3 max-md:divide-y-0">
          {rows.map((row) => (
            <CaseRow key={row.code} row={row} text={text} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CaseRow({ row, text }: { row: CaseRowView; text: CaseTableText }) {
  return (
    <tr role="row" className="case-row" data-testid="case-row">
      {row.select ? (
        <td role="cell" className="case-select">
          <input
            type="checkbox"
            name="cases"
            value={row.select.value}
            form={BULK_FORM_ID}
            aria-label={row.select.label}
            className="size-4 accent-brand-700 max-md:size-5"
          />
        </td>
      ) : null}
      <td role="cell" className="case-code">
        <Link href={`/cases/${row.code}`}>{row.code}</Link>
      </td>
      <td role="cell" className="case-status">
        <Badge tone={row.status.tone}>{row.status.text}</Badge>
        <p className="case-note max-md:mt-0">{timeElement(row.inStage)}</p>
      </td>
      <td role="cell" className="case-country">
        <span className="inline-flex flex-wrap items-center gap-1.5">
          <span>{row.country}</span>
          <Badge tone={row.jurisdiction.tone}>{row.jurisdiction.text}</Badge>
        </span>
        {row.noTravelDocument ? (
          <p className="mt-1">
            <Badge tone="warning">{text.noTravelDocument}</Badge>
          </p>
        ) : null}
      </td>
      <td role="cell" className="case-risk">
        <Badge tone={row.risk.tone} title={text.riskTitle}>
          {row.risk.text}
        </Badge>
      </td>
      {row.assignee !== undefined ? (
        <td role="cell" className="case-assignee">
          {row.assignee ?? <Badge tone="warning">{text.unassigned}</Badge>}
          <span aria-hidden="true" className="md:hidden">
            {" "}
            ·
          </span>
        </td>
      ) : null}
      <td role="cell" className="case-step">
        {/* When the earliest open next step is due; its text is sealed and shown on the case page only. */}
        {row.step ? (
          <span className={row.step.overdue ? "block font-semibold text-red-700" : "block text-slate-700"}>
            {row.step.overdue ? text.overdueSince : text.due} {timeElement(row.step.due)}
          </span>
        ) : (
          <span className="text-slate-500">{text.noNextStep}</span>
        )}
        {row.stay ? (
          <span className="block text-xs text-amber-900">
            {text.stayEnds} {timeElement(row.stay)}
          </span>
        ) : null}
      </td>
      <td role="cell" className="case-updated">
        <span className="md:hidden">{text.updated} </span>
        {timeElement(row.updated)}
      </td>
    </tr>
  );
}
