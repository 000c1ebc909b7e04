import { describe, expect, test } from "vitest";
import { budgetColumn, decidedStatus, decisionRefusal, initialStatus, needsApproval } from "./approval";
import { minorToDecimal, parseAmount, totalsByCurrency } from "./money";
import { MonthRangeSchema, monthAfter, monthsBetween } from "./schemas";

const line = { currency: "EUR", approvalThresholdMinor: 20_000, active: true };

describe("approval of help", () => {
  test("up to the threshold is approved at once; above it, or in another currency, waits", () => {
    expect(initialStatus(line, { amountMinor: 20_000, currency: "EUR" })).toBe("APPROVED");
    expect(initialStatus(line, { amountMinor: 20_001, currency: "EUR" })).toBe("AWAITING_APPROVAL");
    expect(needsApproval(line, { amountMinor: 1, currency: "USD" })).toBe(true);
    expect(initialStatus({ ...line, approvalThresholdMinor: 0 }, { amountMinor: 1, currency: "EUR" })).toBe("AWAITING_APPROVAL");
  });

  test("a waiting record is decided once, never by the person who recorded it", () => {
    expect(decisionRefusal({ status: "AWAITING_APPROVAL", recordedById: "a" }, "b")).toBeNull();
    expect(decisionRefusal({ status: "AWAITING_APPROVAL", recordedById: "a" }, "a")).toBe("own_assistance");
    expect(decisionRefusal({ status: "APPROVED", recordedById: "a" }, "b")).toBe("assistance_not_awaiting");
    expect(decisionRefusal({ status: "REFUSED", recordedById: "a" }, "b")).toBe("assistance_not_awaiting");
    expect(decidedStatus("APPROVE")).toBe("APPROVED");
    expect(decidedStatus("REFUSE")).toBe("REFUSED");
  });

  test("approved is spent, waiting is committed, refused counts nowhere", () => {
    expect(budgetColumn("APPROVED")).toBe("spent");
    expect(budgetColumn("AWAITING_APPROVAL")).toBe("committed");
    expect(budgetColumn("REFUSED")).toBeNull();
  });
});

describe("money", () => {
  test("amounts are read as whole minor units, never through floating point", () => {
    expect(parseAmount("450")).toBe(45_000);
    expect(parseAmount("450.5")).toBe(45_050);
    expect(parseAmount("450,05")).toBe(45_005);
    expect(parseAmount("0.10")).toBe(10);
    for (const bad of ["", "-1", "1.234", "1e3", "abc", "100000000"]) expect(parseAmount(bad)).toBeNull();
    expect(minorToDecimal(45_005)).toBe("450.05");
  });

  test("totals are per currency, in the list's order, never converted", () => {
    expect(
      totalsByCurrency([
        { currency: "KZT", amountMinor: 5 },
        { currency: "EUR", amountMinor: 100 },
        { currency: "EUR", amountMinor: 50 },
      ]),
    ).toEqual([
      { currency: "EUR", amountMinor: 150 },
      { currency: "KZT", amountMinor: 5 },
    ]);
  });

  test("a period is whole months, from before to", () => {
    expect(monthsBetween("2025-11", "2026-02")).toBe(4);
    expect(monthAfter("2025-12").toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(MonthRangeSchema.safeParse({ from: "2026-02", to: "2025-11" }).success).toBe(false);
    expect(MonthRangeSchema.safeParse({ from: "2025-11", to: "2026-02" }).success).toBe(true);
  });
});
