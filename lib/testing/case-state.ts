import "server-only";
import { db } from "@/lib/db/client";

/**
 * Everything stored about one case (its row and every part), read directly, for tests that check
 * that a refused change changed nothing. Ordered deterministically so two reads compare equal.
 */
export async function caseState(caseId: string) {
  const where = { caseId };
  const [row, movements, documents, applications, nextSteps, notes, events, statusChanges] = await Promise.all([
    db().case.findUniqueOrThrow({ where: { id: caseId } }),
    db().movement.findMany({ where, orderBy: { id: "asc" } }),
    db().caseDocument.findMany({ where, orderBy: { type: "asc" } }),
    db().application.findMany({ where, orderBy: { id: "asc" } }),
    db().nextStep.findMany({ where, orderBy: { id: "asc" } }),
    db().note.findMany({ where, orderBy: { id: "asc" } }),
    db().caseEvent.findMany({ where, orderBy: { id: "asc" } }),
    db().caseStatusChange.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  return { row, movements, documents, applications, nextSteps, notes, events, statusChanges };
}

/** Audit entries about one case, oldest first. */
export async function caseAudit(caseId: string) {
  return db().auditLog.findMany({ where: { targetType: "case", targetId: caseId }, orderBy: { id: "asc" } });
}
