import { afterEach, describe, expect, test, vi } from "vitest";
import { DashboardFilterSchema, dashboardFilterSchema, MAX_PERIOD_DAYS } from "./schemas";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("DashboardFilterSchema", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("without dates the period is the 12 weeks ending today (UTC), and stale means 14 days", () => {
    vi.useFakeTimers({ now: new Date("2025-06-18T23:30:00.000Z") });
    expect(DashboardFilterSchema.parse({})).toEqual({ from: day("2025-03-27"), to: day("2025-06-18"), staleDays: 14 });
  });

  test("for a reader whose day is already tomorrow (their time zone, ADR 030) the period ends on their day", () => {
    const parsed = dashboardFilterSchema(() => day("2025-06-19")).parse({});
    expect(parsed).toEqual({ from: day("2025-03-28"), to: day("2025-06-19"), staleDays: 14 });
  });

  test("malformed values fall back to the defaults instead of failing the page", () => {
    vi.useFakeTimers({ now: new Date("2025-06-18T12:00:00.000Z") });
    const parsed = DashboardFilterSchema.parse({
      from: "2025-02-30",
      to: "soon",
      country: "XX",
      assignee: "bob",
      risk: "EXTREME",
      staleDays: "0",
    });
    expect(parsed).toEqual({ from: day("2025-03-27"), to: day("2025-06-18"), staleDays: 14 });
  });

  test("a period longer than ten years is cut to the ten years before its end", () => {
    const parsed = DashboardFilterSchema.parse({ from: "0001-01-01", to: "9999-12-31" });
    expect(parsed.to).toEqual(day("9999-12-31"));
    expect(parsed.from).toEqual(new Date(day("9999-12-31").getTime() - MAX_PERIOD_DAYS * 86_400_000));
    // A long but reasonable period is kept as asked.
    expect(DashboardFilterSchema.parse({ from: "2020-01-01", to: "2026-12-01" }).from).toEqual(day("2020-01-01"));
  });

  test("a start after the end is replaced by the 12 weeks before the end", () => {
    const parsed = DashboardFilterSchema.parse({
      from: "2025-07-01",
      to: "2025-06-15",
      country: "ge",
      assignee: "none",
      risk: "HIGH",
      staleDays: "30",
    });
    expect(parsed).toEqual({
      from: day("2025-03-24"),
      to: day("2025-06-15"),
      country: "GE",
      assignee: "none",
      risk: "HIGH",
      staleDays: 30,
    });
  });
});
