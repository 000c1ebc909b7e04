import { describe, expect, test } from "vitest";
import { caseListHref } from "./list-url";
import { CaseListFilterSchema } from "./schemas";

describe("caseListHref", () => {
  test("leaves out empty filters and the default sort", () => {
    expect(caseListHref({})).toBe("/cases");
    expect(caseListHref({ status: "all", country: undefined, q: "", sort: "updated", view: "stale" })).toBe("/cases?status=all&view=stale");
  });

  test("writes date bounds as days, so the list reads back exactly the filter it was given", () => {
    const filter = {
      status: "all" as const,
      createdFrom: new Date("2025-05-07T00:00:00.000Z"),
      createdTo: new Date("2025-05-11T00:00:00.000Z"),
      leftStage: "NEW" as const,
      leftFrom: new Date("2025-05-07T00:00:00.000Z"),
      leftTo: new Date("2025-06-15T00:00:00.000Z"),
      appDestination: "FR",
      appStatus: "APPROVED" as const,
      appFrom: new Date("2025-05-07T00:00:00.000Z"),
      appTo: new Date("2025-06-15T00:00:00.000Z"),
      staleDays: 30,
    };
    const href = caseListHref(filter);
    expect(href).toContain("createdFrom=2025-05-07&createdTo=2025-05-11");
    const parsed = CaseListFilterSchema.parse(Object.fromEntries(new URL(href, "http://waypoint.test").searchParams));
    expect(parsed).toEqual({ ...filter, sort: "updated" });
  });
});
