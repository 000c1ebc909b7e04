import type { CaseListFilter } from "./schemas";

/** The URL of the case list with these filters (the dashboard's figures link here too). */
export function caseListHref(filter: Partial<CaseListFilter>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === "" || (key === "sort" && value === "updated")) continue;
    // Date bounds travel as the list parses them (YYYY-MM-DD): String(date) would be dropped as
    // malformed, and the link would list cases outside the figure's period.
    params.set(key, value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
  }
  const query = params.toString();
  return query ? `/cases?${query}` : "/cases";
}

/**
 * The query string a saved view keeps (lib/cases/saved-filters.ts): the structured filters only,
 * never the searched code (`q`) nor the page cursor, so a saved view ties no user to a case.
 */
export function savedViewQuery(filter: Partial<CaseListFilter>): string {
  const { q: _q, after: _after, ...structured } = filter;
  return caseListHref(structured).replace(/^\/cases\??/, "");
}
