import "server-only";
import { assertCan, todayOf, type Actor } from "@/lib/access/actor";
import { recordListRead } from "@/lib/cases/read-audit";
import { CaseKey, readAndOpen } from "@/lib/cases/sealed";
import { caseScope, caseScopeSql } from "@/lib/cases/scope";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db, type Prisma } from "@/lib/db/client";

/**
 * Tasks across cases: "my tasks" for everyone who works cases, the team board for coordinators.
 * Only open tasks of open cases in the reader's scope; showing a task's text is a read of its case,
 * so each list is audited and watched like a case list.
 */

const DAY = 86_400_000;
/** A list longer than this is cut (the board's filter narrows it); the page says how many there are. */
export const TASK_LIST_LIMIT = 200;

export interface TaskDTO {
  id: string;
  code: string;
  /** The case's version, for the forms that change the task (done, edit). */
  caseVersion: number;
  text: string;
  dueOn: Date | null;
  overdue: boolean;
  repeatDays: number | null;
  owner: { id: string; email: string; active: boolean } | null;
}

export interface OwnerLoadDTO {
  owner: { id: string; email: string; role: "CASEWORKER" | "COORDINATOR" | "ADMIN"; active: boolean } | null;
  overdue: number;
  dueThisWeek: number;
  later: number;
}

const taskSelect = {
  id: true,
  textEnc: true,
  dueOn: true,
  repeatDays: true,
  owner: { select: { id: true, email: true, status: true } },
  case: { select: { id: true, code: true, version: true, dataKeyWrapped: true } },
} satisfies Prisma.NextStepSelect;

type TaskRow = Prisma.NextStepGetPayload<{ select: typeof taskSelect }>;

/** Overdue first, then by due day; undated last. */
const order: Prisma.NextStepOrderByWithRelationInput[] = [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }];

/** The reader's own open tasks, overdue first. */
export async function listMyTasks(actor: Actor, now = new Date()): Promise<{ tasks: TaskDTO[]; total: number }> {
  assertCan(actor, "task:list");
  return readTasks(actor, { ownerId: actor.userId }, { mine: true }, now);
}

/** The team board: open tasks by owner (counts), and the overdue and this week's tasks to act on. */
export async function getTaskBoard(
  actor: Actor,
  filter: { ownerId?: string },
  now = new Date(),
): Promise<{ owners: OwnerLoadDTO[]; tasks: TaskDTO[]; total: number }> {
  assertCan(actor, "task:board");
  const today = todayOf(actor, now);
  const weekEnd = new Date(today.getTime() + 7 * DAY);
  const loads = await db().$queryRaw<Array<{ owner_id: string | null; overdue: number; due_week: number; later: number }>>`
    SELECT s.owner_id,
           count(*) FILTER (WHERE s.due_on < ${today}::date)::int AS overdue,
           count(*) FILTER (WHERE s.due_on >= ${today}::date AND s.due_on < ${weekEnd}::date)::int AS due_week,
           count(*) FILTER (WHERE s.due_on IS NULL OR s.due_on >= ${weekEnd}::date)::int AS later
      FROM next_steps s JOIN cases c ON c.id = s.case_id
     WHERE s.done_at IS NULL AND c.status <> 'CLOSED' AND ${caseScopeSql(actor)}
     GROUP BY s.owner_id`;
  const people = await db().user.findMany({
    where: { id: { in: loads.flatMap((l) => (l.owner_id ? [l.owner_id] : [])) } },
    select: { id: true, email: true, role: true, status: true },
  });
  const byId = new Map(people.map((p) => [p.id, { id: p.id, email: p.email, role: p.role, active: p.status === "ACTIVE" }]));
  const owners = loads
    .map((l) => ({
      owner: l.owner_id ? (byId.get(l.owner_id) ?? null) : null,
      overdue: l.overdue,
      dueThisWeek: l.due_week,
      later: l.later,
    }))
    .sort((a, b) => b.overdue - a.overdue || b.dueThisWeek - a.dueThisWeek || (a.owner?.email ?? "").localeCompare(b.owner?.email ?? ""));
  const tasks = await readTasks(
    actor,
    { dueOn: { lt: weekEnd }, ...(filter.ownerId ? { ownerId: filter.ownerId } : {}) },
    { board: true, owner: filter.ownerId },
    now,
  );
  return { owners, ...tasks };
}

async function readTasks(
  actor: Actor,
  where: Prisma.NextStepWhereInput,
  auditFilters: Record<string, unknown>,
  now: Date,
): Promise<{ tasks: TaskDTO[]; total: number }> {
  const today = todayOf(actor, now);
  const scoped: Prisma.NextStepWhereInput = { ...where, doneAt: null, case: { ...caseScope(actor), status: { not: "CLOSED" } } };
  const read = () =>
    Promise.all([
      db().nextStep.findMany({ where: scoped, orderBy: order, take: TASK_LIST_LIMIT, select: taskSelect }),
      db().nextStep.count({ where: scoped }),
    ]);
  const { rows, opened } = await readAndOpen(read, ([found]) => {
    // One key per case, however many of its tasks are listed.
    const keys = new Map(found.map((row) => [row.case.id, new CaseKey(row.case)]));
    return found.map((row) => taskOf(row, keys.get(row.case.id)!, today));
  });
  const caseIds = rows[0].map((r) => r.case.id);
  await recordListRead(actor, { filters: auditFilters, count: rows[1], caseIds }, now);
  return { tasks: opened, total: rows[1] };
}

function taskOf(row: TaskRow, key: CaseKey, today: Date): TaskDTO {
  return {
    id: row.id,
    code: row.case.code,
    caseVersion: row.case.version,
    text: key.open(caseFieldContext.nextStepText(row.id), row.textEnc),
    dueOn: row.dueOn,
    overdue: row.dueOn !== null && row.dueOn < today,
    repeatDays: row.repeatDays,
    owner: row.owner ? { id: row.owner.id, email: row.owner.email, active: row.owner.status === "ACTIVE" } : null,
  };
}
