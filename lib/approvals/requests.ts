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
  // One waiting request at a time: per account, per country and kind, per case, and one lift of a freeze.
  const countryCode = input.country?.code ?? input.stayRule?.code;
  const pending = [
    input.subjectId ? { where: { subjectId: input.subjectId }, code: "request_pending" } : null,
    countryCode
      ? {
          where: { countryCode, kind: input.kind },
          code: input.kind === "COUNTRY_STAY_RULE" ? "stay_rule_request_pending" : "country_request_pending",
        }
      : null,
    input.kind === "FREEZE_LIFT" ? { where: { kind: input.kind }, code: "lift_pending" } : null,
    input.caseId ? { where: { caseId: input.caseId }, code: "erasure_pending" } : null,
  ];
  for (const rule of pending) {
    if (!rule) continue;
    const waiting = await tx.accessRequest.findFirst({
      where: { ...rule.where, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (waiting) throw new ConflictError(rule.code);
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
