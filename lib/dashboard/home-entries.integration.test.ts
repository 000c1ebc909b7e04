import { describe, expect, test } from "vitest";
import { listCases } from "@/lib/cases/queries";
import { addApplication } from "@/lib/cases/records";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { db } from "@/lib/db/client";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { getCaseworkerHome } from "./home";
import { getDashboard } from "./queries";
import { DashboardFilterSchema } from "./schemas";

const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);
const inDays = (n: number) => new Date(today().getTime() + n * DAY);

/** A caseworker with one APPLYING case per entry deadline (days from today), each a granted humanitarian visa. */
async function world(...deadlines: number[]) {
  const worker = await createUser({ role: "CASEWORKER" });
  const actor = await actorFor(worker);
  const cases = [];
  for (const d of deadlines) {
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "APPLYING" });
    await addApplication(actor, {
      code: kase.code,
      version: 1,
      type: "HUMANITARIAN_VISA",
      destinationCountry: "FR",
      status: "APPROVED",
      submittedOn: inDays(-60),
      decisionOn: inDays(-20),
      validFrom: inDays(-19),
      validUntil: inDays(90),
      entryBy: inDays(d),
    });
    cases.push(kase);
  }
  return { worker, actor, cases };
}

describe("visa entry deadlines on the caseworker's home (ADR 021)", () => {
  test("lists their own deadlines within 14 days by the exact day, soonest first, and audits them as read", async () => {
    const w = await world(12, 40, 3, -2);
    const other = await world(5);
    const home = await getCaseworkerHome(w.actor);
    expect(home.entries.map((e) => [e.code, e.daysLeft, e.destination])).toEqual([
      [w.cases[2]!.code, 3, "FR"],
      [w.cases[0]!.code, 12, "FR"],
    ]);
    expect(home.entries[0]!.entryBy).toEqual(inDays(3));
    expect(home.entries.map((e) => e.code)).not.toContain(other.cases[0]!.code);
    const read = await db().auditLog.findFirstOrThrow({
      where: { action: "case.list_read", actorId: w.worker.id },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    const linked = await db().caseAuditLink.findMany({ where: { auditId: read.id }, select: { caseId: true } });
    expect(linked.map((l) => l.caseId)).toEqual(expect.arrayContaining([w.cases[0]!.id, w.cases[2]!.id]));
  });

  test("a relocated or closed case is left out", async () => {
    const w = await world(4, 6);
    await db().case.update({ where: { id: w.cases[0]!.id }, data: { status: "RELOCATED" } });
    await db().case.update({ where: { id: w.cases[1]!.id }, data: { status: "CLOSED" } });
    expect((await getCaseworkerHome(w.actor)).entries).toEqual([]);
  });

  test("the list's entry view and the dashboard's count linked to it, inside the filter", async () => {
    // Week grain: 3 and 12 days ahead count; 40 days ahead and a week already past do not.
    const w = await world(12, 40, 3, -9);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const mine = { assignee: w.worker.id };
    const view = await listCases(coordinator, CaseListFilterSchema.parse({ ...mine, view: "entry" }));
    expect(view.items.map((i) => i.code).sort()).toEqual([w.cases[0]!.code, w.cases[2]!.code].sort());
    const dashboard = await getDashboard(coordinator, DashboardFilterSchema.parse(mine));
    expect(dashboard.entriesSoon).toMatchObject({ count: 2, filter: { assignee: w.worker.id, view: "entry" } });
    await db().case.update({ where: { id: w.cases[0]!.id }, data: { status: "RELOCATED" } });
    expect((await getDashboard(coordinator, DashboardFilterSchema.parse(mine))).entriesSoon.count).toBe(1);
  });
});
