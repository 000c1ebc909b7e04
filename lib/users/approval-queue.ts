import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/policy";
import { recordListRead } from "@/lib/cases/read-audit";
import { caseScope } from "@/lib/cases/scope";
import { db } from "@/lib/db/client";
import type { AccessRequestKind, JurisdictionRisk, Role } from "@/lib/db/generated/enums";
import type { StayRule } from "@/lib/countries/stay-rule-order";
import { StayChangeSchema } from "@/lib/countries/stay-rule-schemas";

/** The requests that wait for a coordinator's approval, as the approvals page lists them. */

export interface AccessRequestDTO {
  id: string;
  kind: AccessRequestKind;
  status: "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED";
  role: Role | null;
  /** The account concerned, the invited e-mail, the country code, or the case code (CASE_ERASURE: "" once the
   * case is gone, or for a reader who may not see it, such as an admin). */
  subject: string;
  subjectId: string | null;
  /** COUNTRY_RISK: the risk when asked and the risk asked for ("NONE": no entry). */
  risk: { from: JurisdictionRisk | "NONE"; to: JurisdictionRisk | "NONE" } | null;
  /** COUNTRY_STAY_RULE: the rule when asked (null: none) and the looser one asked for. */
  stay: { from: StayRule | null; to: StayRule } | null;
  requestedBy: string;
  requestedById: string;
  createdAt: Date;
  expiresAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export async function listAccessRequests(actor: Actor, now = new Date()): Promise<AccessRequestDTO[]> {
  assertCan(actor, "access:view");
  // Admins see that an erasure was asked for, never of which case (separation of duties).
  const seesCases = can(actor.role, "case:read");
  const rows = await db().accessRequest.findMany({
    where: { OR: [{ status: "PENDING" }, { decidedAt: { gt: new Date(now.getTime() - 30 * 86_400_000) } }] },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
    include: {
      subject: { select: { email: true } },
      invite: { select: { email: true } },
      requestedBy: { select: { email: true } },
      decidedBy: { select: { email: true } },
      ...(seesCases ? { case: { where: caseScope(actor), select: { id: true, code: true } } } : {}),
    },
  });
  const cases = rows.flatMap((r) => (r.case ? [r.case] : []));
  // Case codes on the page: a list read of those cases, audited and watched like any other.
  if (cases.length > 0)
    await recordListRead(actor, { filters: { approvals: true }, count: cases.length, caseIds: cases.map((c) => c.id) }, now);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status === "PENDING" && r.expiresAt <= now ? "EXPIRED" : r.status,
    role: r.role,
    subject: r.kind === "CASE_ERASURE" ? (r.case?.code ?? "") : (r.subject?.email ?? r.invite?.email ?? r.countryCode ?? "—"),
    subjectId: r.subjectId,
    risk: r.kind === "COUNTRY_RISK" ? { from: r.riskFrom ?? "NONE", to: r.riskTo ?? "NONE" } : null,
    stay: r.kind === "COUNTRY_STAY_RULE" ? stayOf(r.stayChange) : null,
    requestedBy: r.requestedBy.email,
    requestedById: r.requestedById,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    decidedBy: r.decidedBy?.email ?? null,
    decidedAt: r.decidedAt,
  }));
}

function stayOf(json: unknown): { from: StayRule | null; to: StayRule } {
  const { from, to } = StayChangeSchema.parse(json);
  return { from, to };
}
