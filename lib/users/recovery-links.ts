import "server-only";
import { db } from "@/lib/db/client";
import type { RecoveryKind } from "@/lib/db/generated/enums";
import { NotFoundError } from "@/lib/errors";
import { hashLinkToken, isLinkToken } from "./link-token";

/** Looking up a recovery link (ADR 013): what its page may show, and whether it still waits for approval. */

export interface RecoveryDTO {
  email: string;
  kind: RecoveryKind;
  expiresAt: Date;
}

/** Where a recovery can still be used: approved, not used up, revoked or expired, for an active account. */
export const usable = (now: Date) => ({
  completedAt: null,
  revokedAt: null,
  approvedAt: { not: null },
  codeHash: { not: null },
  expiresAt: { gt: now },
  user: { status: "ACTIVE" as const, activationPending: false },
});

export async function findUsableRecovery(token: string, now = new Date()) {
  if (!isLinkToken(token)) return null;
  return db().accountRecovery.findFirst({
    where: { tokenHash: hashLinkToken(token), ...usable(now) },
    select: { id: true, kind: true, expiresAt: true, codeHash: true, user: { select: { id: true, email: true } } },
  });
}

export async function getRecovery(token: string): Promise<RecoveryDTO> {
  const recovery = await findUsableRecovery(token);
  if (!recovery) throw new NotFoundError("recovery");
  return { email: recovery.user.email, kind: recovery.kind, expiresAt: recovery.expiresAt };
}

/** True when the link is a live recovery that still waits for a coordinator's approval. */
export async function recoveryAwaitsApproval(token: string): Promise<boolean> {
  if (!isLinkToken(token)) return false;
  const waiting = await db().accountRecovery.count({
    where: { tokenHash: hashLinkToken(token), completedAt: null, revokedAt: null, approvedAt: null, expiresAt: { gt: new Date() } },
  });
  return waiting > 0;
}
