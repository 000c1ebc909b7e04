import { describe, expect, test } from "vitest";
import type { Role } from "@/lib/db/generated/enums";
import { lowersApprovalCapacity, MIN_ACTIVE_COORDINATORS, roleChangeNeedsApproval } from "./access-rules";

const ROLES: Role[] = ["ADMIN", "CASEWORKER", "COORDINATOR"];

describe("what waits for a second person", () => {
  test("role changes: to a role that sees more cases, or to admin", () => {
    const waiting = ROLES.flatMap((from) =>
      ROLES.filter((to) => from !== to && roleChangeNeedsApproval(from, to)).map((to) => `${from}->${to}`),
    );
    expect(waiting.sort()).toEqual([
      "ADMIN->CASEWORKER",
      "ADMIN->COORDINATOR",
      "CASEWORKER->ADMIN",
      "CASEWORKER->COORDINATOR",
      "COORDINATOR->ADMIN",
    ]);
    // Only COORDINATOR -> CASEWORKER narrows, and even that waits when it would leave fewer than two coordinators.
    expect(roleChangeNeedsApproval("COORDINATOR", "CASEWORKER")).toBe(false);
  });

  test("removing an active coordinator waits when fewer than two others remain", () => {
    expect(MIN_ACTIVE_COORDINATORS).toBe(2);
    expect(lowersApprovalCapacity({ role: "COORDINATOR", active: true }, 1)).toBe(true);
    expect(lowersApprovalCapacity({ role: "COORDINATOR", active: true }, 0)).toBe(true);
    expect(lowersApprovalCapacity({ role: "COORDINATOR", active: true }, 2)).toBe(false);
    expect(lowersApprovalCapacity({ role: "COORDINATOR", active: false }, 0)).toBe(false);
    expect(lowersApprovalCapacity({ role: "CASEWORKER", active: true }, 0)).toBe(false);
  });
});
