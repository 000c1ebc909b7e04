import "server-only";
import { createHmac } from "node:crypto";
import { assertCan } from "@/lib/access/actor";
import type { Actor } from "@/lib/access/actor";
import { appendCaseAudit } from "@/lib/audit/append";
import { db, Prisma, type Db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { assertNotFrozen } from "@/lib/organisation/freeze";
import { intakeAssignsToSelf } from "../capabilities";
import { generateCaseCode } from "../codes";
import { contactIndex } from "../contact-index";
import { newCaseDraft, writeNewCase, type NewCaseDraft } from "../intake";
import { readImportFile, type ImportFileProblem, type ImportReading, type ImportRefusal } from "./rows";

/**
 * Bringing a spreadsheet of cases in (issue 19, docs/import.md): a dry run that says per row what
 * would be created or why it is refused, then the import of the accepted rows, all or nothing, in one
 * transaction. An interrupted import leaves nothing behind, so running it again is the way to resume;
 * a file that was imported is refused the second time (by an HMAC of its text, case_imports).
 */

/** At most this many refusals are handed back; the count says how many rows were refused in all. */
const REFUSALS_SHOWN = 200;

export type ImportCheck =
  | { ok: true; rows: number; ready: number; refusedRows: number; refusals: ImportRefusal[]; alreadyImported: boolean }
  | ({ ok: false } & ImportFileProblem);

export async function checkCaseImport(actor: Actor, csv: string): Promise<ImportCheck> {
  assertCan(actor, "case:import");
  const reading = await readAs(actor, csv, db());
  if (!reading.ok) return reading;
  const alreadyImported = (await db().caseImport.count({ where: { digest: fileDigest(csv) } })) > 0;
  return summary(reading, alreadyImported);
}

export interface ImportOptions {
  /** The number of cases the person saw in the dry run: the import is refused if it would differ. */
  expected: number;
  onProgress?: (done: number, total: number) => void;
}

export async function importCases(actor: Actor, csv: string, options: ImportOptions): Promise<{ imported: number; refusedRows: number }> {
  assertCan(actor, "case:import");
  assertNotFrozen(actor);
  const digest = fileDigest(csv);
  try {
    return await db().$transaction(
      async (tx) => {
        // A file imported before: said so, rather than "nothing to import" (its people are all known now).
        if (await tx.caseImport.findUnique({ where: { digest }, select: { id: true } })) throw new ConflictError("import_already_done");
        const reading = await readAs(actor, csv, tx);
        if (!reading.ok) throw new InvalidInputError("import_unreadable", { csv: [reading.problem] });
        const ready = reading.drafts.length;
        if (ready === 0) throw new InvalidInputError("import_nothing", { csv: ["nothing_to_import"] });
        // A caseworker left between the dry run and the import, or another file was chosen.
        if (ready !== options.expected) throw new ConflictError("import_changed");
        // Before the cases: the same file sent twice at once waits on this row's unique digest, then is refused.
        await tx.caseImport.create({ data: { digest, importedById: actor.userId, caseCount: ready } });
        const drafts = await withFreshCodes(
          tx,
          reading.drafts.map((d) => newCaseDraft({ intake: d.intake, assigneeId: d.assigneeId, status: d.status, arrivedOn: d.arrivedOn })),
        );
        for (const [index, draft] of drafts.entries()) {
          await writeNewCase(tx, actor.userId, draft);
          if ((index + 1) % 50 === 0 || index + 1 === ready) options.onProgress?.(index + 1, ready);
        }
        await notify(tx, actor.userId, caseworkersTold(drafts));
        await appendCaseAudit(tx, {
          actorId: actor.userId,
          action: "case.imported",
          caseIds: drafts.map((d) => d.id),
          meta: { cases: ready },
        });
        return { imported: ready, refusedRows: refusedRowCount(reading) };
      },
      { timeout: 10 * 60_000 },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && isDigestClash(error))
      throw new ConflictError("import_already_done");
    throw error;
  }
}

async function readAs(actor: Actor, csv: string, client: Db | Tx): Promise<ImportReading> {
  const caseworkers = await client.user.findMany({ where: { role: "CASEWORKER", status: "ACTIVE" }, select: { id: true, email: true } });
  const reading = readImportFile(csv, {
    caseworkers: new Map(caseworkers.map((u) => [u.email.toLowerCase(), u.id])),
    defaultAssigneeId: intakeAssignsToSelf(actor) ? actor.userId : null,
  });
  return reading.ok ? withoutKnownPeople(reading, client) : reading;
}

/**
 * A row whose contact channel is already a case's (the blind index, ADR 031) is refused: the person
 * is known, and a whole file imported again after fixing its refused rows creates nothing twice.
 * Only coordinators import, and they may see every case.
 */
async function withoutKnownPeople(reading: Extract<ImportReading, { ok: true }>, client: Db | Tx): Promise<ImportReading> {
  const indexOf = new Map(reading.drafts.map((d) => [d.row, contactIndex(d.intake.contactChannel)]));
  const wanted = [...indexOf.values()].filter((i): i is string => i !== null);
  const known = new Set(
    (await client.case.findMany({ where: { contactIndex: { in: wanted } }, select: { contactIndex: true } })).map((c) => c.contactIndex),
  );
  if (known.size === 0) return reading;
  const isKnown = (row: number) => known.has(indexOf.get(row) ?? null);
  return {
    ...reading,
    drafts: reading.drafts.filter((d) => !isKnown(d.row)),
    refusals: [
      ...reading.refusals,
      ...reading.drafts
        .filter((d) => isKnown(d.row))
        .map((d) => ({ row: d.row, column: "contact_channel" as const, reason: "known_person" })),
    ].sort((a, b) => a.row - b.row),
  };
}

function summary(reading: Extract<ImportReading, { ok: true }>, alreadyImported: boolean): ImportCheck {
  return {
    ok: true,
    rows: reading.rows,
    ready: reading.drafts.length,
    refusedRows: refusedRowCount(reading),
    refusals: reading.refusals.slice(0, REFUSALS_SHOWN),
    alreadyImported,
  };
}

function refusedRowCount(reading: Extract<ImportReading, { ok: true }>): number {
  return new Set(reading.refusals.map((r) => r.row)).size;
}

/** The file's text as the import reads it (line ends and a byte-order mark do not make another file). */
function fileDigest(csv: string): string {
  const text = csv
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .trim();
  return createHmac("sha256", `${env().AUTH_SECRET}:case-import`).update(text).digest("hex");
}

function isDigestClash(error: Prisma.PrismaClientKnownRequestError): boolean {
  return JSON.stringify(error.meta ?? {}).includes("digest");
}

/**
 * Codes are random (40 bits): one statement finds any already taken, and those drafts get another,
 * so that a clash does not roll the whole file back.
 */
async function withFreshCodes(tx: Tx, drafts: NewCaseDraft[]): Promise<NewCaseDraft[]> {
  for (let round = 0; round < 5; round += 1) {
    const taken = new Set(
      (await tx.case.findMany({ where: { code: { in: drafts.map((d) => d.code) } }, select: { code: true } })).map((c) => c.code),
    );
    const seen = new Set<string>();
    let clash = false;
    drafts = drafts.map((d) => {
      const again = taken.has(d.code) || seen.has(d.code);
      seen.add(d.code);
      clash ||= again;
      return again ? { ...d, code: generateCaseCode() } : d;
    });
    if (!clash) return drafts;
  }
  return drafts;
}

/** One notification per caseworker, counting the cases the file gave them. */
function caseworkersTold(drafts: NewCaseDraft[]) {
  const counts = new Map<string, number>();
  for (const d of drafts) counts.set(d.assigneeId, (counts.get(d.assigneeId) ?? 0) + 1);
  return [...counts].map(([userId, count]) => ({ userId, kind: "CASES_IMPORTED" as const, count }));
}
