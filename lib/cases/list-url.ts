import type { CaseListFilter } from "./schemas";

/** The URL of the case list with these filters (the dashboard's figures link here too). */
export function caseListHref(filter: Partial<CaseListFilter>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === "" || (key === "sort" && value === "updated")) continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/cases?${query}` : "/cases";
}
