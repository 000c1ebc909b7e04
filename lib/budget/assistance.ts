import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/policy";
import { decidedStatus, decisionRefusal, initialStatus } from "./approval";
import type { DecideAssistanceInput, RecordAssistanceInput } from "./schemas";
import { monthStart } from "./schemas";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db } from "@/lib/db/client";
import type { AssistanceStatus, AssistanceType } from "@/lib/db/generated/enums";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { CaseKey } from "@/lib/cases/sealed";
import { caseScope } from "@/lib/cases/scope";
import { assertOpen, caseEvent, mutateCase } from "@/lib/cases/write-pipeline";

/**
 * Help given to a case (ADR 022): recorded by whoever works the case, approved or refused by a
 * coordinator other than the recorder when it is above its budget line's threshold. Both go through
 * mutateCase (scoped, version-checked, in the timeline, audited by field name). In clear: type,
 * amount, currency, month, line, and the case's country and stage at recording; the remark is sealed.
 */

export interface AssistanceDTO {
  id: string;
  type: AssistanceType;
  amountMinor: number;
  currency: string;
  /** `YYYY-MM`. */
  month: string;
  budgetLine: string;
  status: AssistanceStatus;
  note: string | null;
  recordedBy: string;
  /** Whether the viewer may approve or refuse it now (a coordinator who did not record it). */
  canDecide: boolean;
}

/**
 * Records help given. The budget line must be active; above its threshold (or in another currency)
 * the record waits for approval. Audits `case.assistance_recorded` with the field `assistance`.
 */
export async function recordAssistance(actor: Actor, input: RecordAssistanceInput): Promise<{ status: AssistanceStatus }> {
  return mutateCase(actor, input, "case:update", async (tx, current, _now, key) => {
    assertOpen(current);
    const line = await tx.budgetLine.findFirst({
      where: { id: input.budgetLineId, active: true },
      select: { id: true, currency: true, approvalThresholdMinor: true, active: true },
    });
    if (!line) throw new InvalidInputError("invalid_budget_line", { budgetLineId: ["invalid_budget_line"] });
    const status = initialStatus(line, { amountMinor: input.amount, currency: input.currency });
    const id = randomUUID();
    await tx.assistance.create({
      data: {
        id,
        caseId: current.id,
        type: input.type,
        amountMinor: input.amount,
        currency: input.currency,
        month: monthStart(input.month),
        budgetLineId: line.id,
        status,
        country: current.currentCountry,
        stage: current.status,
        noteEnc: key.seal(caseFieldContext.assistanceNote(id), input.note ?? null),
        recordedById: actor.userId,
      },
    });
    return {
      events: [caseEvent("ASSISTANCE_RECORDED", { type: input.type, status })],
      audit: { action: "case.assistance_recorded", fields: ["assistance"] },
      result: { status },
    };
  });
}

/**
 * Approves or refuses help that waits for approval: coordinators (`assistance:approve`), never the
 * person who recorded it. Audits `case.assistance_decided` with the field `assistance`.
 */
export async function decideAssistance(actor: Actor, input: DecideAssistanceInput): Promise<void> {
  await mutateCase(actor, input, "assistance:approve", async (tx, current) => {
    assertOpen(current);
    const record = await tx.assistance.findFirst({
      where: { id: input.assistanceId, caseId: current.id },
      select: { id: true, type: true, status: true, recordedById: true },
    });
    if (!record) throw new NotFoundError("assistance");
    const refusal = decisionRefusal(record, actor.userId);
    if (refusal) throw new ConflictError(refusal);
    const to = decidedStatus(input.decision);
    // Guarded on the status read: the case row's lock already serialises writers of this case.
    await tx.assistance.updateMany({
      where: { id: record.id, status: "AWAITING_APPROVAL" },
      data: { status: to, decidedById: actor.userId },
    });
    return {
      events: [caseEvent("ASSISTANCE_DECIDED", { type: record.type, to })],
      audit: { action: "case.assistance_decided", fields: ["assistance"] },
      result: undefined,
    };
  });
}

/**
 * The help given to one case, newest month first, for the case page. Scoped like every case read;
 * called after getCaseDetail, whose `case.read` entry covers this read of the same case.
 */
export async function listCaseAssistance(actor: Actor, code: string): Promise<AssistanceDTO[]> {
  // One statement: the case's key and its help, joined (relationJoins), under the case scope.
  const kase = await db().case.findFirst({
    where: { code, ...caseScope(actor) },
    select: {
      id: true,
      dataKeyWrapped: true,
      assistance: {
        orderBy: [{ month: "desc" }, { id: "asc" }],
        select: {
          id: true,
          type: true,
          amountMinor: true,
          currency: true,
          month: true,
          status: true,
          noteEnc: true,
          recordedById: true,
          budgetLine: { select: { label: true } },
          recordedBy: { select: { email: true } },
        },
      },
    },
  });
  if (!kase) throw new NotFoundError("case");
  const key = new CaseKey(kase);
  const mayDecide = can(actor.role, "assistance:approve");
  return kase.assistance.map((r) => ({
    id: r.id,
    type: r.type,
    amountMinor: r.amountMinor,
    currency: r.currency,
    month: r.month.toISOString().slice(0, 7),
    budgetLine: r.budgetLine.label,
    status: r.status,
    note: key.open(caseFieldContext.assistanceNote(r.id), r.noteEnc),
    recordedBy: r.recordedBy.email,
    canDecide: mayDecide && r.status === "AWAITING_APPROVAL" && r.recordedById !== actor.userId,
  }));
}
