import "server-only";
import { stringify } from "csv-stringify/sync";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { appendAudit } from "./append";
import { listAuditEntries } from "./queries";
import type { AuditFilter } from "./schemas";
import { verifyAuditChain, type AuditVerification } from "./verify";

/** The admin's tools on the audit log: verify the chain on demand, export what the filters select. */

export async function verifyAuditLog(actor: Actor): Promise<AuditVerification> {
  assertCan(actor, "audit:read");
  const result = await verifyAuditChain(db());
  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.userId,
      action: "audit.verified",
      targetType: "audit",
      meta: result.ok
        ? { ok: true, entries: result.entries }
        : { ok: false, entries: result.entries, brokenAt: result.brokenAt?.toString() ?? null, reason: result.reason },
    }),
  );
  return result;
}

const EXPORT_LIMIT = 100_000;

/** The filtered log as CSV, newest first (at most 100 000 entries per file). */
export async function exportAuditLog(actor: Actor, filter: AuditFilter): Promise<{ filename: string; csv: string; rows: number }> {
  assertCan(actor, "audit:read");
  const rows: string[][] = [["id", "at", "actor", "action", "target_type", "target", "meta", "prev_hash", "hash"]];
  let before = filter.before;
  while (rows.length - 1 < EXPORT_LIMIT) {
    const page = await listAuditEntries(actor, { ...filter, before });
    for (const e of page.entries)
      rows.push([e.id, e.at.toISOString(), e.actor ?? "", e.action, e.targetType ?? "", e.target ?? "", e.meta, e.prevHash, e.hash]);
    if (!page.nextBefore) break;
    before = page.nextBefore;
  }
  await db().$transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.userId,
      action: "audit.exported",
      targetType: "audit",
      meta: { rows: rows.length - 1, filter: { ...filter } },
    }),
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return { filename: `waypoint-audit-${stamp}.csv`, csv: stringify(rows), rows: rows.length - 1 };
}
