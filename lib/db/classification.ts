import { CASE_COLUMNS } from "./classification-case-columns";
import { SYSTEM_COLUMNS } from "./classification-system-columns";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * What every column of the database holds, and why that cannot help find a person. The question to
 * ask of every new column: "if this table is seized, can it help find someone?" — it must be
 * answered in this list before the column exists, or `classification.test.ts` fails. SECURITY.md's table of
 * case columns is written from this list, and the test checks that it names every one of them.
 *
 * Classes:
 *  - vocabulary: a value from a closed list (an enum, a country code, a city of the shipped list of
 *    cities of 100,000 people or more, a language).
 *  - coarse: a count or a date at week, month or day grain that is not the date of anything the
 *    person did before a state's records (a border crossing, a document's expiry).
 *  - sealed: ciphertext under the case's data key (free text, exact dates); unreadable without it.
 *  - key: the case's data key, wrapped by a master key; destroyed with the case.
 *  - secret: ciphertext under a master key, or a one-way hash of a secret (staff accounts), or a
 *    keyed one-way hash whose key is not in the database (the contact channels' blind index, ADR 031).
 *  - id: a random identifier, or a link between rows; derived from nothing about a person.
 *  - recorded: when staff did something in Waypoint (not when the person did anything).
 *  - staff: about staff accounts (who may use Waypoint), never about the people helped.
 *  - internal: bookkeeping (versions, counters, flags of the system).
 *
 * The rows live in classification-case-columns.ts (tables about a case) and
 * classification-system-columns.ts (the rest); COLUMNS joins them.
 */

export type ColumnClass = "vocabulary" | "coarse" | "sealed" | "key" | "secret" | "id" | "recorded" | "staff" | "internal";

/** Tables whose rows are about a case (and so about a person). */
export const CASE_TABLES = [
  "cases",
  "movements",
  "case_documents",
  "applications",
  "next_steps",
  "notes",
  "case_status_changes",
  "case_events",
  "verification_sign_offs",
  "case_wanted_entries",
  "case_extradition_proceedings",
  "case_audit_links",
  "reading_window_cases",
  "assistance",
  "notifications",
  "supervision_notes",
] as const;

export const COLUMNS: Readonly<Record<string, Readonly<Record<string, ColumnClass>>>> = { ...CASE_COLUMNS, ...SYSTEM_COLUMNS };
