import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { actorFor, createCase, createUser, type CreatedUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { reassignAllOpenCases } from "@/lib/cases/reassignment";
import { forgetDashboardFigures, getDashboardFigures, getReportFigures } from "./cache";
import { DashboardFilterSchema } from "./schemas";

/**
 * The dashboard's short-lived figure cache: shared between coordinators and concurrent requests,
 * recomputed after its period, separate per filter, never consulted before the permission check,
 * and switched off with DASHBOARD_CACHE_SECONDS=0.
 */
const T0 = new Date("2026-03-02T12:00:00.000Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const filter = (params: Record<string, string> = {}) => DashboardFilterSchema.parse({ from: "2026-01-01", to: "2026-03-02", ...params });

let coordinator: CreatedUser;
let caseworker: CreatedUser;

beforeAll(async () => {
  await switchToFreshDatabase();
  coordinator = await createUser({ role: "COORDINATOR" });
  caseworker = await createUser({ role: "CASEWORKER" });
  await createCase({ createdById: coordinator.id, assignedToId: caseworker.id, currentCountry: "KZ", createdAt: later(-3600) });
});

afterEach(() => {
  delete process.env.DASHBOARD_CACHE_SECONDS;
  resetEnvCache();
  forgetDashboardFigures();
});

async function coordinators() {
  const first = await actorFor(coordinator);
  const second = await actorFor(await createUser({ role: "COORDINATOR" }));
  return { first, second };
}

describe("dashboard figure cache", () => {
  test("concurrent requests and a second coordinator share one computation until it expires", async () => {
    const { first, second } = await coordinators();
    const [a, b] = await Promise.all([getDashboardFigures(first, filter(), T0), getDashboardFigures(second, filter(), later(1))]);
    expect(b).toBe(a);
    expect(a.asOf).toEqual(T0);
    expect(a.data.openTotal).toBe(1);

    await createCase({ createdById: coordinator.id, currentCountry: "KZ", createdAt: later(-60) });
    const held = await getDashboardFigures(second, filter(), later(29));
    expect(held).toBe(a);
    expect(held.data.openTotal).toBe(1);

    const fresh = await getDashboardFigures(second, filter(), later(30));
    expect(fresh).not.toBe(a);
    expect(fresh.asOf).toEqual(later(30));
    expect(fresh.data.openTotal).toBe(2);
  });

  test("each filter has its own figures", async () => {
    const { first } = await coordinators();
    const all = await getDashboardFigures(first, filter(), T0);
    const kz = await getDashboardFigures(first, filter({ country: "KZ" }), T0);
    const mn = await getDashboardFigures(first, filter({ country: "MN" }), T0);
    expect(kz).not.toBe(all);
    expect(mn.data.openTotal).toBe(0);
    expect(kz.data.openTotal).toBe(all.data.openTotal);
    const stale = await getDashboardFigures(first, filter({ staleDays: "30" }), T0);
    expect(stale).not.toBe(all);
    expect(stale.data.filter.staleDays).toBe(30);
  });

  test("a caseworker is refused even while a coordinator's figures are held", async () => {
    const { first } = await coordinators();
    await getDashboardFigures(first, filter(), T0);
    await expect(getDashboardFigures(await actorFor(caseworker), filter(), later(1))).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("DASHBOARD_CACHE_SECONDS=0 computes every time", async () => {
    process.env.DASHBOARD_CACHE_SECONDS = "0";
    resetEnvCache();
    const { first } = await coordinators();
    const a = await getDashboardFigures(first, filter(), T0);
    const b = await getDashboardFigures(first, filter(), T0);
    expect(b).not.toBe(a);
    expect(b.data).toEqual(a.data);
  });

  test("moving a caseworker's cases drops the held figures, so the caseload shows the move at once", async () => {
    const { first } = await coordinators();
    const taking = await createUser({ role: "CASEWORKER" });
    const before = await getDashboardFigures(first, filter(), T0);
    expect(before.data.caseload.find((r) => r.assigneeId === caseworker.id)?.count).toBe(1);
    await reassignAllOpenCases(first, { fromId: caseworker.id, assigneeId: taking.id });
    const after = await getDashboardFigures(first, filter(), later(1));
    expect(after).not.toBe(before);
    expect(after.data.caseload.find((r) => r.assigneeId === caseworker.id)).toBeUndefined();
    expect(after.data.caseload.find((r) => r.assigneeId === taking.id)?.count).toBe(1);
  });

  test("the export's figures join an export in flight, are never reused once done, and never serve the page", async () => {
    const { first, second } = await coordinators();
    const [a, b] = await Promise.all([getReportFigures(first, filter(), T0), getReportFigures(second, filter(), later(1))]);
    expect(b).toBe(a);
    expect(a.keys.byCountry.get("KZ")).toBeTypeOf("bigint");
    const c = await getReportFigures(first, filter(), later(2));
    expect(c).not.toBe(a);
    expect(c.asOf).toEqual(later(2));
    // The page computes its own, without the record-key sums of the report's disclosure control.
    const page = await getDashboardFigures(second, filter(), later(3));
    expect(page).not.toBe(c);
    expect(Object.keys(page).sort()).toEqual(["asOf", "data"]);
    expect(JSON.stringify(page.data)).not.toContain(String(c.keys.byCountry.get("KZ")));
  });

  test("with the cache off, each export computes its own figures", async () => {
    process.env.DASHBOARD_CACHE_SECONDS = "0";
    resetEnvCache();
    const { first } = await coordinators();
    const [a, b] = await Promise.all([getReportFigures(first, filter(), T0), getReportFigures(first, filter(), T0)]);
    expect(b).not.toBe(a);
    expect(b.data).toEqual(a.data);
  });
});
