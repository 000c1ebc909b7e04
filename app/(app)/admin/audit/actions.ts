"use server";

import { verifyAuditLog } from "@/lib/audit/inspection";
import type { AuditVerification } from "@/lib/audit/verify";
import { requireActor } from "@/lib/auth/session";
import { runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";

export type ChainCheck =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: string | null; reason: Extract<AuditVerification, { ok: false }>["reason"] };

export async function verifyAuditChainAction(_: ActionState<ChainCheck>): Promise<ActionResult<ChainCheck>> {
  return runAction(async () => {
    const actor = await requireActor("audit:read");
    const result = await verifyAuditLog(actor);
    return {
      ok: true,
      data: result.ok
        ? { ok: true, entries: result.entries, headHash: result.headHash }
        : { ok: false, entries: result.entries, brokenAt: result.brokenAt?.toString() ?? null, reason: result.reason },
    };
  });
}
