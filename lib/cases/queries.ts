import "server-only";
import { assertCan, todayOf, type Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { DecryptionError, UnknownKeyError } from "@/lib/crypto/fields";
import { db, type Prisma } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { auditRefusal } from "./write-pipeline";
import { countryRiskMap } from "./country-risks";
import { hasValidTravelDocument } from "./derived";
import { caseDetailDTO, detailInclude, type DetailRow } from "./detail-mapping";
import type { CaseDetailDTO, CaseListPageDTO } from "./dto";
import { caseListWhere } from "./list-filter";
import { coverForMonitor, coveringWindow, readOutreachCover } from "./outreach-cover";
import { recordCaseRead, recordListRead } from "./read-audit";
import type { CaseListFilter } from "./schemas";
import { CaseKey } from "./sealed";
import { caseScope } from "./scope";
import { takeChangedCase } from "./read-after-change";
import { assertNotFrozen } from "@/lib/organisation/freeze";

/**
 * Reading cases: the list, the case page, the contact channel. Every query is scoped by caseScope;
 * lists never select the contact channel, notes or any sealed field. Every read is audited and
 * watched by the reading monitor (read-audit.ts): a list page as one `case.list_read` entry linked
 * to the cases it showed, a case page as `case.read`, a contact reveal as `case.contact_revealed`.
 */

export const CASE_PAGE_SIZE = 50;

/**
 * The list counts its matches up to this many and says "more than" beyond: counting 80,000 open
 * cases cost PostgreSQL ~25 ms on every coordinator's list page, a count that stops costs ~1 ms.
 */
export const CASE_COUNT_LIMIT = 1000;

const ORDER: Record<CaseListFilter["sort"], Prisma.CaseOrderByWithRelationInput[]> = {
  updated: [{ updatedAt: "desc" }, { id: "desc" }],
  risk: [{ riskLevel: "desc" }, { updatedAt: "desc" }, { id: "desc" }],
  stage: [{ statusChangedAt: "asc" }, { id: "asc" }],
  // Week grain (ADR 020); only cases whose stay runs out are listed (list-filter.ts), so no null breaks the keyset.
  stay: [{ stayEndsWeek: "asc" }, { id: "asc" }],
};

/** One page of the case list (keyset pagination on the sort key, continuing after a case code). Audited. */
export async function listCases(actor: Actor, filter: CaseListFilter, now = new Date()): Promise<CaseListPageDTO> {
  assertCan(actor, "case:list");
  const where = await caseListWhere(actor, filter, now);
  // Prisma reads the cursor row's sort keys without `where`: a code outside the actor's scope would
  // position the page by someone else's case (and tell that it exists). Such a cursor answers like
  // a code that does not exist: an empty page.
  const cursorInScope = filter.after ? (await db().case.count({ where: { code: filter.after, ...caseScope(actor) } })) === 1 : true;
  const [rows, total, risks] = await Promise.all([
    db().case.findMany({
      where: cursorInScope ? where : { id: { in: [] } },
      orderBy: ORDER[filter.sort],
      take: CASE_PAGE_SIZE + 1,
      ...(filter.after ? { cursor: { code: filter.after }, skip: 1 } : {}),
      select: {
        id: true,
        code: true,
        version: true,
        status: true,
        statusChangedAt: true,
        currentCountry: true,
        riskLevel: true,
        travelDocValidUntil: true,
        nextStepDueOn: true,
        stayEndsWeek: true,
        updatedAt: true,
        assignedTo: { select: { email: true } },
      },
    }),
    countUpTo(where, CASE_COUNT_LIMIT + 1),
    countryRiskMap(actor),
  ]);
  const page = rows.slice(0, CASE_PAGE_SIZE);
  const totalCapped = total > CASE_COUNT_LIMIT;
  const shownTotal = Math.min(total, CASE_COUNT_LIMIT);
  await recordListRead(actor, { filters: filter, count: shownTotal, countCapped: totalCapped, caseIds: page.map((r) => r.id) }, now);
  const today = todayOf(actor, now);

  return {
    items: page.map((r) => ({
      code: r.code,
      version: r.version,
      status: r.status,
      statusSince: r.statusChangedAt,
      country: r.currentCountry,
      countryRisk: risks.get(r.currentCountry) ?? null,
      riskLevel: r.riskLevel,
      assignee: r.assignedTo?.email ?? null,
      // The step's text is sealed; the list shows when the earliest open step is due.
      nextStepDue: r.nextStepDueOn ? { dueOn: r.nextStepDueOn, overdue: r.nextStepDueOn < today } : null,
      noValidTravelDocument: !hasValidTravelDocument(r.travelDocValidUntil, now),
      stayEndsWeek: r.stayEndsWeek,
      updatedAt: r.updatedAt,
    })),
    total: shownTotal,
    totalCapped,
    nextAfter: rows.length > CASE_PAGE_SIZE ? page[page.length - 1]!.code : null,
  };
}

/**
 * The number of cases matching `where`, counting no further than `limit`. Prisma orders a limited
 * count (by id unless told otherwise), which would make PostgreSQL walk the primary key until
 * `limit` rows match; ordered by status instead, it stops after `limit` entries of an index that
 * leads with, or follows an equality with, the status (every filter's index does; see
 * lib/db/query-plans.integration.test.ts). The order changes nothing in a count.
 */
function countUpTo(where: Prisma.CaseWhereInput, limit: number): Promise<number> {
  return db().case.count({ where, take: limit, orderBy: { status: "asc" } });
}

/**
 * The case page. Audited as `case.read`. Not found for a code outside the actor's scope exactly as
 * for a code that does not exist (and the attempt is audited as a refusal).
 */
export async function getCaseDetail(actor: Actor, code: string, now = new Date()): Promise<CaseDetailDTO> {
  assertCan(actor, "case:read");
  assertNotFrozen(actor);
  const row = await readCaseDetail(actor, code);
  if (!row) {
    await auditRefusal(actor, code, "case:read");
    throw new NotFoundError("case");
  }
  // A burst of reading that suspended the account is not served, this read included. The answer to
  // a change of this case in the same request was counted, and is recorded, by the change.
  if (!takeChangedCase(actor, row.id)) await recordCaseRead(actor, { caseId: row.id, watch: "CASE_READS" }, now);
  try {
    return await caseDetailDTO(actor, row, now);
  } catch (error) {
    // Prisma reads the parts in several queries: a re-key (lib/crypto/rekey.ts) committed between
    // them pairs the old key with values sealed under the new one. Reading again gets one or the other.
    if (!(error instanceof DecryptionError || error instanceof UnknownKeyError)) throw error;
    const again = await readCaseDetail(actor, code);
    if (!again) throw new NotFoundError("case");
    return caseDetailDTO(actor, again, now);
  }
}

async function readCaseDetail(actor: Actor, code: string): Promise<DetailRow | null> {
  return db().case.findFirst({ where: { code, ...caseScope(actor) }, include: detailInclude });
}

/**
 * The contact channel, for the caseworker assigned to the case only. Every reveal is audited
 * (`case.contact_revealed`). While outreach windows are open (ADR 028), the reading monitor does not
 * count the reveals of the reader's cases they cover, and the entry of a covered reveal says so.
 */
export async function revealContact(actor: Actor, code: string, now = new Date()): Promise<string> {
  assertCan(actor, "case:revealContact");
  assertNotFrozen(actor);
  const [row, cover] = await Promise.all([
    db().case.findFirst({
      where: { code, ...caseScope(actor), assignedToId: actor.userId },
      select: { id: true, status: true, currentCountry: true, contactChannelEnc: true, dataKeyWrapped: true },
    }),
    readOutreachCover(db(), now),
  ]);
  if (!row) {
    await auditRefusal(actor, code, "case:revealContact");
    throw new NotFoundError("case");
  }
  const window = coveringWindow(cover, row);
  const outreach = { uncounted: coverForMonitor(cover), meta: window ? { outreach: window.kind } : undefined };
  await recordCaseRead(actor, { caseId: row.id, watch: "CONTACT_REVEALS", outreach }, now);
  return new CaseKey(row).open(caseFieldContext.contactChannel(row.id), row.contactChannelEnc);
}
