import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db, type Prisma } from "@/lib/db/client";
import type { AuditFilter } from "./schemas";

/**
 * Reading the audit log (admins). Keyset pagination on the id, newest first. Entries carry no
 * sensitive values by construction (see append.ts), so they can be shown as they are.
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

const CASE_CODE = /^WP-[A-Z0-9]{4}-[A-Z0-9]{4}$/i;

async function resolveTarget(target: string): Promise<string[]> {
  if (target.includes("@")) {
    const user = await db().user.findUnique({ where: { email: target.toLowerCase() }, select: { id: true } });
    return user ? [user.id] : ["00000000-0000-0000-0000-000000000000"];
  }
  if (CASE_CODE.test(target)) {
    const kase = await db().case.findUnique({ where: { code: target.toUpperCase() }, select: { id: true } });
    return kase ? [kase.id] : ["00000000-0000-0000-0000-000000000000"];
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
      select: { id: true, at: true, action: true, targetType: true, targetId: true, meta: true, prevHash: true, hash: true, actor: { select: { email: true } } },
    }),
    db().auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);

  // Show people and cases by their names in the system (e-mail, case code) rather than raw ids.
  const userIds = page.filter((r) => r.targetType === "user" && r.targetId).map((r) => r.targetId!);
  const caseIds = page.filter((r) => r.targetType === "case" && r.targetId).map((r) => r.targetId!);
  const [users, cases] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    caseIds.length ? db().case.findMany({ where: { id: { in: caseIds } }, select: { id: true, code: true } }) : [],
  ]);
  const labels = new Map<string, string>([...users.map((u) => [u.id, u.email] as const), ...cases.map((c) => [c.id, c.code] as const)]);

  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actor: r.actor?.email ?? null,
      action: r.action,
      targetType: r.targetType,
      target: r.targetId ? labels.get(r.targetId) ?? r.targetId : null,
      meta: JSON.stringify(r.meta),
      prevHash: r.prevHash,
      hash: r.hash,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id.toString() : null,
    actions: actions.map((a) => a.action),
  };
}
