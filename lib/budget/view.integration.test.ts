import { describe, expect, test } from "vitest";
import { ForbiddenError } from "@/lib/errors";
import { actorFor, createAssistance, createBudgetLine, createCase, createUser } from "@/lib/testing/factories";
import { getBudgetView } from "./view";

describe("budget view", () => {
  test("spent and committed per line and month, country and stage, per currency; refused and other months count nowhere", async () => {
    // A year no other test writes to: aggregates here see only this world.
    const year = 1950 + Math.floor(Math.random() * 45);
    const worker = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const tickets = await createBudgetLine({ label: `Tickets ${year} ${Math.random()}` });
    const base = { caseId: kase.id, budgetLineId: tickets.id, recordedById: worker.id };
    await createAssistance({ ...base, month: `${year}-03`, amountMinor: 10_000, country: "KZ", stage: "IN_THIRD_COUNTRY" });
    await createAssistance({ ...base, month: `${year}-03`, amountMinor: 5_000, country: "KZ", stage: "IN_THIRD_COUNTRY" });
    await createAssistance({
      ...base,
      month: `${year}-03`,
      amountMinor: 40_000,
      status: "AWAITING_APPROVAL",
      country: "AM",
      stage: "APPLYING",
    });
    await createAssistance({ ...base, month: `${year}-04`, amountMinor: 700_000, currency: "KZT", country: "KZ", stage: "APPLYING" });
    await createAssistance({ ...base, month: `${year}-04`, amountMinor: 99_000, status: "REFUSED", country: "GE", stage: "APPLYING" });
    await createAssistance({ ...base, month: `${year}-09`, amountMinor: 1, country: "GE", stage: "APPLYING" });

    const view = await getBudgetView(coordinator, { from: `${year}-03`, to: `${year}-04` });
    expect(view.byLineAndMonth).toEqual([
      { labels: [tickets.label, `${year}-03`], currency: "EUR", spentMinor: 15_000, committedMinor: 40_000 },
      { labels: [tickets.label, `${year}-04`], currency: "KZT", spentMinor: 700_000, committedMinor: 0 },
    ]);
    expect(view.byCountry).toEqual([
      { labels: ["AM"], currency: "EUR", spentMinor: 0, committedMinor: 40_000 },
      { labels: ["KZ"], currency: "EUR", spentMinor: 15_000, committedMinor: 0 },
      { labels: ["KZ"], currency: "KZT", spentMinor: 700_000, committedMinor: 0 },
    ]);
    expect(view.byStage).toEqual([
      { labels: ["APPLYING"], currency: "EUR", spentMinor: 0, committedMinor: 40_000 },
      { labels: ["APPLYING"], currency: "KZT", spentMinor: 700_000, committedMinor: 0 },
      { labels: ["IN_THIRD_COUNTRY"], currency: "EUR", spentMinor: 15_000, committedMinor: 0 },
    ]);
    expect(view.awaiting).toContainEqual({
      caseCode: kase.code,
      type: "TICKET",
      amountMinor: 40_000,
      currency: "EUR",
      month: `${year}-03`,
    });
  });

  test("caseworkers and admins may not see the budget", async () => {
    for (const role of ["CASEWORKER", "ADMIN"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(getBudgetView(actor, { from: "2025-01", to: "2025-02" })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
