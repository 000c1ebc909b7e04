import "server-only";
import { z } from "zod";
import { decryptField, encryptField, type FieldContext } from "@/lib/crypto/fields";
import { masterKeyring, type Keyring } from "@/lib/crypto/keys";
import type { Db, Tx } from "@/lib/db/client";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * What the open outreach windows (ADR 028) cover, for the contact reveal and the reading monitor, and
 * the sealing of a window's named cases. A window of named cases keeps their ids as one ciphertext
 * under the master key, bound to the window's row (as TOTP secrets are bound to their account), so a
 * seized table does not say which cases were named together (ADR 023 refused such a link in clear).
 * Here, not in lib/outreach: the reveal and the erasure of a case need it, and lib/outreach itself
 * builds on lib/cases.
 */

const casesContext = (windowId: string): FieldContext => ({ table: "outreach_windows", column: "cases_enc", rowId: windowId });

const CaseIdsSchema = z.array(z.uuid()).min(1);

export function sealOutreachCases(windowId: string, caseIds: readonly string[], keyring: Keyring = masterKeyring()): string {
  return encryptField(JSON.stringify([...new Set(caseIds)]), keyring.active, casesContext(windowId));
}

export function openOutreachCases(windowId: string, sealed: string, keyring: Keyring = masterKeyring()): string[] {
  return CaseIdsSchema.parse(JSON.parse(decryptField(sealed, keyring.lookup, casesContext(windowId))));
}

export type OutreachKind = "country" | "named";

export interface CoveringWindow {
  id: string;
  kind: OutreachKind;
  endsAt: Date;
}

/** The windows open now, by country and by named case (the one ending last, where several cover). */
export interface OutreachCover {
  countries: ReadonlyMap<string, CoveringWindow>;
  cases: ReadonlyMap<string, CoveringWindow>;
}

function keepLatest(map: Map<string, CoveringWindow>, key: string, window: CoveringWindow): void {
  const known = map.get(key);
  if (!known || known.endsAt < window.endsAt) map.set(key, window);
}

/** A window open when it was read, its named cases opened. */
export interface OpenWindow {
  id: string;
  country: string | null;
  caseIds: readonly string[];
  endsAt: Date;
}

/**
 * Reads the windows open at `now` (one statement; a window that ended is ignored whether or not the
 * jobs deleted it yet) and opens their sealed lists in memory.
 */
export async function readOpenWindows(client: Db | Tx, now = new Date()): Promise<OpenWindow[]> {
  const rows = await client.outreachWindow.findMany({
    where: { endsAt: { gt: now } },
    select: { id: true, country: true, casesEnc: true, endsAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    country: row.country,
    caseIds: row.casesEnc ? openOutreachCases(row.id, row.casesEnc) : [],
    endsAt: row.endsAt,
  }));
}

/** What the windows still open at `now` cover (windows read earlier may have ended since). */
export function coverAt(windows: readonly OpenWindow[], now: Date): OutreachCover {
  const countries = new Map<string, CoveringWindow>();
  const cases = new Map<string, CoveringWindow>();
  for (const w of windows) {
    if (w.endsAt <= now) continue;
    if (w.country) keepLatest(countries, w.country, { id: w.id, kind: "country", endsAt: w.endsAt });
    for (const caseId of w.caseIds) keepLatest(cases, caseId, { id: w.id, kind: "named", endsAt: w.endsAt });
  }
  return { countries, cases };
}

/** What the windows open at `now` cover, read now. */
export async function readOutreachCover(client: Db | Tx, now = new Date()): Promise<OutreachCover> {
  return coverAt(await readOpenWindows(client, now), now);
}

/** The window covering an open case, or null. A closed case is never covered. */
export function coveringWindow(cover: OutreachCover, kase: { id: string; currentCountry: string; status: string }): CoveringWindow | null {
  if (kase.status === "CLOSED") return null;
  const named = cover.cases.get(kase.id) ?? null;
  const country = cover.countries.get(kase.currentCountry) ?? null;
  if (named && country) return named.endsAt >= country.endsAt ? named : country;
  return named ?? country;
}

/** The reading monitor's view of the cover: the countries and case ids whose open cases it covers. */
export function coverForMonitor(cover: OutreachCover): { countries: string[]; caseIds: string[] } {
  return { countries: [...cover.countries.keys()], caseIds: [...cover.cases.keys()] };
}

/**
 * Erasing a case leaves nothing of it in the windows: every window naming it (open or ended) is
 * re-sealed without it, or deleted when it named no other case. Locks the named windows first, so two
 * erasures in one window cannot each re-seal a list that still holds the other's case.
 */
export async function forgetCaseInOutreachWindows(tx: Tx, caseId: string, keyring: Keyring = masterKeyring()): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string; cases_enc: string }[]>`
    SELECT id::text, cases_enc FROM outreach_windows WHERE cases_enc IS NOT NULL ORDER BY id FOR UPDATE`;
  for (const row of rows) {
    const ids = openOutreachCases(row.id, row.cases_enc, keyring);
    if (!ids.includes(caseId)) continue;
    const rest = ids.filter((id) => id !== caseId);
    if (rest.length === 0) await tx.outreachWindow.delete({ where: { id: row.id } });
    else await tx.outreachWindow.update({ where: { id: row.id }, data: { casesEnc: sealOutreachCases(row.id, rest, keyring) } });
  }
}
