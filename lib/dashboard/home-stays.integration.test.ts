import { describe, expect, test } from "vitest";
import { recordMove } from "@/lib/cases/movements";
import { listCases } from "@/lib/cases/queries";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { setStayRule } from "@/lib/countries/stay-rules";
import { db } from "@/lib/db/client";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { getCaseworkerHome } from "./home";
import { getDashboard } from "./queries";
import { DashboardFilterSchema } from "./schemas";

const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (n: number) => new Date(today().getTime() - n * DAY);

/** A caseworker with cases that arrived in KZ (90 days in any 180) this many days ago. */
async function world(...arrivals: number[]) {
  const admin = await actorFor(await createUser({ role: "ADMIN" }));
  await setStayRule(admin, {
    countryCode: "KZ",
    rule: { stayDays: 90, windowDays: 180, registrationDays: null, passportFreeEntry: false },
    checkedOn: null,
    sourceNote: null,
  });
  const worker = await createUser({ role: "CASEWORKER" });
  const actor = await actorFor(worker);
  const cases = [];
  for (const ago of arrivals) {
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "RU", status: "IN_THIRD_COUNTRY" });
    await recordMove(actor, { code: kase.code, version: 1, country: "KZ", arrivedOn: daysAgo(ago) });
    cases.push(kase);
  }
  return { worker, actor, cases };
}

describe("stays that run out soon", () => {
  test("the caseworker's home lists their own stays ending within 14 days by the exact day, overstays first, and audits them as read", async () => {
    // Ends in 9 days; in 79 days; ran out 6 days ago.
    const w = await world(80, 10, 95);
    const other = await world(85);
    const home = await getCaseworkerHome(w.actor);
    expect(home.stays.map((s) => [s.code, s.daysLeft])).toEqual([
      [w.cases[2]!.code, -6],
      [w.cases[0]!.code, 9],
    ]);
    expect(home.stays[1]!.endsOn).toEqual(new Date(today().getTime() + 9 * DAY));
    expect(home.stays.map((s) => s.code)).not.toContain(other.cases[0]!.code);
    expect(home.staysEnding).toMatchObject({ count: 2, filter: { view: "stay" } });
    const read = await db().auditLog.findFirstOrThrow({
      where: { action: "case.list_read", actorId: w.worker.id },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    const linked = await db().caseAuditLink.findMany({ where: { auditId: read.id }, select: { caseId: true } });
    expect(linked.map((l) => l.caseId)).toEqual(expect.arrayContaining([w.cases[0]!.id, w.cases[2]!.id]));
  });

  test("the list's stay view and sort, and the dashboard's count linked to them, inside the filter", async () => {
    const w = await world(80, 10, 95, 30);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const mine = { assignee: w.worker.id };
    const view = await listCases(coordinator, CaseListFilterSchema.parse({ ...mine, view: "stay" }));
    expect(view.items.map((i) => i.code).sort()).toEqual([w.cases[0]!.code, w.cases[2]!.code].sort());
    const sorted = await listCases(coordinator, CaseListFilterSchema.parse({ ...mine, sort: "stay" }));
    expect(sorted.items.map((i) => i.code)).toEqual([2, 0, 3, 1].map((i) => w.cases[i]!.code));
    expect(sorted.items[0]!.stayEndsWeek).toEqual((await db().case.findUniqueOrThrow({ where: { id: w.cases[2]!.id } })).stayEndsWeek);
    const dashboard = await getDashboard(coordinator, DashboardFilterSchema.parse(mine));
    expect(dashboard.staysEnding).toMatchObject({ count: 2, filter: { assignee: w.worker.id, view: "stay", sort: "stay" } });
    // Closed cases do not count.
    await db().case.update({ where: { id: w.cases[0]!.id }, data: { status: "CLOSED" } });
    expect((await getDashboard(coordinator, DashboardFilterSchema.parse(mine))).staysEnding.count).toBe(1);
  });
});
