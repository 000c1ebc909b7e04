import { describe, expect, test } from "vitest";
import { ApplicationType } from "@/lib/db/generated/enums";
import { APPLICATION_TYPES, CASE_STATUSES, OPEN_STATUSES, RISK_LEVELS } from "./vocabulary";

/**
 * The lists take their order from the schema's enums; the orders people rely on are pinned here,
 * so reordering an enum in prisma/schema.prisma shows up as a failing test, not a shuffled form.
 */
describe("case vocabularies", () => {
  test("statuses run in workflow order, closed last", () => {
    expect(CASE_STATUSES).toEqual([
      "NEW",
      "VERIFYING",
      "PLANNING_EXIT",
      "IN_TRANSIT",
      "IN_THIRD_COUNTRY",
      "APPLYING",
      "RELOCATED",
      "CLOSED",
    ]);
    expect(OPEN_STATUSES).toEqual(CASE_STATUSES.slice(0, -1));
  });

  test("risk levels rise", () => {
    expect(RISK_LEVELS).toEqual(["LOW", "ELEVATED", "HIGH", "CRITICAL"]);
  });

  test("the hand-ordered application types are exactly the database's", () => {
    expect([...APPLICATION_TYPES].sort()).toEqual(Object.values(ApplicationType).sort());
  });
});
