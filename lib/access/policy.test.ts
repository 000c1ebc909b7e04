import { describe, expect, test } from "vitest";
import { can, homePath, PERMISSIONS, POLICY, ROLES } from "./policy";

/**
 * The whole role → permissions table, written out. Any change to policy.ts fails here, so it shows
 * up in review as an edit to this literal too (CONVENTIONS §5). Order does not matter (`can` asks
 * whether a permission is held), so each list is compared as a set.
 */
const EXPECTED_POLICY = {
  CASEWORKER: [
    "case:list",
    "case:read",
    "case:create",
    "case:update",
    "case:changeStatus",
    "case:close",
    "case:revealContact",
    "case:readNotes",
    "case:addNote",
    "case:readSupervision",
    "case:verify",
    "home:caseworker",
    "task:list",
    "notification:read",
    "account:self",
  ],
  COORDINATOR: [
    "case:list",
    "case:read",
    "case:create",
    "case:update",
    "case:changeStatus",
    "case:close",
    "case:reopen",
    "case:assign",
    "case:verify",
    "case:resolveConcern",
    "case:bulkReassign",
    "case:issueLetter",
    "access:view",
    "access:approve",
    "alerts:view",
    "alerts:clear",
    "dashboard:view",
    "report:export",
    "budget:manage",
    "assistance:approve",
    "checklist:manage",
    "task:list",
    "notification:read",
    "task:board",
    "task:reassign",
    "case:supervise",
    "case:erase",
    "case:readTrail",
    "org:freeze",
    "case:import",
    "case:merge",
    "case:outreach",
    "account:self",
  ],
  ADMIN: [
    "user:manage",
    "session:revokeAll",
    "audit:read",
    "country:manage",
    "lawyer:manage",
    "org:settings",
    "access:view",
    "alerts:view",
    "account:self",
  ],
};

describe("policy", () => {
  test("the role → permissions table is exactly the reviewed one", () => {
    expect(ROLES).toEqual(["CASEWORKER", "COORDINATOR", "ADMIN"]);
    for (const role of ROLES) expect([...POLICY[role]].sort()).toEqual([...EXPECTED_POLICY[role]].sort());
    expect(Object.keys(POLICY)).toEqual(ROLES);
  });

  test("the permission list is exactly the reviewed one", () => {
    expect([...PERMISSIONS].sort()).toEqual([
      "access:approve",
      "access:view",
      "account:self",
      "alerts:clear",
      "alerts:view",
      "assistance:approve",
      "audit:read",
      "budget:manage",
      "case:addNote",
      "case:assign",
      "case:bulkReassign",
      "case:changeStatus",
      "case:close",
      "case:create",
      "case:erase",
      "case:import",
      "case:issueLetter",
      "case:list",
      "case:merge",
      "case:outreach",
      "case:read",
      "case:readNotes",
      "case:readSupervision",
      "case:readTrail",
      "case:reopen",
      "case:resolveConcern",
      "case:revealContact",
      "case:supervise",
      "case:update",
      "case:verify",
      "checklist:manage",
      "country:manage",
      "dashboard:view",
      "home:caseworker",
      "lawyer:manage",
      "notification:read",
      "org:freeze",
      "org:settings",
      "report:export",
      "session:revokeAll",
      "task:board",
      "task:list",
      "task:reassign",
      "user:manage",
    ]);
  });

  test("an admin has no case permission at all (separation of duties)", () => {
    const casePermissions = PERMISSIONS.filter((p) => p.startsWith("case:"));
    expect(casePermissions.length).toBeGreaterThan(0);
    for (const permission of casePermissions) expect(can("ADMIN", permission)).toBe(false);
    expect(POLICY.ADMIN.filter((p) => p.startsWith("case:"))).toEqual([]);
  });

  test("every role may manage its own account", () => {
    for (const role of ROLES) expect(can(role, "account:self")).toBe(true);
  });

  test("only admins manage users, sessions and the audit log; only a caseworker reveals contacts", () => {
    const holders = (permission: (typeof PERMISSIONS)[number]) => ROLES.filter((role) => can(role, permission));
    expect(holders("user:manage")).toEqual(["ADMIN"]);
    expect(holders("session:revokeAll")).toEqual(["ADMIN"]);
    expect(holders("audit:read")).toEqual(["ADMIN"]);
    expect(holders("case:revealContact")).toEqual(["CASEWORKER"]);
    expect(holders("case:readNotes")).toEqual(["CASEWORKER"]);
    expect(holders("case:addNote")).toEqual(["CASEWORKER"]);
  });

  test("separation of duties: only coordinators approve access, resolve vetting concerns and clear reading alerts", () => {
    const holders = (permission: (typeof PERMISSIONS)[number]) => ROLES.filter((role) => can(role, permission));
    expect(holders("access:approve")).toEqual(["COORDINATOR"]);
    expect(holders("case:resolveConcern")).toEqual(["COORDINATOR"]);
    expect(holders("alerts:clear")).toEqual(["COORDINATOR"]);
    // The admin, who requests access changes, never decides them.
    expect(can("ADMIN", "access:approve")).toBe(false);
    expect(holders("alerts:view")).toEqual(["COORDINATOR", "ADMIN"]);
  });

  test("only coordinators open an outreach window; it lets no one else reveal contacts (ADR 028)", () => {
    expect(ROLES.filter((role) => can(role, "case:outreach"))).toEqual(["COORDINATOR"]);
    expect(can("COORDINATOR", "case:revealContact")).toBe(false);
  });

  test("can() answers from the table and nothing else", () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) expect(can(role, permission)).toBe(EXPECTED_POLICY[role].includes(permission));
    }
  });

  test("each role lands on its own home page", () => {
    expect(ROLES.map(homePath)).toEqual(["/home", "/dashboard", "/admin/users"]);
  });
});
