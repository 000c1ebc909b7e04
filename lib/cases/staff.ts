import "server-only";
import { assertCan, type Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/policy";
import { db } from "@/lib/db/client";
import type { CaseDetailDTO, StaffOptionDTO } from "./dto";

/** The staff the case pages offer and name, to those who may see them. */

/**
 * Every caseworker and coordinator, with e-mail, role and status: for those who assign cases
 * (coordinators: assignment, bulk reassignment, the case list's and dashboard's filters). Nobody
 * else gets the staff list; a case page asks listCaseStaff.
 */
export async function listStaffOptions(actor: Actor): Promise<StaffOptionDTO[]> {
  assertCan(actor, "case:assign");
  const rows = await db().user.findMany({
    where: { role: { in: ["CASEWORKER", "COORDINATOR"] } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, role: true, status: true },
  });
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role as "CASEWORKER" | "COORDINATOR", active: r.status === "ACTIVE" }));
}

export interface CaseStaffDTO {
  /** Whom the case may be assigned to: empty unless the viewer may assign cases. */
  caseworkers: Array<{ id: string; email: string }>;
  /** Whom a next step may be given to: someone who may work the case (lib/cases/assignees.ts). */
  owners: Array<{ id: string; email: string }>;
  /** E-mails by user id, for the timeline's "assigned to …" (anyone else shows as "someone"). */
  people: Record<string, string>;
}

/**
 * The staff a case page offers and names, for a case the actor has just been allowed to read
 * (`detail`, from getCaseDetail). Whoever may assign cases (coordinators) gets every active
 * caseworker to assign to, the case's caseworker and every active coordinator as a next step's
 * owner, and everyone's e-mail for the timeline. Anyone else (a caseworker, who reads only their own cases)
 * gets themselves and the case's assignee: never the staff list, nor colleagues' e-mails and roles.
 * Reads no row for a caseworker.
 */
export async function listCaseStaff(actor: Actor, detail: Pick<CaseDetailDTO, "assignee">): Promise<CaseStaffDTO> {
  assertCan(actor, "case:read");
  if (can(actor.role, "case:assign")) {
    const staff = await listStaffOptions(actor);
    const active = staff.filter((s) => s.active);
    return {
      caseworkers: active.filter((s) => s.role === "CASEWORKER").map(({ id, email }) => ({ id, email })),
      owners: active.filter((s) => s.role === "COORDINATOR" || s.id === detail.assignee?.id).map(({ id, email }) => ({ id, email })),
      people: Object.fromEntries(staff.map((s) => [s.id, s.email])),
    };
  }
  const own = [{ id: actor.userId, email: actor.email }];
  if (detail.assignee && detail.assignee.id !== actor.userId) own.push({ id: detail.assignee.id, email: detail.assignee.email });
  return { caseworkers: [], owners: own, people: Object.fromEntries(own.map((p) => [p.id, p.email])) };
}
