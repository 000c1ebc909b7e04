import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
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
  /** The account concerned, the invited e-mail, or the country code. */
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
  const rows = await db().accessRequest.findMany({
    where: { OR: [{ status: "PENDING" }, { decidedAt: { gt: new Date(now.getTime() - 30 * 86_400_000) } }] },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 200,
    include: {
      subject: { select: { email: true } },
      invite: { select: { email: true } },
      requestedBy: { select: { email: true } },
      decidedBy: { select: { email: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status === "PENDING" && r.expiresAt <= now ? "EXPIRED" : r.status,
    role: r.role,
    subject: r.subject?.email ?? r.invite?.email ?? r.countryCode ?? "—",
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
