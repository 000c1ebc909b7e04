import { describe, expect, test } from "vitest";
import { caseCapabilities, intakeAssignsToSelf, type CaseCapabilities, type CaseFacts } from "./capabilities";

/**
 * The capability table, row by row: each row is one actor on one case, written out in full so a
 * change to the rule shows up as a changed literal.
 */
const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

const NONE: CaseCapabilities = {
  edit: false,
  changeStatus: [],
  close: false,
  assign: false,
  revealContact: false,
  readNotes: false,
  addNote: false,
  signOff: false,
  resolveConcern: false,
  issueLetter: false,
  readSupervision: false,
  addSupervision: false,
  erase: false,
};
const open = (over: Partial<CaseFacts> = {}): CaseFacts => ({ status: "NEW", statusBeforeClose: null, assignedToId: ME, ...over });

const ROWS: Array<[string, "CASEWORKER" | "COORDINATOR" | "ADMIN", CaseFacts, CaseCapabilities]> = [
  [
    "caseworker, own open case",
    "CASEWORKER",
    open(),
    {
      ...NONE,
      edit: true,
      changeStatus: ["VERIFYING"],
      close: true,
      revealContact: true,
      readNotes: true,
      addNote: true,
      readSupervision: true,
    },
  ],
  [
    "caseworker, own closed case",
    "CASEWORKER",
    open({ status: "CLOSED", statusBeforeClose: "VERIFYING" }),
    { ...NONE, revealContact: true, readNotes: true, readSupervision: true },
  ],
  [
    "caseworker, a case assigned to someone else",
    "CASEWORKER",
    open({ assignedToId: OTHER }),
    { ...NONE, edit: true, changeStatus: ["VERIFYING"], close: true },
  ],
  [
    "caseworker, an unassigned case",
    "CASEWORKER",
    open({ assignedToId: null }),
    { ...NONE, edit: true, changeStatus: ["VERIFYING"], close: true },
  ],
  [
    "caseworker, own case in verification, not signed yet",
    "CASEWORKER",
    open({ status: "VERIFYING", signOffAuthorIds: [OTHER] }),
    {
      ...NONE,
      edit: true,
      changeStatus: ["PLANNING_EXIT"],
      close: true,
      revealContact: true,
      readNotes: true,
      addNote: true,
      signOff: true,
      readSupervision: true,
    },
  ],
  [
    "caseworker, own case in verification, signed already",
    "CASEWORKER",
    open({ status: "VERIFYING", signOffAuthorIds: [ME] }),
    {
      ...NONE,
      edit: true,
      changeStatus: ["PLANNING_EXIT"],
      close: true,
      revealContact: true,
      readNotes: true,
      addNote: true,
      readSupervision: true,
    },
  ],
  [
    "caseworker, in verification, sign-offs not given",
    "CASEWORKER",
    open({ status: "VERIFYING" }),
    {
      ...NONE,
      edit: true,
      changeStatus: ["PLANNING_EXIT"],
      close: true,
      revealContact: true,
      readNotes: true,
      addNote: true,
      readSupervision: true,
    },
  ],
  [
    "coordinator, someone's open case",
    "COORDINATOR",
    open({ assignedToId: OTHER, status: "APPLYING" }),
    {
      ...NONE,
      edit: true,
      changeStatus: ["RELOCATED", "IN_TRANSIT", "IN_THIRD_COUNTRY"],
      close: true,
      assign: true,
      resolveConcern: true,
      issueLetter: true,
      readSupervision: true,
      addSupervision: true,
      erase: true,
    },
  ],
  [
    "coordinator, a case assigned to them (never a caseworker's reading rights)",
    "COORDINATOR",
    open(),
    {
      ...NONE,
      edit: true,
      changeStatus: ["VERIFYING"],
      close: true,
      assign: true,
      resolveConcern: true,
      issueLetter: true,
      readSupervision: true,
      addSupervision: true,
      erase: true,
    },
  ],
  [
    "coordinator, a closed case (reopen to where it was)",
    "COORDINATOR",
    open({ status: "CLOSED", statusBeforeClose: "IN_TRANSIT", assignedToId: OTHER }),
    { ...NONE, changeStatus: ["IN_TRANSIT"], assign: true, resolveConcern: true, readSupervision: true, erase: true },
  ],
  [
    "coordinator, in verification, not signed yet",
    "COORDINATOR",
    open({ status: "VERIFYING", signOffAuthorIds: [] }),
    {
      ...NONE,
      edit: true,
      changeStatus: ["PLANNING_EXIT"],
      close: true,
      assign: true,
      signOff: true,
      resolveConcern: true,
      issueLetter: true,
      readSupervision: true,
      addSupervision: true,
      erase: true,
    },
  ],
  ["admin, an open case assigned to them", "ADMIN", open({ status: "VERIFYING", signOffAuthorIds: [] }), NONE],
  ["admin, a closed case", "ADMIN", open({ status: "CLOSED", statusBeforeClose: "NEW" }), NONE],
];

describe("caseCapabilities", () => {
  test.each(ROWS)("%s", (_name, role, facts, expected) => {
    expect(caseCapabilities({ role, userId: ME }, facts)).toEqual(expected);
  });
});

describe("intakeAssignsToSelf", () => {
  test("a caseworker takes the new case; a coordinator names a caseworker", () => {
    expect(intakeAssignsToSelf({ role: "CASEWORKER" })).toBe(true);
    expect(intakeAssignsToSelf({ role: "COORDINATOR" })).toBe(false);
  });
});
