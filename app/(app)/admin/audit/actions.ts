"use server";

import { verifyAuditLog } from "@/lib/audit/inspection";
import type { AuditVerification } from "@/lib/audit/verify";
import { requireActor } from "@/lib/auth/session";
import { buttonAction } from "@/lib/errors/action";

export type ChainCheck =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: string | null; reason: Extract<AuditVerification, { ok: false }>["reason"] };

export const verifyAuditChainAction = buttonAction({
  actor: () => requireActor("audit:read"),
  run: async (actor): Promise<ChainCheck> => {
    const result = await verifyAuditLog(actor);
    return result.ok
      ? { ok: true, entries: result.entries, headHash: result.headHash }
      : { ok: false, entries: result.entries, brokenAt: result.brokenAt?.toString() ?? null, reason: result.reason };
  },
});
