import { stringify } from "csv-stringify/sync";
import { AGE_BANDS, CASE_LANGUAGES, OPEN_STATUSES, RISK_LEVELS, SERVICE_CATEGORIES } from "../vocabulary";

/**
 * The columns a spreadsheet of cases may have (docs/import.md documents them for people). Only what
 * intake asks: the closed vocabularies, a country and a city from the list, the place typed as
 * "other" and the contact channel (both sealed under the new case's key), the caseworker's staff
 * e-mail, a stage and the day of arrival (sealed). A column that is not here (a name, a birth date, a
 * phone number in a column of its own) refuses the whole file: Waypoint does not keep it, and
 * dropping it silently would let people believe it did.
 */
export const IMPORT_COLUMNS = [
  "age_band",
  "service_category",
  "people_travelling",
  "language",
  "risk_level",
  "country",
  "city",
  "place_other",
  "contact_channel",
  "caseworker",
  "status",
  "arrived_on",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The values a vocabulary column takes, as the page and docs/import.md list them. */
export const IMPORT_COLUMN_VALUES: Partial<Record<ImportColumn, readonly string[]>> = {
  age_band: AGE_BANDS,
  service_category: SERVICE_CATEGORIES,
  language: CASE_LANGUAGES,
  risk_level: RISK_LEVELS,
  status: OPEN_STATUSES,
};

/** Must be present in the header (a value may still be refused row by row). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  "age_band",
  "service_category",
  "language",
  "risk_level",
  "country",
  "contact_channel",
];

/** One file holds at most this many cases: bigger spreadsheets are split (the import is one transaction). */
export const MAX_IMPORT_ROWS = 5000;

/** The template offered for download: the header and two made-up rows (name a caseworker in each). */
export function importTemplateCsv(): string {
  return stringify(
    [
      ["AGE_25_34", "MOBILISED", "1", "ru", "HIGH", "GE", "Tbilisi", "", "signal: @example.handle", "", "NEW", "2026-11-02"],
      [
        "AGE_18_24",
        "CONSCRIPT",
        "2",
        "ru",
        "CRITICAL",
        "KZ",
        "",
        "a village near the border",
        "telegram: @another.example",
        "",
        "VERIFYING",
        "",
      ],
    ],
    { header: true, columns: [...IMPORT_COLUMNS] },
  );
}
