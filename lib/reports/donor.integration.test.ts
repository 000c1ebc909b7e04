import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { actorFor, createAssistance, createBudgetLine, createCase, createUser } from "@/lib/testing/factories";
import { BELOW_BASE, publishCount } from "./disclosure";
import { buildDonorReport, donorCsv } from "./donor";
import { parseCsv, section } from "./read-report";

describe("donor report", () => {
  test("counts people with approved help once per row, through the disclosure control; small cells are <5", async () => {
    const year = 1950 + Math.floor(Math.random() * 45);
    const worker = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const line = await createBudgetLine();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, status: i < 6 ? "IN_THIRD_COUNTRY" : "RELOCATED" });
      ids.push(kase.id);
      // Two tickets for the first person: still one person.
      for (let n = 0; n < (i === 0 ? 2 : 1); n += 1)
        await createAssistance({
          caseId: kase.id,
          budgetLineId: line.id,
          recordedById: worker.id,
          month: `${year}-05`,
          amountMinor: 12_345,
        });
      await db().movement.create({ data: { caseId: kase.id, country: "RU", createdById: worker.id, leftWeek: new Date(`${year}-05-01`) } });
    }
    await db().application.create({ data: { caseId: ids[6]!, type: "HUMANITARIAN_VISA", destinationCountry: "FR", status: "APPROVED" } });
    await createAssistance({ caseId: ids[1]!, budgetLineId: line.id, recordedById: worker.id, month: `${year}-05`, type: "MEDICAL" });
    // Not counted: refused, awaiting, or outside the period.
    const other = await createCase({ createdById: worker.id, assignedToId: worker.id });
    await createAssistance({ caseId: other.id, budgetLineId: line.id, recordedById: worker.id, month: `${year}-05`, status: "REFUSED" });
    await createAssistance({
      caseId: other.id,
      budgetLineId: line.id,
      recordedById: worker.id,
      month: `${year}-05`,
      status: "AWAITING_APPROVAL",
    });
    await createAssistance({ caseId: other.id, budgetLineId: line.id, recordedById: worker.id, month: `${year}-08` });

    const keys = await db().case.findMany({ where: { id: { in: ids } }, select: { id: true, recordKey: true } });
    const sum = (which: string[]) => keys.filter((k) => which.includes(k.id)).reduce((a, k) => a + BigInt(k.recordKey), 0n);
    const report = await buildDonorReport(coordinator, { from: `${year}-04`, to: `${year}-06` });
    const rows = parseCsv(donorCsv(report).csv);
    expect(section(rows, "People helped")).toEqual([
      ["", "People"],
      ["All", publishCount({ count: 7, keySum: sum(ids) })],
    ]);
    expect(section(rows, "People helped, by stage reached")).toEqual([
      ["Stage", "People"],
      ["IN_THIRD_COUNTRY", publishCount({ count: 6, keySum: sum(ids.slice(0, 6)) })],
      ["RELOCATED", BELOW_BASE],
    ]);
    expect(section(rows, "Countries left by the people helped")).toEqual([
      ["Country", "People"],
      ["RU", publishCount({ count: 7, keySum: sum(ids) })],
    ]);
    expect(section(rows, "Visas obtained by the people helped, by destination")).toEqual([
      ["Destination", "People"],
      ["FR", BELOW_BASE],
    ]);
    // Eight tickets of 123.45 = 987.60: shown (as 1000.00) only if the 7 people are published as 10.
    const tickets = publishCount({ count: 7, keySum: sum(ids) });
    expect(section(rows, "Help given, by kind")).toEqual([
      ["Kind", "People", "Amount"],
      ["MEDICAL", BELOW_BASE, ""],
      ["TICKET", tickets, tickets === "10" ? "EUR 1000.00" : ""],
    ]);
    // Every count is 0, <5 or a multiple of 5: no exact small number leaves.
    for (const r of rows.slice(4)) if (r.length >= 2 && r[1] && r[1] !== "People") expect(r[1]).toMatch(/^(0|<5|\d*[05])$/);
    const entry = await db().auditLog.findFirst({ where: { actorId: coordinator.userId }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ action: "report.donor_exported", meta: { from: `${year}-04`, to: `${year}-06` } });
  });

  test("amounts appear, rounded to 100 per currency, only beside 10 or more people", async () => {
    const year = 1950 + Math.floor(Math.random() * 45);
    const worker = await createUser({ role: "CASEWORKER" });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const line = await createBudgetLine();
    for (let i = 0; i < 12; i += 1) {
      const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
      await createAssistance({
        caseId: kase.id,
        budgetLineId: line.id,
        recordedById: worker.id,
        month: `${year}-02`,
        type: "FOOD",
        amountMinor: 4_321,
      });
    }
    const rows = parseCsv(donorCsv(await buildDonorReport(coordinator, { from: `${year}-02`, to: `${year}-02` })).csv);
    const [food] = section(rows, "Help given, by kind").slice(1);
    expect(food![1]).toMatch(/^(10|15)$/);
    expect(food![2]).toBe("EUR 500.00"); // 12 × 43.21 = 518.52, rounded to a hundred
  });

  test("only coordinators may take the report out", async () => {
    for (const role of ["CASEWORKER", "ADMIN"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(buildDonorReport(actor, { from: "2025-01", to: "2025-02" })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
