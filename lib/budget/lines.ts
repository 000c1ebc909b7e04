import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, type Actor } from "@/lib/access/actor";
import { db, Prisma } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { CreateBudgetLineInput, UpdateBudgetLineInput } from "./schemas";

/**
 * Budget lines (ADR 022), kept by coordinators (`budget:manage`): a short screened label, a currency,
 * the amount above which help waits for approval, active or not. Organisational, never about a
 * person. Every change is audited by the names of the parts that changed, never their values.
 */

export interface BudgetLineDTO {
  id: string;
  label: string;
  currency: string;
  approvalThresholdMinor: number;
  active: boolean;
}

const lineSelect = { id: true, label: true, currency: true, approvalThresholdMinor: true, active: true } satisfies Prisma.BudgetLineSelect;

/** Every line, by name (coordinators: the budget page). */
export async function listBudgetLines(actor: Actor): Promise<BudgetLineDTO[]> {
  assertCan(actor, "budget:manage");
  return db().budgetLine.findMany({ orderBy: { label: "asc" }, select: lineSelect });
}

/** The active lines a form may offer: anyone who records help on a case. */
export async function listActiveBudgetLines(actor: Actor): Promise<BudgetLineDTO[]> {
  assertCan(actor, "case:update");
  return db().budgetLine.findMany({ where: { active: true }, orderBy: { label: "asc" }, select: lineSelect });
}

function nameTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Creates a line; audits `budget_line.created`. A name in use is a 409. */
export async function createBudgetLine(actor: Actor, input: CreateBudgetLineInput): Promise<string> {
  assertCan(actor, "budget:manage");
  try {
    return await db().$transaction(async (tx) => {
      const line = await tx.budgetLine.create({
        data: {
          label: input.label,
          currency: input.currency,
          approvalThresholdMinor: input.threshold,
          active: input.active,
          updatedById: actor.userId,
        },
        select: { id: true },
      });
      await appendAudit(tx, { actorId: actor.userId, action: "budget_line.created", targetType: "system", targetId: line.id });
      return line.id;
    });
  } catch (error) {
    if (nameTaken(error)) throw new ConflictError("budget_line_name_taken");
    throw error;
  }
}

/**
 * Changes a line; audits `budget_line.updated` naming the parts that changed. A new threshold
 * applies to help recorded from then on: records waiting for approval keep waiting.
 */
export async function updateBudgetLine(actor: Actor, input: UpdateBudgetLineInput): Promise<void> {
  assertCan(actor, "budget:manage");
  try {
    await db().$transaction(async (tx) => {
      const before = await tx.budgetLine.findUnique({ where: { id: input.id }, select: lineSelect });
      if (!before) throw new NotFoundError("budget_line");
      const after = { label: input.label, currency: input.currency, approvalThresholdMinor: input.threshold, active: input.active };
      const fields = (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]);
      if (!fields.length) return;
      await tx.budgetLine.update({ where: { id: input.id }, data: { ...after, updatedById: actor.userId } });
      await appendAudit(tx, {
        actorId: actor.userId,
        action: "budget_line.updated",
        targetType: "system",
        targetId: input.id,
        meta: { fields },
      });
    });
  } catch (error) {
    if (nameTaken(error)) throw new ConflictError("budget_line_name_taken");
    throw error;
  }
}
