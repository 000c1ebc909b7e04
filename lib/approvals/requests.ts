import "server-only";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/access/actor";
import type { Prisma, Tx } from "@/lib/db/client";
import type { AccessRequestKind, JurisdictionRisk, Role } from "@/lib/db/generated/enums";
import { ConflictError } from "@/lib/errors";
import { notifyEveryoneWho } from "@/lib/notifications/notify";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Asking for a second person (the two-person rule, ADR 009 and 013): the request that waits for a
 * coordinator's decision. Whatever needs one (account changes in lib/users, a country's lowered
 * risk in lib/countries) files it here, in its own transaction; lib/users/approvals.ts decides.
 */

/** How long a request waits for its decision. */
export const ACCESS_REQUEST_LIFETIME_DAYS = 7;

export interface NewAccessRequest {
  kind: AccessRequestKind;
  role?: Role | null;
  subjectId?: string;
  inviteId?: string;
  recoveryId?: string;
  country?: { code: string; from: JurisdictionRisk | null; to: JurisdictionRisk | null };
  /** A country's looser stay rule (lib/countries/stay-rules.ts). */
  stayRule?: { code: string; change: Prisma.InputJsonObject; fields: string[] };
  /** CASE_ERASURE: the case (lib/cases/erasure.ts, which found it in the requester's scope). */
  caseId?: string;
}

export async function createAccessRequest(tx: Tx, actor: Actor, input: NewAccessRequest, now = new Date()): Promise<string> {
  if (input.subjectId) {
    const pending = await tx.accessRequest.findFirst({
      where: { subjectId: input.subjectId, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (pending) throw new ConflictError("request_pending");
  }
  const countryCode = input.country?.code ?? input.stayRule?.code;
  if (countryCode) {
    // One request of each kind per country at a time.
    const pending = await tx.accessRequest.findFirst({
      where: { countryCode, kind: input.kind, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (pending) throw new ConflictError(input.kind === "COUNTRY_STAY_RULE" ? "stay_rule_request_pending" : "country_request_pending");
  }
  if (input.kind === "FREEZE_LIFT") {
    const pending = await tx.accessRequest.findFirst({
      where: { kind: "FREEZE_LIFT", status: "PENDING", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (pending) throw new ConflictError("lift_pending");
  }
  if (input.caseId) {
    const pending = await tx.accessRequest.findFirst({
      where: { caseId: input.caseId, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (pending) throw new ConflictError("erasure_pending");
  }
  const request = await tx.accessRequest.create({
    data: {
      kind: input.kind,
      role: input.role ?? null,
      subjectId: input.subjectId ?? null,
      inviteId: input.inviteId ?? null,
      recoveryId: input.recoveryId ?? null,
      countryCode: countryCode ?? null,
      riskFrom: input.country?.from ?? null,
      riskTo: input.country?.to ?? null,
      ...(input.stayRule ? { stayChange: input.stayRule.change } : {}),
      caseId: input.caseId ?? null,
      requestedById: actor.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ACCESS_REQUEST_LIFETIME_DAYS * 86_400_000),
    },
    select: { id: true },
  });
  await appendAudit(tx, {
    actorId: actor.userId,
    action: "access.requested",
    ...auditTarget({ ...input, countryCode }),
    meta: {
      request: request.id,
      kind: input.kind,
      ...(input.role ? { role: input.role } : {}),
      ...(input.country ? { from: input.country.from ?? "NONE", to: input.country.to ?? "NONE" } : {}),
      // A stay rule's request names the parts asked for, never their values (they are in the request row).
      ...(input.stayRule ? { fields: input.stayRule.fields } : {}),
    },
  });
  // Whoever may decide is told at once (an erasure cannot wait for someone to open the page); not
  // the requester, nor the person the request is about, who may not decide it.
  await notifyEveryoneWho(tx, actor.userId, "access:approve", "APPROVAL_WAITING", { except: [input.subjectId], now });
  return request.id;
}

export function auditTarget(request: {
  kind: AccessRequestKind;
  subjectId?: string | null;
  inviteId?: string | null;
  countryCode?: string | null;
  country?: { code: string };
}) {
  // An erasure's entries name no case: the case's own trail (its links) records the request, and
  // those links go with the case.
  if (request.kind === "CASE_ERASURE") return {};
  if (request.kind === "FREEZE_LIFT") return { targetType: "system" as const };
  const country = request.countryCode ?? request.country?.code;
  if (country) return { targetType: "country" as const, targetId: country };
  if (request.subjectId) return { targetType: "user" as const, targetId: request.subjectId };
  return { targetType: "invite" as const, targetId: request.inviteId ?? null };
}
