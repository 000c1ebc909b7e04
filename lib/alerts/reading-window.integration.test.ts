import { describe, expect, test } from "vitest";
import { getCaseDetail, listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { db } from "@/lib/db/client";
import type { ReadingAlertKind } from "@/lib/db/generated/enums";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { forgetStaleReadingWindow, READING_WINDOW_MS, watchReading } from "./reading-monitor";

// The reading monitor counts from each account's window (reading_window_cases), not by scanning
// every audit link of the hour. These tests hold the window to what the audit trail says.

async function caseworkerWithCases(count: number) {
  const user = await createUser({ role: "CASEWORKER" });
  const cases = [];
  for (let i = 0; i < count; i++) cases.push(await createCase({ createdById: user.id, assignedToId: user.id }));
  return { user, actor: await actorFor(user), cases };
}

function windowOf(userId: string, kind: ReadingAlertKind) {
  return db().readingWindowCase.findMany({ where: { userId, kind }, orderBy: { lastReadAt: "asc" } });
}

function watch(userId: string, kind: ReadingAlertKind, caseIds: string[], now = new Date()) {
  return db().$transaction((tx) => watchReading(tx, userId, { kind, caseIds }, now));
}

/** The distinct cases of the account's reads of this kind in the hour, from the audit trail. */
async function distinctInAuditTrail(userId: string, action: string): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT l.case_id)::int AS n FROM audit_log a JOIN case_audit_links l ON l.audit_id = a.id
    WHERE a.actor_id = ${userId}::uuid AND a.action = ${action} AND a.at > now() - interval '1 hour'`;
  return row!.n;
}

describe("reading monitor: the window", () => {
  test("one row per case however often it is read; the count is of distinct cases", async () => {
    const { user, actor, cases } = await caseworkerWithCases(3);
    for (let i = 0; i < 4; i++) await getCaseDetail(actor, cases[0]!.code);
    await getCaseDetail(actor, cases[1]!.code);
    expect((await windowOf(user.id, "CASE_READS")).map((r) => r.caseId).sort()).toEqual([cases[0]!.id, cases[1]!.id].sort());
    expect(await watch(user.id, "CASE_READS", [cases[2]!.id, cases[0]!.id])).toMatchObject({ distinctCases: 3 });
    expect(await distinctInAuditTrail(user.id, "case.read")).toBe(3);
  });

  test("list pages: the count agrees with the audit trail's links, page after page", async () => {
    const { user, cases } = await caseworkerWithCases(4);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    await listCases(coordinator, CaseListFilterSchema.parse({ assignee: user.id }));
    await listCases(coordinator, CaseListFilterSchema.parse({ assignee: user.id, country: "RU" }));
    await listCases(coordinator, CaseListFilterSchema.parse({ assignee: user.id }));
    const inTrail = await distinctInAuditTrail(coordinator.userId, "case.list_read");
    expect(inTrail).toBe(4);
    expect(await watch(coordinator.userId, "LIST_READS", [])).toMatchObject({ distinctCases: inTrail });
    expect(await windowOf(coordinator.userId, "LIST_READS")).toHaveLength(cases.length);
  });

  test("an account's rows older than the hour leave at its next read; the read's own cases stay", async () => {
    const { user, actor, cases } = await caseworkerWithCases(3);
    for (const c of cases) await getCaseDetail(actor, c.code);
    const later = new Date(Date.now() + READING_WINDOW_MS + 1000);
    expect(await watch(user.id, "CASE_READS", [cases[0]!.id], later)).toMatchObject({ distinctCases: 1 });
    const rows = await windowOf(user.id, "CASE_READS");
    expect(rows.map((r) => [r.caseId, r.lastReadAt.getTime()])).toEqual([[cases[0]!.id, later.getTime()]]);
  });

  test("retention:purge's clean-up forgets every account's stale rows and keeps the fresh ones", async () => {
    const stale = await caseworkerWithCases(2);
    const fresh = await caseworkerWithCases(1);
    const twoHoursAgo = new Date(Date.now() - 2 * READING_WINDOW_MS);
    await watch(
      stale.user.id,
      "CASE_READS",
      stale.cases.map((c) => c.id),
      twoHoursAgo,
    );
    await watch(fresh.user.id, "CASE_READS", [fresh.cases[0]!.id]);
    expect(await forgetStaleReadingWindow()).toBeGreaterThanOrEqual(2);
    expect(await windowOf(stale.user.id, "CASE_READS")).toEqual([]);
    expect(await windowOf(fresh.user.id, "CASE_READS")).toHaveLength(1);
  });

  test("a destroyed case leaves no row in anyone's window", async () => {
    const { user, actor, cases } = await caseworkerWithCases(2);
    for (const c of cases) await getCaseDetail(actor, c.code);
    await db().case.delete({ where: { id: cases[0]!.id } });
    expect((await windowOf(user.id, "CASE_READS")).map((r) => r.caseId)).toEqual([cases[1]!.id]);
  });
});
