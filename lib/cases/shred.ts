import "server-only";
import { appendCaseAudit } from "@/lib/audit/append";
import type { CaseAuditMeta } from "@/lib/audit/case-entries";
import type { Prisma, Tx } from "@/lib/db/client";
import { forgetCaseInOutreachWindows } from "./outreach-cover";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * Destroying a case, the one way it is done (the retention purge, and erasing one case now):
 * deleting the case row deletes every part of it (movements, documents, applications, tasks, notes,
 * supervision notes, timeline, status history, notifications), its wrapped data key, and the links of
 * the audit log's entries to it; a request that named it (access_requests.case_id) forgets it. Those
 * entries name no case and carry no case value, so once the links are gone nothing ties them to this
 * case or to each other, and the hash chain still verifies. Its encrypted fields in older backups
 * can no longer be decrypted once the master keys of that time are retired (crypto-shredding; see
 * SECURITY.md). The log gains one entry naming nothing. An outreach window that named it is re-sealed
 * without it (deleted when it named no other case), so no open window keeps its id readable.
 *
 * `where` re-checks, inside the caller's transaction, what made the case due (closed long enough;
 * visible to the approver): a case that no longer matches is kept and `false` returned.
 */
export async function shredCase(
  tx: Tx,
  where: Prisma.CaseWhereInput & { id: string },
  entry: { actorId: string | null; action: "case.purged" | "case.erased"; meta?: CaseAuditMeta },
): Promise<boolean> {
  const { count } = await tx.case.deleteMany({ where });
  if (count === 0) return false;
  await forgetCaseInOutreachWindows(tx, where.id);
  await appendCaseAudit(tx, { actorId: entry.actorId, action: entry.action, caseIds: [], meta: entry.meta ?? {} });
  return true;
}
