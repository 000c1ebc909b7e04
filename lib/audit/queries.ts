import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db, type Prisma } from "@/lib/db/client";
import { casePseudonym } from "./pseudonym";
import type { AuditFilter } from "./schemas";

/**
 * Reading the audit log (admins). Keyset pagination on the id, newest first. Entries carry no
 * sensitive values by construction (see append.ts and case-entries.ts), so they can be shown as they
 * are. Entries about cases show a per-case pseudonym (pseudonym.ts), never a case code, and an admin
 * cannot look a case up by its code: admins do not see cases.
 */

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntryDTO {
  id: string;
  at: Date;
  actor: string | null;
  action: string;
  targetType: string | null;
  target: string | null;
  meta: string;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntryDTO[];
  nextBefore: string | null;
  actions: string[];
}

async function resolveTarget(target: string): Promise<string[]> {
  if (target.includes("@")) {
    const user = await db().user.findUnique({ where: { email: target.toLowerCase() }, select: { id: true } });
    return user ? [user.id] : ["00000000-0000-0000-0000-000000000000"];
  }
  return [target];
}

export async function listAuditEntries(actor: Actor, filter: AuditFilter): Promise<AuditPage> {
  assertCan(actor, "audit:read");
  const where: Prisma.AuditLogWhereInput[] = [];
  if (filter.actor) {
    const user = await db().user.findUnique({ where: { email: filter.actor }, select: { id: true } });
    where.push({ actorId: user?.id ?? "00000000-0000-0000-0000-000000000000" });
  }
  if (filter.action) where.push({ action: { startsWith: filter.action } });
  if (filter.target) where.push({ targetId: { in: await resolveTarget(filter.target) } });
  if (filter.from) where.push({ at: { gte: new Date(`${filter.from}T00:00:00.000Z`) } });
  if (filter.to) where.push({ at: { lt: new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000) } });
  if (filter.before) where.push({ id: { lt: BigInt(filter.before) } });

  const [rows, actions] = await Promise.all([
    db().auditLog.findMany({
      where: where.length ? { AND: where } : {},
      orderBy: { id: "desc" },
      take: AUDIT_PAGE_SIZE + 1,
      select: {
        id: true,
        at: true,
        action: true,
        targetType: true,
        targetId: true,
        meta: true,
        prevHash: true,
        hash: true,
        actor: { select: { email: true } },
      },
    }),
    db().auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);

  // Show people by their e-mail rather than raw ids, and cases by a pseudonym of the cases linked.
  const userIds = page.filter((r) => r.targetType === "user" && r.targetId).map((r) => r.targetId!);
  const caseEntryIds = page.filter((r) => r.targetType === "case").map((r) => r.id);
  const [users, links] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    caseEntryIds.length
      ? db().caseAuditLink.findMany({ where: { auditId: { in: caseEntryIds } }, select: { auditId: true, caseId: true } })
      : [],
  ]);
  const labels = new Map<string, string>(users.map((u) => [u.id, u.email] as const));
  const casesOf = new Map<bigint, string[]>();
  for (const link of links) casesOf.set(link.auditId, [...(casesOf.get(link.auditId) ?? []), link.caseId]);
  const caseLabel = (entryId: bigint): string | null => {
    const ids = casesOf.get(entryId) ?? [];
    if (ids.length === 0) return null;
    return ids.length === 1 ? casePseudonym(ids[0]!) : `${ids.length} cases`;
  };

  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actor: r.actor?.email ?? null,
      action: r.action,
      targetType: r.targetType,
      target: r.targetType === "case" ? caseLabel(r.id) : r.targetId ? (labels.get(r.targetId) ?? r.targetId) : null,
      meta: JSON.stringify(r.meta),
      prevHash: r.prevHash,
      hash: r.hash,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id.toString() : null,
    actions: actions.map((a) => a.action),
  };
}
