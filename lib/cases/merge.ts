import "server-only";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import type { MergeCasesInput } from "./merge-schemas";
import { caseScope } from "./scope";
import type { CaseKey } from "./sealed";
import { caseEvent, mutateCases } from "./write-pipeline";

/**
 * Merging two records of one person (ADR 031): `otherCode` goes into `code`. Nothing moves: each
 * case keeps its own history, under its own key. The other case is closed as MERGED (if still
 * open), leaves the duplicate index, and keeps, sealed with its own key, which case it went into, so
 * its code leads there; both timelines say "merged with …". Each case gets its own audit entry
 * naming only itself, as for any change of two cases (no entry joins them, ADR 023).
 */
export async function mergeCases(actor: Actor, input: MergeCasesInput): Promise<{ code: string }> {
  await mutateCases(
    actor,
    [
      { code: input.code, version: input.version },
      { code: input.otherCode, version: null },
    ],
    "case:merge",
    async (tx, [kept, gone], now, [, goneKey]) => {
      if (kept!.status === "CLOSED") throw new ConflictError("case_closed");
      if (gone!.closeReason === "MERGED") throw new ConflictError("case_merged");
      const open = gone!.status !== "CLOSED";
      if (open) {
        await tx.caseStatusChange.create({
          data: { caseId: gone!.id, fromStatus: gone!.status, toStatus: "CLOSED", at: now, actorId: actor.userId },
        });
      }
      return [
        {
          events: [caseEvent("MERGED", { code: gone!.code })],
          audit: { action: "case.merged", fields: [] },
          result: undefined,
        },
        {
          patch: {
            contactIndex: null,
            mergedIntoEnc: goneKey!.seal(caseFieldContext.mergedInto(gone!.id), kept!.id),
            ...(open
              ? { status: "CLOSED", statusChangedAt: now, statusBeforeClose: gone!.status, closeReason: "MERGED", closedAt: now }
              : {}),
          },
          events: [caseEvent("MERGED", { code: kept!.code })],
          audit: { action: "case.merged", fields: open ? ["status", "closeReason"] : [] },
          result: undefined,
        },
      ];
    },
  );
  return { code: input.code };
}

/**
 * Where a merged case went, for its page: the other case's code when the viewer may see it (then the
 * page leads there), else null (a caseworker of the merged case alone sees it closed as merged).
 */
export async function mergedIntoCode(
  actor: Actor,
  key: CaseKey,
  row: { id: string; mergedIntoEnc: string | null },
): Promise<string | null> {
  const id = key.open(caseFieldContext.mergedInto(row.id), row.mergedIntoEnc);
  if (!id) return null;
  const target = await db().case.findFirst({ where: { id, ...caseScope(actor) }, select: { code: true } });
  return target?.code ?? null;
}
