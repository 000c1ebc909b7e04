import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { citiesOf } from "@/lib/places/cities";
import { CountryCodeSchema } from "@/lib/validation/atoms";
import { normaliseContact } from "../contact-index";
import { OTHER_PLACE } from "../places";
import { PastDate } from "../schema-fields";
import { IntakeSchema, type IntakeInput } from "../schemas";
import { OPEN_STATUSES, type OpenStatus } from "../vocabulary";
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, type ImportColumn } from "./columns";

/**
 * Reads a spreadsheet of cases (CSV) into intake inputs, row by row, with the same schema as the
 * intake form: what a row would become, or why it is refused. Pure: the caller passes the active
 * caseworkers, so the dry run and the import read a file exactly alike. A refusal names the row, the
 * column and a reason code (fieldErrors messages), never the value: reports and logs stay clean.
 */

export interface ImportDraft {
  /** The row's number in the spreadsheet (the header is row 1). */
  row: number;
  intake: IntakeInput;
  assigneeId: string;
  status: OpenStatus;
  arrivedOn: Date | null;
}

export interface ImportRefusal {
  row: number;
  column: ImportColumn | null;
  reason: string;
  /** The earlier row a duplicate repeats. */
  sameAs?: number;
}

export type ImportFileProblem =
  { problem: "unreadable" | "empty" | "too_many_rows" } | { problem: "unknown_columns" | "missing_columns"; columns: string[] };

export type ImportReading =
  { ok: true; rows: number; drafts: ImportDraft[]; refusals: ImportRefusal[] } | ({ ok: false } & ImportFileProblem);

/** The intake field each column feeds (zod's issue paths are the intake's names). */
const COLUMN_OF_FIELD: Readonly<Record<string, ImportColumn>> = {
  ageBand: "age_band",
  serviceCategory: "service_category",
  peopleTravelling: "people_travelling",
  language: "language",
  riskLevel: "risk_level",
  currentCountry: "country",
  placeCity: "city",
  placeOther: "place_other",
  contactChannel: "contact_channel",
  assigneeId: "caseworker",
};

export interface ImportContext {
  /** Active caseworkers by lower-cased staff e-mail. */
  caseworkers: ReadonlyMap<string, string>;
  /** Who gets a row without a caseworker (a caseworker's own import), or null: the column is required. */
  defaultAssigneeId: string | null;
}

export function readImportFile(csv: string, context: ImportContext): ImportReading {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const [header, ...body] = records;
  if (!header || body.length === 0) return { ok: false, problem: "empty" };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problem: "too_many_rows" };
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter(
    (c) => !(IMPORT_COLUMNS as readonly string[]).includes(c) || columns.indexOf(c) !== columns.lastIndexOf(c),
  );
  if (unknown.length) return { ok: false, problem: "unknown_columns", columns: [...new Set(unknown)] };
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, problem: "missing_columns", columns: missing };

  const drafts: ImportDraft[] = [];
  const refusals: ImportRefusal[] = [];
  const rowOfContact = new Map<string, number>();
  body.forEach((record, index) => {
    const row = index + 2;
    const cell = (column: ImportColumn) => record[columns.indexOf(column)]?.trim() ?? "";
    const read = readRow(cell, context);
    if ("refusals" in read) return refusals.push(...read.refusals.map((r) => ({ row, ...r })));
    // The same person twice in one file would become two cases: the later row is refused.
    const contact = normaliseContact(read.intake.contactChannel);
    const earlier = rowOfContact.get(contact);
    if (earlier) return refusals.push({ row, column: "contact_channel", reason: "duplicate_in_file", sameAs: earlier });
    rowOfContact.set(contact, row);
    drafts.push({ row, ...read });
  });
  return { ok: true, rows: body.length, drafts, refusals };
}

type RowReading = Omit<ImportDraft, "row"> | { refusals: Array<Omit<ImportRefusal, "row">> };

function readRow(cell: (column: ImportColumn) => string, context: ImportContext): RowReading {
  const refusals: Array<Omit<ImportRefusal, "row">> = [];
  const country = cell("country").toUpperCase();
  // A city is looked up in its country's list only once the country is one (else the country is the refusal).
  const place = CountryCodeSchema.safeParse(country).success ? placeOfRow(country, cell("city"), cell("place_other")) : {};
  if ("reason" in place) refusals.push({ column: "city", reason: place.reason });
  const caseworker = cell("caseworker").toLowerCase();
  const assigneeId = caseworker ? context.caseworkers.get(caseworker) : context.defaultAssigneeId;
  if (!assigneeId) refusals.push({ column: "caseworker", reason: caseworker ? "unknown_caseworker" : "required" });
  const status = (cell("status").toUpperCase() || "NEW") as OpenStatus;
  if (!OPEN_STATUSES.includes(status)) refusals.push({ column: "status", reason: "invalid_value" });
  const arrived = cell("arrived_on") ? PastDate.safeParse(cell("arrived_on")) : null;
  if (arrived && !arrived.success) refusals.push({ column: "arrived_on", reason: firstMessage(arrived.error) });

  const raw: Record<string, string> = {
    ageBand: cell("age_band").toUpperCase(),
    serviceCategory: cell("service_category").toUpperCase(),
    peopleTravelling: cell("people_travelling") || "1",
    language: cell("language").toLowerCase(),
    riskLevel: cell("risk_level").toUpperCase(),
    currentCountry: country,
    contactChannel: cell("contact_channel"),
    ...("reason" in place ? {} : place),
  };
  const parsed = IntakeSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const column = COLUMN_OF_FIELD[field] ?? null;
      // The vocabularies answer "required" for any value not on their list: say which it was.
      const reason = issue.message === "required" && raw[field] ? "invalid_value" : issue.message;
      if (!refusals.some((r) => r.column === column)) refusals.push({ column, reason });
    }
  }
  if (refusals.length || !parsed.success || !assigneeId) return { refusals };
  return { intake: { ...parsed.data, assigneeId }, assigneeId, status, arrivedOn: arrived?.data ?? null };
}

/** The form's place fields from a row: a city of the country's list by name (or key), or "other" text. */
function placeOfRow(country: string, city: string, other: string): { placeCity?: string; placeOther?: string } | { reason: string } {
  if (city && other) return { reason: "one_place" };
  if (other) return { placeCity: OTHER_PLACE, placeOther: other };
  if (!city) return {};
  const wanted = city.toLowerCase();
  const found = citiesOf(country).find((c) => c.key === city || c.name.toLowerCase() === wanted);
  return found ? { placeCity: found.key } : { reason: "unknown_city" };
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid";
}
