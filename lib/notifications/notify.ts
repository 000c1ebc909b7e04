import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/enums";

/**
 * Raises notifications inside the transaction of the change that causes them, so a rolled-back
 * change tells nobody. A notification is a kind, a case and a count: its words are the app's
 * (messages `notifications.kind.*`), never anything typed about the case.
 */
export interface NotificationRow {
  userId: string;
  kind: NotificationKind;
  caseId?: string | null;
  count?: number;
}

/** Tells each user once; nobody is told about their own doing. */
export async function notify(tx: Tx, actorId: string | null, rows: NotificationRow[]): Promise<void> {
  const others = rows.filter((r) => r.userId !== actorId);
  if (others.length === 0) return;
  await tx.notification.createMany({
    data: others.map((r) => ({ userId: r.userId, kind: r.kind, caseId: r.caseId ?? null, count: r.count ?? 1, dedupeId: randomUUID() })),
    skipDuplicates: true,
  });
}
