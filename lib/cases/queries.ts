import "server-only";
import { watchReading } from "@/lib/alerts/reading-monitor";
import { appendCaseAudit } from "@/lib/audit/append";
import { can } from "@/lib/auth/policy";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { DecryptionError, UnknownKeyError } from "@/lib/crypto/fields";
import { db, type Prisma, type Tx } from "@/lib/db/client";
import type { JurisdictionRisk } from "@/lib/db/generated/enums";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { auditRefusal } from "./write-pipeline";
import { caseCapabilities } from "./capabilities";
import { hasValidTravelDocument, startOfUtcDay } from "./derived";
import type { CaseDetailDTO, CaseListPageDTO, StaffOptionDTO } from "./dto";
import { officeName, placeName } from "./places";
import type { CaseListFilter } from "./schemas";
import { CaseKey } from "./sealed";
import { caseScope } from "./scope";
import { APPLICATION_FLOW } from "./transitions";
import { vettingBlock } from "./vetting-rules";

/**
 * Reading cases. Every query is scoped by caseScope; lists never select the contact channel, notes
 * or any sealed field. Every read is audited and watched by the reading monitor: a list page as one
 * `case.list_read` entry linked to the cases it showed, a case page as `case.read`, a contact reveal
 * as `case.contact_revealed`.
 */

export const CASE_PAGE_SIZE = 50;
export const STALE_DAYS = 14;
const DAY = 86_400_000;

export async function countryRiskMap(): Promise<Map<string, JurisdictionRisk>> {
  const rows = await db().countryRisk.findMany({ select: { countryCode: true, risk: true } });
  return new Map(rows.map((r) => [r.countryCode, r.risk]));
}

async function countriesWithRisk(risks: JurisdictionRisk[]): Promise<string[]> {
  const rows = await db().countryRisk.findMany({ where: { risk: { in: risks } }, select: { countryCode: true } });
  return rows.map((r) => r.countryCode);
}

/** The `where` of a case list: the actor's scope plus the filters. Shared with the dashboard's links. */
export async function caseListWhere(
  actor: Actor,
  filter: Omit<CaseListFilter, "sort" | "after">,
  now = new Date(),
): Promise<Prisma.CaseWhereInput> {
  const today = startOfUtcDay(now);
  const and: Prisma.CaseWhereInput[] = [caseScope(actor)];
  if (!filter.status || filter.status === "open") and.push({ status: { not: "CLOSED" } });
  else if (filter.status !== "all") and.push({ status: filter.status });
  if (filter.country) and.push({ currentCountry: filter.country });
  if (filter.jurisdiction) and.push({ currentCountry: { in: await countriesWithRisk([filter.jurisdiction]) } });
  if (filter.risk) and.push({ riskLevel: filter.risk });
  // Only those who assign cases filter by assignee; anyone else's scope is one assignee already.
  if (filter.assignee && can(actor.role, "case:assign")) and.push({ assignedToId: filter.assignee === "none" ? null : filter.assignee });
  // Search by code: the whole code, or its beginning ("7KQ2", "WP-7KQ2-X"), which the code index serves.
  if (filter.q) {
    const typed = filter.q.replace(/^WP-?/, "");
    const prefix = `WP-${typed.length > 4 && typed[4] !== "-" ? `${typed.slice(0, 4)}-${typed.slice(4)}` : typed}`;
    and.push(prefix.length === 12 ? { code: prefix } : { code: { startsWith: prefix } });
  }
  // Date bounds are whole days: from the start of `from` to the end of `to`.
  const range = (from?: Date, to?: Date) => ({ ...(from ? { gte: from } : {}), ...(to ? { lt: new Date(to.getTime() + DAY) } : {}) });
  if (filter.createdFrom || filter.createdTo) and.push({ createdAt: range(filter.createdFrom, filter.createdTo) });
  if (filter.closedFrom || filter.closedTo) and.push({ closedAt: range(filter.closedFrom, filter.closedTo) });
  if (filter.leftStage) and.push({ statusChanges: { some: { fromStatus: filter.leftStage, at: range(filter.leftFrom, filter.leftTo) } } });
  if (filter.appDestination || filter.appStatus || filter.appFrom || filter.appTo) {
    and.push({
      applications: {
        some: {
          ...(filter.appDestination ? { destinationCountry: filter.appDestination } : {}),
          ...(filter.appStatus ? { status: filter.appStatus } : {}),
          ...(filter.appFrom || filter.appTo ? { createdAt: range(filter.appFrom, filter.appTo) } : {}),
        },
      },
    });
  }
  switch (filter.view) {
    case "stale":
      and.push({ updatedAt: { lt: new Date(now.getTime() - (filter.staleDays ?? STALE_DAYS) * DAY) } });
      break;
    case "overdue":
      and.push({ nextStepDueOn: { lt: today } });
      break;
    case "extradition":
      and.push({ currentCountry: { in: await countriesWithRisk(["EXTRADITION_RISK"]) } });
      break;
    case "danger":
      and.push({ currentCountry: { in: await countriesWithRisk(["EXTRADITION_RISK", "ORIGIN"]) } });
      break;
    case "nodoc":
      and.push({ OR: [{ travelDocValidUntil: null }, { travelDocValidUntil: { lt: today } }] });
      break;
    case "awaiting_second":
      and.push({ status: "VERIFYING", vettingState: "ONE_SIGN_OFF" });
      break;
    case "appointments":
      // Whole days: the appointment's minute is sealed.
      and.push({
        applications: {
          some: { status: "APPOINTMENT_SCHEDULED", appointmentOn: { gte: today, lte: new Date(today.getTime() + 7 * DAY) } },
        },
      });
      break;
    case undefined:
      break;
  }
  return { AND: and };
}

const ORDER: Record<CaseListFilter["sort"], Prisma.CaseOrderByWithRelationInput[]> = {
  updated: [{ updatedAt: "desc" }, { id: "desc" }],
  risk: [{ riskLevel: "desc" }, { updatedAt: "desc" }, { id: "desc" }],
  stage: [{ statusChangedAt: "asc" }, { id: "asc" }],
};

/**
 * Records a read of a list of cases: one audit entry naming the filters set (not their values), the
 * number of matching cases and of cases shown, linked to every case shown; and counts it towards the
 * reading monitor's limit on cases listed. Refuses the read (UnauthenticatedError) when the monitor
 * suspended the account.
 */
export async function recordListRead(
  actor: Actor,
  input: { filters: Record<string, unknown>; count: number; caseIds: string[] },
  now = new Date(),
): Promise<void> {
  const filters = Object.entries(input.filters)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([name]) => name)
    .sort();
  const watched = await db().$transaction(async (tx: Tx) => {
    await appendCaseAudit(tx, {
      actorId: actor.userId,
      action: "case.list_read",
      caseIds: input.caseIds,
      meta: { filters, count: input.count, shown: new Set(input.caseIds).size },
    });
    return watchReading(tx, actor.userId, "LIST_READS", now);
  });
  if (watched.suspended) throw new UnauthenticatedError("account_suspended");
}

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
        updatedAt: true,
        assignedTo: { select: { email: true } },
      },
    }),
    db().case.count({ where }),
    countryRiskMap(),
  ]);
  const page = rows.slice(0, CASE_PAGE_SIZE);
  await recordListRead(actor, { filters: filter, count: total, caseIds: page.map((r) => r.id) }, now);
  const today = startOfUtcDay(now);

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
      updatedAt: r.updatedAt,
    })),
    total,
    nextAfter: rows.length > CASE_PAGE_SIZE ? page[page.length - 1]!.code : null,
  };
}

/**
 * The case page. Audited as `case.read`. Not found for a code outside the actor's scope exactly as
 * for a code that does not exist (and the attempt is audited as a refusal).
 */
export async function getCaseDetail(actor: Actor, code: string, now = new Date()): Promise<CaseDetailDTO> {
  assertCan(actor, "case:read");
  const row = await readCaseDetail(actor, code);
  if (!row) {
    await auditRefusal(actor, code, "case:read");
    throw new NotFoundError("case");
  }
  const watched = await db().$transaction(async (tx) => {
    await appendCaseAudit(tx, { actorId: actor.userId, action: "case.read", caseIds: [row.id] });
    return watchReading(tx, actor.userId, "CASE_READS", now);
  });
  // A burst of reading that suspended the account is not served, this read included.
  if (watched.suspended) throw new UnauthenticatedError("account_suspended");
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

const detailInclude = {
  assignedTo: { select: { id: true, email: true } },
  movements: { orderBy: [{ arrivedWeek: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }] },
  documents: true,
  applications: { orderBy: { createdAt: "asc" } },
  nextSteps: {
    orderBy: [{ doneAt: { sort: "asc", nulls: "first" } }, { dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    include: { owner: { select: { email: true } } },
  },
  notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { email: true } } } },
  events: { orderBy: [{ at: "asc" }, { id: "asc" }], include: { actor: { select: { email: true } } } },
  signOffs: { orderBy: { createdAt: "asc" }, include: { author: { select: { email: true } }, resolvedBy: { select: { email: true } } } },
} satisfies Prisma.CaseInclude;

type DetailRow = Prisma.CaseGetPayload<{ include: typeof detailInclude }>;

async function readCaseDetail(actor: Actor, code: string): Promise<DetailRow | null> {
  return db().case.findFirst({ where: { code, ...caseScope(actor) }, include: detailInclude });
}

/** The case page's DTO from its row: sealed values opened with the case's key, only what the viewer may see. */
async function caseDetailDTO(actor: Actor, row: DetailRow, now: Date): Promise<CaseDetailDTO> {
  const risks = await countryRiskMap();
  const today = startOfUtcDay(now);
  const capabilities = caseCapabilities(actor, { ...row, signOffAuthorIds: row.signOffs.map((o) => o.authorId) });
  const key = new CaseKey(row);
  const context = caseFieldContext;
  const supersededIds = new Set(row.notes.map((n) => n.supersedesId).filter((id): id is string => id !== null));

  return {
    code: row.code,
    version: row.version,
    status: row.status,
    statusSince: row.statusChangedAt,
    statusBeforeClose: row.statusBeforeClose,
    closeReason: row.closeReason,
    closeReasonText: key.open(context.closeReasonText(row.id), row.closeReasonTextEnc),
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    profile: {
      ageBand: row.ageBand,
      serviceCategory: row.serviceCategory,
      peopleTravelling: row.peopleTravelling,
      language: row.language,
      riskLevel: row.riskLevel,
    },
    location: {
      country: row.currentCountry,
      countryRisk: risks.get(row.currentCountry) ?? null,
      place: placeName(row.currentCountry, row.placeCity, key.open(context.placeOther(row.id), row.placeOtherEnc)),
    },
    movements: row.movements.map((m) => ({
      id: m.id,
      country: m.country,
      countryRisk: risks.get(m.country) ?? null,
      place: placeName(m.country, m.placeCity, key.open(context.movementPlaceOther(m.id), m.placeOtherEnc)),
      arrivedOn: key.openDay(context.movementArrived(m.id), m.arrivedEnc),
      leftOn: key.openDay(context.movementLeft(m.id), m.leftEnc),
    })),
    documents: row.documents.map((d) => ({
      type: d.type,
      state: d.state,
      expiresOn: key.openDay(context.documentExpiry(row.id, d.type), d.expiresEnc),
    })),
    noValidTravelDocument: !hasValidTravelDocument(row.travelDocValidUntil, now),
    applications: row.applications.map((a) => ({
      id: a.id,
      type: a.type,
      destinationCountry: a.destinationCountry,
      officeCity: officeName(a.officeCityKey, key.open(context.officeOther(a.id), a.officeOtherEnc)),
      status: a.status,
      submittedOn: key.openDay(context.submitted(a.id), a.submittedEnc),
      appointmentAt: key.openMoment(context.appointment(a.id), a.appointmentEnc),
      decisionOn: key.openDay(context.decision(a.id), a.decisionEnc),
      nextStatuses: [...APPLICATION_FLOW[a.status]],
    })),
    legal: {
      criminalCase: row.criminalCase,
      onWantedList: row.onWantedList,
      extraditionRequest: row.extraditionRequest,
      detained: row.detained,
      forcesCritical: row.detained || row.extraditionRequest,
    },
    nextSteps: row.nextSteps.map((s) => ({
      id: s.id,
      text: key.open(context.nextStepText(s.id), s.textEnc),
      owner: s.owner?.email ?? null,
      dueOn: s.dueOn,
      doneAt: s.doneAt,
      overdue: !s.doneAt && s.dueOn !== null && s.dueOn < today,
    })),
    notes: row.notes.map((n) => ({
      id: n.id,
      author: n.author.email,
      createdAt: n.createdAt,
      body: capabilities.readNotes ? key.open(context.noteBody(n.id), n.bodyEnc) : null,
      supersedesId: n.supersedesId,
      superseded: supersededIds.has(n.id),
    })),
    timeline: row.events.map((e) => ({
      id: e.id.toString(),
      type: e.type,
      actor: e.actor?.email ?? null,
      at: e.at,
      detail: key.openJson(context.eventDetail(row.id), e.detailEnc),
    })),
    assignee: row.assignedTo,
    vetting: {
      state: row.vettingState,
      block: vettingBlock(
        row.signOffs.map((o) => ({ authorId: o.authorId, authorRole: o.authorRole, outcome: o.outcome, resolved: o.resolvedAt !== null })),
      ),
      signedByMe: row.signOffs.some((o) => o.authorId === actor.userId),
      signOffs: row.signOffs.map((o) => ({
        id: o.id,
        author: o.author.email,
        authorRole: o.authorRole,
        createdAt: o.createdAt,
        checklist: {
          storyConsistent: o.storyConsistent,
          serviceStatusPlausible: o.serviceStatusPlausible,
          noCrimesIndication: o.noCrimesIndication,
          noProvocationSign: o.noProvocationSign,
        },
        outcome: o.outcome,
        remark: key.open(context.signOffRemark(o.id), o.remarkEnc),
        resolvedBy: o.resolvedBy?.email ?? null,
        resolvedAt: o.resolvedAt,
      })),
    },
    can: capabilities,
  };
}

/**
 * The contact channel, for the caseworker assigned to the case only. Every reveal is audited
 * (`case.contact_revealed`).
 */
export async function revealContact(actor: Actor, code: string, now = new Date()): Promise<string> {
  assertCan(actor, "case:revealContact");
  const row = await db().case.findFirst({
    where: { code, ...caseScope(actor), assignedToId: actor.userId },
    select: { id: true, contactChannelEnc: true, dataKeyWrapped: true },
  });
  if (!row) {
    await auditRefusal(actor, code, "case:revealContact");
    throw new NotFoundError("case");
  }
  const watched = await db().$transaction(async (tx) => {
    await appendCaseAudit(tx, { actorId: actor.userId, action: "case.contact_revealed", caseIds: [row.id] });
    return watchReading(tx, actor.userId, "CONTACT_REVEALS", now);
  });
  if (watched.suspended) throw new UnauthenticatedError("account_suspended");
  return new CaseKey(row).open(caseFieldContext.contactChannel(row.id), row.contactChannelEnc);
}

/**
 * Every caseworker and coordinator, with e-mail, role and status: for those who assign cases
 * (coordinators: assignment, bulk reassignment, the case list's and dashboard's filters). Nobody
 * else gets the staff list; a case page asks listCaseStaff.
 */
export async function listStaffOptions(actor: Actor): Promise<StaffOptionDTO[]> {
  assertCan(actor, "case:assign");
  const rows = await db().user.findMany({
    where: { role: { in: ["CASEWORKER", "COORDINATOR"] } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, role: true, status: true },
  });
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role as "CASEWORKER" | "COORDINATOR", active: r.status === "ACTIVE" }));
}

export interface CaseStaffDTO {
  /** Whom the case may be assigned to: empty unless the viewer may assign cases. */
  caseworkers: Array<{ id: string; email: string }>;
  /** Whom a next step may be given to. */
  owners: Array<{ id: string; email: string }>;
  /** E-mails by user id, for the timeline's "assigned to …" (anyone else shows as "someone"). */
  people: Record<string, string>;
}

/**
 * The staff a case page offers and names, for a case the actor has just been allowed to read
 * (`detail`, from getCaseDetail). Whoever may assign cases (coordinators) gets every active
 * caseworker to assign to, every active caseworker and coordinator as a next step's owner, and
 * everyone's e-mail for the timeline. Anyone else (a caseworker, who reads only their own cases)
 * gets themselves and the case's assignee: never the staff list, nor colleagues' e-mails and roles.
 * Reads no row for a caseworker.
 */
export async function listCaseStaff(actor: Actor, detail: Pick<CaseDetailDTO, "assignee">): Promise<CaseStaffDTO> {
  assertCan(actor, "case:read");
  if (can(actor.role, "case:assign")) {
    const staff = await listStaffOptions(actor);
    const active = staff.filter((s) => s.active);
    return {
      caseworkers: active.filter((s) => s.role === "CASEWORKER").map(({ id, email }) => ({ id, email })),
      owners: active.map(({ id, email }) => ({ id, email })),
      people: Object.fromEntries(staff.map((s) => [s.id, s.email])),
    };
  }
  const own = [{ id: actor.userId, email: actor.email }];
  if (detail.assignee && detail.assignee.id !== actor.userId) own.push({ id: detail.assignee.id, email: detail.assignee.email });
  return { caseworkers: [], owners: own, people: Object.fromEntries(own.map((p) => [p.id, p.email])) };
}
