import "server-only";
import type { Actor } from "@/lib/access/actor";
import { isoWeekStart } from "@/lib/cases/derived";
import { CaseKey, readAndOpen } from "@/lib/cases/sealed";
import { caseScope } from "@/lib/cases/scope";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";

/**
 * The caseworker's granted visas whose entry deadline falls within 14 days (ADR 021): found by the
 * coarse week kept in clear, then refined with the exact day, opened from the sealed deadline of the
 * caseworker's own cases. Cases already relocated or closed are left out. The caller audits the cases shown.
 */

const DAY = 86_400_000;
export const ENTRY_SOON_DAYS = 14;

export interface HomeEntryDTO {
  code: string;
  destination: string;
  entryBy: Date;
  daysLeft: number;
}

export async function entriesSoon(actor: Actor, today: Date): Promise<{ entries: HomeEntryDTO[]; caseIds: string[] }> {
  const horizon = new Date(today.getTime() + ENTRY_SOON_DAYS * DAY);
  const read = () =>
    db().application.findMany({
      where: {
        status: "APPROVED",
        entryByWeek: { gte: isoWeekStart(today), lte: isoWeekStart(horizon) },
        case: { ...caseScope(actor), status: { notIn: ["CLOSED", "RELOCATED"] } },
      },
      orderBy: [{ entryByWeek: "asc" }, { id: "asc" }],
      take: 30,
      select: { id: true, destinationCountry: true, entryByEnc: true, case: { select: { id: true, code: true, dataKeyWrapped: true } } },
    });
  const open = (rows: Awaited<ReturnType<typeof read>>) =>
    rows.flatMap((a) => {
      const entryBy = new CaseKey(a.case).openDay(caseFieldContext.entryBy(a.id), a.entryByEnc);
      return entryBy && entryBy >= today && entryBy <= horizon
        ? [
            {
              code: a.case.code,
              destination: a.destinationCountry,
              entryBy,
              daysLeft: Math.round((entryBy.getTime() - today.getTime()) / DAY),
            },
          ]
        : [];
    });
  const { rows, opened: entries } = await readAndOpen(read, open);
  return { entries: entries.sort((a, b) => a.entryBy.getTime() - b.entryBy.getTime()), caseIds: rows.map((r) => r.case.id) };
}
