import "server-only";
import { notify } from "@/lib/notifications/notify";
import { randomUUID } from "node:crypto";
import { appendCaseAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import { db, Prisma } from "@/lib/db/client";
import { caseEvent, recordEvents } from "./write-pipeline";
import { generateCaseCode } from "./codes";
import type { IntakeInput } from "./schemas";
import { CaseKey } from "./sealed";
import { movementRow } from "./sealed-rows";

/**
 * Writes a new case from intake, already permitted and assigned (mutations.ts decides both): a fresh
 * random code and data key, the sealed place and contact channel, the first stay, the first status
 * change, the CASE_CREATED event and the audit entry, in one transaction.
 */
export async function insertIntakeCase(actor: Actor, input: IntakeInput, assigneeId: string): Promise<{ code: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const id = randomUUID();
    const code = generateCaseCode();
    const { wrapped } = createDataKey(id);
    const key = new CaseKey({ id, dataKeyWrapped: wrapped });
    const now = new Date();
    try {
      await db().$transaction(async (tx) => {
        await tx.case.create({
          data: {
            id,
            code,
            ageBand: input.ageBand,
            serviceCategory: input.serviceCategory,
            peopleTravelling: input.peopleTravelling,
            language: input.language,
            riskLevel: input.riskLevel,
            currentCountry: input.currentCountry,
            placeCity: input.placeCity ?? null,
            placeOtherEnc: key.seal(caseFieldContext.placeOther(id), input.placeOther),
            contactChannelEnc: key.seal(caseFieldContext.contactChannel(id), input.contactChannel),
            // data_key_created_at comes from the database's clock, the one re-keying runs compare with.
            dataKeyWrapped: wrapped,
            assignedToId: assigneeId,
            createdById: actor.userId,
            createdAt: now,
            updatedAt: now,
            statusChangedAt: now,
            movements: {
              create: {
                ...movementRow(key, { country: input.currentCountry, placeCity: input.placeCity, placeOther: input.placeOther }),
                createdById: actor.userId,
                createdAt: now,
              },
            },
            statusChanges: { create: { fromStatus: null, toStatus: "NEW", at: now, actorId: actor.userId } },
          },
        });
        await recordEvents(tx, key, actor.userId, now, [
          caseEvent("CASE_CREATED", { country: input.currentCountry, riskLevel: input.riskLevel }),
        ]);
        await appendCaseAudit(tx, { actorId: actor.userId, action: "case.created", caseIds: [id] });
        if (assigneeId) await notify(tx, actor.userId, [{ userId: assigneeId, kind: "CASE_ASSIGNED", caseId: id }]);
      });
      return { code };
    } catch (error) {
      // A code collision (40 bits of randomness) is retried with a new code.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && attempt < 5) continue;
      throw error;
    }
  }
}
