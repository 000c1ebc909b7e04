import "server-only";
import { mergedIntoCode } from "./merge";
import { checklistItemsFor } from "@/lib/cases/checklist-items";
import { todayOf, type Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db, type Prisma } from "@/lib/db/client";
import { caseCapabilities } from "./capabilities";
import { countryRiskMap, stayRuleWithCheck } from "./country-risks";
import { applicationChecklist } from "./checklist-detail";
import { hasValidTravelDocument } from "./derived";
import type { CaseDetailDTO, MovementDTO, StayDTO } from "./dto";
import { groupOf, visibleGroupMembers } from "./groups";
import { legalDetail } from "./legal-detail";
import { officeName, placeName } from "./places";
import { CaseKey } from "./sealed";
import { computeStay } from "./stay";
import { toStayRule } from "./stay-ends";
import { APPLICATION_FLOW } from "./transitions";
import { vettingBlock } from "./vetting-rules";

/** What the case page reads of a case, and how its row becomes the page's DTO. */

export const detailInclude = {
  assignedTo: { select: { id: true, email: true } },
  movements: { orderBy: [{ arrivedWeek: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }] },
  documents: true,
  applications: {
    orderBy: { createdAt: "asc" },
    include: { letterIssuedBy: { select: { email: true } }, checklist: { select: { itemId: true, state: true } } },
  },
  wantedEntries: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  extraditions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  nextSteps: {
    orderBy: [{ doneAt: { sort: "asc", nulls: "first" } }, { dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    include: { owner: { select: { email: true } }, doneBy: { select: { email: true } } },
  },
  notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { email: true } } } },
  supervisionNotes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { email: true } } } },
  events: { orderBy: [{ at: "asc" }, { id: "asc" }], include: { actor: { select: { email: true } } } },
  signOffs: { orderBy: { createdAt: "asc" }, include: { author: { select: { email: true } }, resolvedBy: { select: { email: true } } } },
} satisfies Prisma.CaseInclude;

export type DetailRow = Prisma.CaseGetPayload<{ include: typeof detailInclude }>;

/** The case page's DTO from its row: sealed values opened with the case's key, only what the viewer may see. */
export async function caseDetailDTO(actor: Actor, row: DetailRow, now: Date): Promise<CaseDetailDTO> {
  const key = new CaseKey(row);
  const group = groupOf(key, row.groupEnc);
  const [risks, stayRule, members, checklistItems, mergedInto] = await Promise.all([
    countryRiskMap(actor),
    stayRuleWithCheck(row.currentCountry, actor),
    group ? visibleGroupMembers(db(), actor, group, row.id) : [],
    checklistItemsFor([...new Set(row.applications.map((a) => a.destinationCountry))]),
    row.mergedIntoEnc ? mergedIntoCode(actor, key, row) : null,
  ]);
  const today = todayOf(actor, now);
  const capabilities = caseCapabilities(actor, { ...row, signOffAuthorIds: row.signOffs.map((o) => o.authorId) });
  const context = caseFieldContext;
  const movements = row.movements.map((m) => ({
    id: m.id,
    country: m.country,
    countryRisk: risks.get(m.country) ?? null,
    place: placeName(m.country, m.placeCity, key.open(context.movementPlaceOther(m.id), m.placeOtherEnc)),
    arrivedOn: key.openDay(context.movementArrived(m.id), m.arrivedEnc),
    leftOn: key.openDay(context.movementLeft(m.id), m.leftEnc),
  }));
  const supersededIds = new Set(row.notes.map((n) => n.supersedesId).filter((id): id is string => id !== null));

  return {
    code: row.code,
    version: row.version,
    status: row.status,
    statusSince: row.statusChangedAt,
    statusBeforeClose: row.statusBeforeClose,
    closeReason: row.closeReason,
    closeReasonText: key.open(context.closeReasonText(row.id), row.closeReasonTextEnc),
    mergedInto,
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
    movements,
    group: group ? { kind: group.kind, members: members.map((m) => ({ code: m.code, version: m.version, closed: m.closed })) } : null,
    stay: stayDetail(row.currentCountry, movements, stayRule, today),
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
      validFrom: key.openDay(context.validFrom(a.id), a.validFromEnc),
      validUntil: key.openDay(context.validUntil(a.id), a.validUntilEnc),
      entryBy: key.openDay(context.entryBy(a.id), a.entryByEnc),
      appealBy: key.openDay(context.appealBy(a.id), a.appealByEnc),
      letter:
        a.letterIssuedEnc || a.letterIssuedById
          ? { issuedOn: key.openDay(context.letterIssued(a.id), a.letterIssuedEnc), issuedBy: a.letterIssuedBy?.email ?? null }
          : null,
      nextStatuses: [...APPLICATION_FLOW[a.status]],
      checklist: applicationChecklist(checklistItems, a),
    })),
    legal: legalDetail(row, key, risks),
    nextSteps: row.nextSteps.map((s) => ({
      id: s.id,
      text: key.open(context.nextStepText(s.id), s.textEnc),
      ownerId: s.ownerId,
      owner: s.owner?.email ?? null,
      dueOn: s.dueOn,
      doneAt: s.doneAt,
      doneBy: s.doneBy?.email ?? null,
      repeatDays: s.repeatDays,
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
    supervisionNotes: capabilities.readSupervision
      ? row.supervisionNotes.map((n) => ({
          id: n.id,
          author: n.author.email,
          createdAt: n.createdAt,
          body: key.open(context.supervisionNote(n.id), n.bodyEnc),
        }))
      : null,
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

/** The stay where the person is now, counted from the opened movements by the country's rule (ADR 020). */
function stayDetail(
  country: string,
  movements: MovementDTO[],
  rule: Awaited<ReturnType<typeof stayRuleWithCheck>>,
  today: Date,
): StayDTO | null {
  const stayRule = toStayRule(rule);
  const facts = computeStay(movements, country, stayRule, today);
  return facts ? { country, rule: stayRule, checkedOn: rule?.checkedOn ?? null, facts } : null;
}
