import "server-only";
import type { Actor } from "@/lib/access/actor";

/**
 * Copies of tables that every case page and list reads and that change rarely, held by this
 * instance between requests: the countries' reference tables (country_risks, country_stay_rules),
 * which an admin changes a few times a year, and the open outreach windows (lib/outreach/notice.ts),
 * which a coordinator opens in an emergency. A copy serves only the requests whose session check
 * read the version it was made at. Triggers bump `organisation_state.reference_version` in the
 * transaction of any change of those tables, whoever makes it (migration
 * 20261207131923_reference_version), and every request reads the version with its session
 * (lib/auth/sessions.ts): a change holds from the next request on every instance, as if the tables
 * were read each time. Without a version (scripts, tests) they are read.
 */

const held = new Map<string, { version: number; value: Promise<unknown> }>();

export function heldCopy<T>(actor: Pick<Actor, "referenceVersion"> | undefined, table: string, read: () => Promise<T>): Promise<T> {
  const version = actor?.referenceVersion;
  if (version === undefined) return read();
  const copy = held.get(table);
  if (copy?.version === version) return copy.value as Promise<T>;
  // Any other version replaces the copy (a restored database may count from lower again). While a
  // change is under way, requests that began on either side of it may swap it once or twice more.
  const value = read();
  held.set(table, { version, value });
  value.catch(() => {
    if (held.get(table)?.value === value) held.delete(table);
  });
  return value;
}
