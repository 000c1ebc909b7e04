import { describe, expect, test } from "vitest";
import { lowersRisk, type RiskOrNone } from "./risk-order";

describe("what waits for a second person", () => {
  test("a country's risk: every lowering waits, every raise applies at once", () => {
    const order: RiskOrNone[] = ["ORIGIN", "EXTRADITION_RISK", "TRANSIT", "SAFE", "NONE"];
    const lowerings = order.flatMap((from) => order.filter((to) => lowersRisk(from, to)).map((to) => `${from}->${to}`));
    expect(lowerings).toHaveLength(10);
    expect(lowerings).toContain("EXTRADITION_RISK->SAFE");
    expect(lowerings).toContain("ORIGIN->TRANSIT");
    expect(lowerings).toContain("SAFE->NONE");
    expect(lowersRisk("SAFE", "EXTRADITION_RISK")).toBe(false);
    expect(lowersRisk("NONE", "ORIGIN")).toBe(false);
  });
});
