import "server-only";
import { notify } from "@/lib/notifications/notify";
import { randomUUID } from "node:crypto";
import { appendCaseAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import { db, Prisma, type Tx } from "@/lib/db/client";
import { caseEvent, recordEvents } from "./write-pipeline";
import { generateCaseCode } from "./codes";
import { contactIndex } from "./contact-index";
import { flagPossibleDuplicate } from "./duplicates";
import type { IntakeInput } from "./schemas";
import type { OpenStatus } from "./vocabulary";
import { CaseKey } from "./sealed";
import { movementRow } from "./sealed-rows";

/**
 * Writes a new case from intake, already permitted and assigned (mutations.ts decides both): a fresh
 * random code and data key, the sealed place and contact channel, the first stay, the first status
 * change, the CASE_CREATED event and the audit entry, in one transaction.
 */
export async function insertIntakeCase(actor: Actor, input: IntakeInput, assigneeId: string): Promise<{ code: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const draft = newCaseDraft({ intake: input, assigneeId });
    try {
      await db().$transaction(async (tx) => {
        await writeNewCase(tx, actor.userId, draft);
        await flagPossibleDuplicate(tx, actor.userId, draft.id, draft.contactIndex, draft.now);
        await appendCaseAudit(tx, { actorId: actor.userId, action: "case.created", caseIds: [draft.id] });
        await notify(tx, actor.userId, [{ userId: assigneeId, kind: "CASE_ASSIGNED", caseId: draft.id }]);
      });
      return { code: draft.code };
    } catch (error) {
      // A code collision (40 bits of randomness) is retried with a new code.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && attempt < 5) continue;
      throw error;
    }
  }
}

/** A case about to be written: its inputs, and the id, code and data key it will have. */
export interface NewCaseDraft {
  id: string;
  code: string;
  key: CaseKey;
  dataKeyWrapped: string;
  intake: IntakeInput;
  assigneeId: string;
  /** A spreadsheet's case may start further on than NEW (lib/cases/import). */
  status: OpenStatus;
  /** The day the person arrived where they are, when known (sealed, and its week in clear). */
  arrivedOn: Date | null;
  /** The contact channel's blind index (ADR 031). */
  contactIndex: string | null;
  now: Date;
}

export function newCaseDraft(d: {
  intake: IntakeInput;
  assigneeId: string;
  status?: OpenStatus;
  arrivedOn?: Date | null;
  now?: Date;
}): NewCaseDraft {
  const id = randomUUID();
  const { wrapped } = createDataKey(id);
  return {
    id,
    code: generateCaseCode(),
    key: new CaseKey({ id, dataKeyWrapped: wrapped }),
    dataKeyWrapped: wrapped,
    intake: d.intake,
    assigneeId: d.assigneeId,
    status: d.status ?? "NEW",
    arrivedOn: d.arrivedOn ?? null,
    contactIndex: contactIndex(d.intake.contactChannel),
    now: d.now ?? new Date(),
  };
}

/**
 * The case's rows and its CASE_CREATED event, inside the caller's transaction (the caller writes the
 * audit entry: one per intake, one per imported file).
 */
export async function writeNewCase(tx: Tx, actorId: string, draft: NewCaseDraft): Promise<void> {
  const { id, code, key, intake: input, now } = draft;
  await tx.case.create({
    data: {
      id,
      code,
      status: draft.status,
      ageBand: input.ageBand,
      serviceCategory: input.serviceCategory,
      peopleTravelling: input.peopleTravelling,
      language: input.language,
      riskLevel: input.riskLevel,
      currentCountry: input.currentCountry,
      placeCity: input.placeCity ?? null,
      placeOtherEnc: key.seal(caseFieldContext.placeOther(id), input.placeOther),
      contactChannelEnc: key.seal(caseFieldContext.contactChannel(id), input.contactChannel),
      contactIndex: draft.contactIndex,
      // data_key_created_at comes from the database's clock, the one re-keying runs compare with.
      dataKeyWrapped: draft.dataKeyWrapped,
      assignedToId: draft.assigneeId,
      createdById: actorId,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
      movements: {
        create: {
          ...movementRow(key, {
            country: input.currentCountry,
            placeCity: input.placeCity,
            placeOther: input.placeOther,
            arrivedOn: draft.arrivedOn,
          }),
          createdById: actorId,
          createdAt: now,
        },
      },
      statusChanges: { create: { fromStatus: null, toStatus: draft.status, at: now, actorId } },
    },
  });
  await recordEvents(tx, key, actorId, now, [caseEvent("CASE_CREATED", { country: input.currentCountry, riskLevel: input.riskLevel })]);
}
