import { describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { CaseStatus, JurisdictionRisk, RiskLevel } from "@/lib/db/generated/enums";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser, type CaseOptions } from "@/lib/testing/factories";
import { generateCaseCode } from "./codes";
import { addApplication, addNextStep, completeNextStep, updateDocuments } from "./records";
import { ForbiddenError } from "@/lib/errors";
import { CASE_COUNT_LIMIT, CASE_PAGE_SIZE, getCaseDetail, listCases } from "./queries";
import { listCaseStaff, listStaffOptions } from "./staff";
import { CaseListFilterSchema } from "./schemas";

const DAY = 86_400_000;
const day = (days: number) => new Date(`${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`);

async function caseworker() {
  const user = await createUser({ role: "CASEWORKER" });
  return { user, actor: await actorFor(user) };
}

/** Codes the actor's list shows for these URL parameters (first page). */
async function codes(actor: Actor, params: Record<string, string> = {}): Promise<string[]> {
  const page = await listCases(actor, CaseListFilterSchema.parse(params));
  return page.items.map((i) => i.code);
}

async function setCountryRisk(countryCode: string, risk: JurisdictionRisk) {
  await db().countryRisk.upsert({ where: { countryCode }, create: { countryCode, risk }, update: { risk } });
}

/** Every page of a list, following `after`, checking each page's shape. */
async function allPages(actor: Actor, params: Record<string, string>) {
  const pages = [];
  let after: string | null = null;
  for (let guard = 0; guard < 20; guard += 1) {
    const page = await listCases(actor, CaseListFilterSchema.parse({ ...params, ...(after ? { after } : {}) }));
    pages.push(page);
    expect(page.items.length).toBeLessThanOrEqual(CASE_PAGE_SIZE);
    after = page.nextAfter;
    if (!after) return pages;
    expect(after).toBe(page.items.at(-1)!.code);
  }
  throw new Error("pagination does not end");
}

describe("case list: scope", () => {
  test("a caseworker's list holds only their cases, whatever assignee they ask for", async () => {
    const me = await caseworker();
    const other = await caseworker();
    const mine = [
      await createCase({ createdById: me.user.id, assignedToId: me.user.id }),
      await createCase({ createdById: me.user.id, assignedToId: me.user.id, status: "CLOSED", statusBeforeClose: "NEW" }),
    ];
    const theirs = await createCase({ createdById: other.user.id, assignedToId: other.user.id });
    const nobody = await createCase({ createdById: me.user.id, assignedToId: null });

    const page = await listCases(me.actor, CaseListFilterSchema.parse({ status: "all" }));
    expect(page.items.map((i) => i.code).sort()).toEqual(mine.map((c) => c.code).sort());
    expect(page.total).toBe(2);
    const attempts: Array<Record<string, string>> = [
      { assignee: other.user.id },
      { assignee: "none" },
      { q: theirs.code },
      { q: nobody.code },
    ];
    for (const params of attempts) {
      const seen = await codes(me.actor, { status: "all", ...params });
      expect(seen).not.toContain(theirs.code);
      expect(seen).not.toContain(nobody.code);
    }
  });

  test("list items carry no contact channel", async () => {
    const me = await caseworker();
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const kase = await createCase({ createdById: me.user.id, assignedToId: me.user.id, contactChannel: "@listcanaryhandle" });
    for (const actor of [me.actor, coordinator]) {
      const page = await listCases(actor, CaseListFilterSchema.parse({ status: "all", assignee: me.user.id }));
      expect(page.items.map((i) => i.code)).toEqual([kase.code]);
      expect(JSON.stringify(page)).not.toContain("listcanaryhandle");
      expect(Object.keys(page.items[0]!).sort()).toEqual([
        "assignee",
        "code",
        "country",
        "countryRisk",
        "nextStepDue",
        "noValidTravelDocument",
        "riskLevel",
        "status",
        "statusSince",
        "stayEndsWeek",
        "updatedAt",
        "version",
      ]);
    }
  });
});

describe("case list: attention views", () => {
  test("nodoc lists cases without a valid foreign passport (none, expired, or held but past its expiry)", async () => {
    const me = await caseworker();
    const make = () => createCase({ createdById: me.user.id, assignedToId: me.user.id });
    const [valid, noExpiry, heldExpired, expired, none] = [await make(), await make(), await make(), await make(), await make()];
    await updateDocuments(me.actor, {
      code: valid.code,
      version: 1,
      documents: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: day(200) }],
    });
    await updateDocuments(me.actor, { code: noExpiry.code, version: 1, documents: [{ type: "FOREIGN_PASSPORT", state: "HELD" }] });
    await updateDocuments(me.actor, {
      code: heldExpired.code,
      version: 1,
      documents: [{ type: "FOREIGN_PASSPORT", state: "HELD", expiresOn: day(-1) }],
    });
    await updateDocuments(me.actor, {
      code: expired.code,
      version: 1,
      documents: [
        { type: "FOREIGN_PASSPORT", state: "EXPIRED" },
        { type: "INTERNAL_PASSPORT", state: "HELD" },
      ],
    });
    expect((await codes(me.actor, { view: "nodoc" })).sort()).toEqual([heldExpired.code, expired.code, none.code].sort());
    const page = await listCases(me.actor, CaseListFilterSchema.parse({}));
    const flag = Object.fromEntries(page.items.map((i) => [i.code, i.noValidTravelDocument]));
    expect(flag).toEqual({
      [valid.code]: false,
      [noExpiry.code]: false,
      [heldExpired.code]: true,
      [expired.code]: true,
      [none.code]: true,
    });
  });

  test("overdue lists cases whose earliest open next step was due before today", async () => {
    const me = await caseworker();
    const make = () => createCase({ createdById: me.user.id, assignedToId: me.user.id });
    const [late, today, future, done, undated] = [await make(), await make(), await make(), await make(), await make()];
    await addNextStep(me.actor, { code: late.code, version: 1, text: "Late", dueOn: day(-1) });
    await addNextStep(me.actor, { code: today.code, version: 1, text: "Today", dueOn: day(0) });
    await addNextStep(me.actor, { code: future.code, version: 1, text: "Future", dueOn: day(5) });
    await addNextStep(me.actor, { code: done.code, version: 1, text: "Done", dueOn: day(-3) });
    const step = await db().nextStep.findFirstOrThrow({ where: { case: { code: done.code } } });
    await completeNextStep(me.actor, { code: done.code, version: 2, stepId: step.id });
    await addNextStep(me.actor, { code: undated.code, version: 1, text: "Someday" });
    expect(await codes(me.actor, { view: "overdue" })).toEqual([late.code]);
    const item = (await listCases(me.actor, CaseListFilterSchema.parse({ view: "overdue" }))).items[0]!;
    // The list shows when the step is due; its text is sealed and stays on the case page.
    expect(item.nextStepDue).toEqual({ dueOn: day(-1), overdue: true });
    expect(JSON.stringify(item)).not.toContain("Late");
  });

  test("appointments lists scheduled appointments in the next 7 days only", async () => {
    const me = await caseworker();
    const make = () => createCase({ createdById: me.user.id, assignedToId: me.user.id });
    const [soon, far, past, submitted] = [await make(), await make(), await make(), await make()];
    const at = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 16);
    const app = { type: "VISA" as const, destinationCountry: "FR", submittedOn: day(-10) };
    await addApplication(me.actor, { code: soon.code, version: 1, ...app, status: "APPOINTMENT_SCHEDULED", appointmentAt: at(3) });
    await addApplication(me.actor, { code: far.code, version: 1, ...app, status: "APPOINTMENT_SCHEDULED", appointmentAt: at(10) });
    await addApplication(me.actor, { code: past.code, version: 1, ...app, status: "APPOINTMENT_SCHEDULED", appointmentAt: at(-1) });
    await addApplication(me.actor, { code: submitted.code, version: 1, ...app, status: "SUBMITTED", appointmentAt: at(2) });
    expect(await codes(me.actor, { view: "appointments" })).toEqual([soon.code]);
  });

  test("stale lists cases with no update for more than 14 days", async () => {
    const me = await caseworker();
    const make = () => createCase({ createdById: me.user.id, assignedToId: me.user.id });
    const [old, recent, fresh] = [await make(), await make(), await make()];
    await db().$executeRawUnsafe(`UPDATE cases SET updated_at = now() - interval '15 days' WHERE id = $1::uuid`, old.id);
    await db().$executeRawUnsafe(`UPDATE cases SET updated_at = now() - interval '13 days' WHERE id = $1::uuid`, recent.id);
    expect(await codes(me.actor, { view: "stale" })).toEqual([old.code]);
    expect((await codes(me.actor)).sort()).toEqual([old.code, recent.code, fresh.code].sort());
  });

  test("extradition and danger views follow the country-risk table", async () => {
    const me = await caseworker();
    await setCountryRisk("KG", "EXTRADITION_RISK");
    await setCountryRisk("BY", "ORIGIN");
    await setCountryRisk("RS", "TRANSIT");
    await setCountryRisk("FR", "SAFE");
    const at = (currentCountry: string) => createCase({ createdById: me.user.id, assignedToId: me.user.id, currentCountry });
    const [kg, by, rs, fr, unknown] = [await at("KG"), await at("BY"), await at("RS"), await at("FR"), await at("MN")];
    expect(await codes(me.actor, { view: "extradition" })).toEqual([kg.code]);
    expect((await codes(me.actor, { view: "danger" })).sort()).toEqual([kg.code, by.code].sort());
    expect(await codes(me.actor, { jurisdiction: "TRANSIT" })).toEqual([rs.code]);
    const risk = Object.fromEntries((await listCases(me.actor, CaseListFilterSchema.parse({}))).items.map((i) => [i.code, i.countryRisk]));
    expect(risk).toEqual({
      [kg.code]: "EXTRADITION_RISK",
      [by.code]: "ORIGIN",
      [rs.code]: "TRANSIT",
      [fr.code]: "SAFE",
      [unknown.code]: null,
    });
  });
});

describe("case list: filters", () => {
  test("status: open by default, one status, or all", async () => {
    const me = await caseworker();
    const make = (status: CaseStatus) =>
      createCase({
        createdById: me.user.id,
        assignedToId: me.user.id,
        status,
        ...(status === "CLOSED" ? { statusBeforeClose: "NEW" as const } : {}),
      });
    const [fresh, applying, relocated, closed] = [await make("NEW"), await make("APPLYING"), await make("RELOCATED"), await make("CLOSED")];
    expect((await codes(me.actor)).sort()).toEqual([fresh.code, applying.code, relocated.code].sort());
    expect((await codes(me.actor, { status: "open" })).sort()).toEqual([fresh.code, applying.code, relocated.code].sort());
    expect(await codes(me.actor, { status: "APPLYING" })).toEqual([applying.code]);
    expect(await codes(me.actor, { status: "CLOSED" })).toEqual([closed.code]);
    expect((await codes(me.actor, { status: "all" })).sort()).toEqual([fresh.code, applying.code, relocated.code, closed.code].sort());
    // A malformed value is ignored (open cases), not an error.
    expect((await codes(me.actor, { status: "bogus" })).sort()).toEqual([fresh.code, applying.code, relocated.code].sort());
  });

  test("country, risk and code search", async () => {
    const me = await caseworker();
    const make = (currentCountry: string, riskLevel: RiskLevel) =>
      createCase({ createdById: me.user.id, assignedToId: me.user.id, currentCountry, riskLevel });
    const [a, b, c] = [await make("AM", "HIGH"), await make("GE", "HIGH"), await make("GE", "LOW")];
    expect(await codes(me.actor, { country: "am" })).toEqual([a.code]);
    expect((await codes(me.actor, { risk: "HIGH" })).sort()).toEqual([a.code, b.code].sort());
    expect(await codes(me.actor, { country: "GE", risk: "LOW" })).toEqual([c.code]);
    expect(await codes(me.actor, { q: b.code.toLowerCase() })).toEqual([b.code]);
    expect(await codes(me.actor, { q: c.code.slice(3, 7) })).toContain(c.code);
  });

  test("a coordinator filters by assignee, or by no assignee", async () => {
    const one = await caseworker();
    const two = await caseworker();
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const make = (assignedToId: string | null) => createCase({ createdById: one.user.id, assignedToId, currentCountry: "UZ" });
    const [c1, c2, none] = [await make(one.user.id), await make(two.user.id), await make(null)];
    expect(await codes(coordinator, { assignee: one.user.id })).toEqual([c1.code]);
    expect(await codes(coordinator, { assignee: two.user.id })).toEqual([c2.code]);
    expect(await codes(coordinator, { assignee: "none", country: "UZ" })).toEqual([none.code]);
    expect((await codes(coordinator, { country: "UZ" })).sort()).toEqual([c1.code, c2.code, none.code].sort());
  });
});

describe("case list: sorts and keyset pagination", () => {
  const RISK_ORDER: RiskLevel[] = ["LOW", "ELEVATED", "HIGH", "CRITICAL"];
  const RISKS: RiskLevel[] = ["HIGH", "LOW", "CRITICAL", "ELEVATED"];

  /** `count` cases for one caseworker, with many ties on every sort key. */
  async function manyCases(count: number) {
    const me = await caseworker();
    const base = Date.now() - 30 * DAY;
    const contacts: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const options: CaseOptions = {
        createdById: me.user.id,
        assignedToId: me.user.id,
        riskLevel: RISKS[i % 4]!,
        updatedAt: new Date(base + (i % 3) * DAY),
        statusChangedAt: new Date(base + (i % 5) * DAY),
        createdAt: new Date(base - DAY),
      };
      contacts.push((await createCase(options)).contactChannel);
    }
    const rows = await db().case.findMany({
      where: { assignedToId: me.user.id },
      select: { id: true, code: true, updatedAt: true, statusChangedAt: true, riskLevel: true },
    });
    return { me, rows, contacts };
  }

  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  type Row = { id: string; code: string; updatedAt: Date; statusChangedAt: Date; riskLevel: RiskLevel };
  const EXPECTED_ORDER: Record<"updated" | "risk" | "stage", (a: Row, b: Row) => number> = {
    updated: (a, b) => cmp(b.updatedAt.getTime(), a.updatedAt.getTime()) || cmp(b.id, a.id),
    risk: (a, b) =>
      cmp(RISK_ORDER.indexOf(b.riskLevel), RISK_ORDER.indexOf(a.riskLevel)) ||
      cmp(b.updatedAt.getTime(), a.updatedAt.getTime()) ||
      cmp(b.id, a.id),
    stage: (a, b) => cmp(a.statusChangedAt.getTime(), b.statusChangedAt.getTime()) || cmp(a.id, b.id),
  };

  test.each(["updated", "risk", "stage"] as const)(
    "sorted by %s, following `after` returns every case exactly once, in order",
    async (sort) => {
      const { me, rows, contacts } = await manyCases(123);
      const pages = await allPages(me.actor, { sort });
      expect(pages.map((p) => p.items.length)).toEqual([50, 50, 23]);
      expect(pages.every((p) => p.total === 123)).toBe(true);
      const seen = pages.flatMap((p) => p.items.map((i) => i.code));
      expect(new Set(seen).size).toBe(123);
      expect(seen).toEqual([...rows].sort(EXPECTED_ORDER[sort]).map((r) => r.code));
      const text = JSON.stringify(pages);
      expect(contacts.filter((contact) => text.includes(contact))).toEqual([]);
    },
  );

  test("pages of a filtered list stay within the filter", async () => {
    const { me, rows } = await manyCases(110);
    const pages = await allPages(me.actor, { sort: "risk", risk: "HIGH" });
    const seen = pages.flatMap((p) => p.items.map((i) => i.code));
    expect(seen).toEqual(
      rows
        .filter((r) => r.riskLevel === "HIGH")
        .sort(EXPECTED_ORDER.risk)
        .map((r) => r.code),
    );
    expect(pages[0]!.total).toBe(seen.length);
  });

  test("`after` naming a case outside the caseworker's scope answers exactly as a code that does not exist", async () => {
    const { me } = await manyCases(60);
    const other = await caseworker();
    const theirs = await createCase({
      createdById: other.user.id,
      assignedToId: other.user.id,
      updatedAt: new Date(Date.now() - 29 * DAY),
      riskLevel: "HIGH",
    });
    for (const sort of ["updated", "risk", "stage"]) {
      const outside = await listCases(me.actor, CaseListFilterSchema.parse({ sort, after: theirs.code }));
      const missing = await listCases(me.actor, CaseListFilterSchema.parse({ sort, after: generateCaseCode() }));
      expect({ ...outside, items: outside.items.map((i) => i.code) }).toEqual({ ...missing, items: missing.items.map((i) => i.code) });
    }
  });
});

describe("case list: the count", () => {
  /** `n` more rows like the case `id` under new codes: only the list's columns matter here, and nothing is decrypted. */
  async function copiesOf(id: string, n: number) {
    const codes = new Set<string>();
    while (codes.size < n) codes.add(generateCaseCode());
    await db().$executeRaw`
      INSERT INTO cases
      SELECT (jsonb_populate_record(c, jsonb_build_object('id', gen_random_uuid(), 'code', copy.code))).*
      FROM cases c, unnest(${[...codes]}::text[]) AS copy(code) WHERE c.id = ${id}::uuid`;
  }

  async function lastListRead(userId: string) {
    const entry = await db().auditLog.findFirstOrThrow({ where: { actorId: userId, action: "case.list_read" }, orderBy: { id: "desc" } });
    return entry.meta;
  }

  test(`counts up to ${CASE_COUNT_LIMIT} matching cases and says "more than" beyond, on the page and in the audit entry`, async () => {
    const me = await caseworker();
    const { id } = await createCase({ createdById: me.user.id, assignedToId: me.user.id });
    await copiesOf(id, CASE_COUNT_LIMIT - 1);
    const exact = await listCases(me.actor, CaseListFilterSchema.parse({}));
    expect([exact.total, exact.totalCapped, exact.items.length]).toEqual([CASE_COUNT_LIMIT, false, CASE_PAGE_SIZE]);
    expect(await lastListRead(me.user.id)).toEqual({ filters: ["sort"], count: CASE_COUNT_LIMIT, shown: CASE_PAGE_SIZE });

    await copiesOf(id, 1);
    const capped = await listCases(me.actor, CaseListFilterSchema.parse({}));
    expect([capped.total, capped.totalCapped]).toEqual([CASE_COUNT_LIMIT, true]);
    expect(await lastListRead(me.user.id)).toEqual({
      filters: ["sort"],
      count: CASE_COUNT_LIMIT,
      countCapped: true,
      shown: CASE_PAGE_SIZE,
    });
    // A filter the copies do not match is counted exactly again.
    const closed = await listCases(me.actor, CaseListFilterSchema.parse({ status: "CLOSED" }));
    expect([closed.total, closed.totalCapped]).toEqual([0, false]);
  });
});

describe("staff on a case page: least privilege", () => {
  test("only those who assign cases get the staff list; a caseworker and an admin are refused", async () => {
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const colleague = await createUser({ role: "CASEWORKER" });
    const staff = await listStaffOptions(coordinator);
    expect(staff.find((s) => s.id === colleague.id)).toEqual({
      id: colleague.id,
      email: colleague.email,
      role: "CASEWORKER",
      active: true,
    });
    await expect(listStaffOptions((await caseworker()).actor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listStaffOptions(await actorFor(await createUser({ role: "ADMIN" })))).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("a caseworker's case page names only themselves: no colleague, no coordinator, nobody to assign to", async () => {
    const { user, actor } = await caseworker();
    const colleague = await createUser({ role: "CASEWORKER" });
    const coordinator = await createUser({ role: "COORDINATOR" });
    const kase = await createCase({ createdById: coordinator.id, assignedToId: user.id });
    const staff = await listCaseStaff(actor, await getCaseDetail(actor, kase.code));
    expect(staff).toEqual({ caseworkers: [], owners: [{ id: user.id, email: user.email }], people: { [user.id]: user.email } });
    expect(JSON.stringify(staff)).not.toContain(colleague.email);
    expect(JSON.stringify(staff)).not.toContain(coordinator.email);
  });

  test("a coordinator's case page offers every active caseworker to assign to and every active colleague as a step's owner", async () => {
    const coordinatorUser = await createUser({ role: "COORDINATOR" });
    const coordinator = await actorFor(coordinatorUser);
    const assignee = await createUser({ role: "CASEWORKER" });
    const gone = await createUser({ role: "CASEWORKER", status: "DEACTIVATED" });
    const kase = await createCase({ createdById: coordinatorUser.id, assignedToId: assignee.id });
    const staff = await listCaseStaff(coordinator, await getCaseDetail(coordinator, kase.code));
    expect(staff.caseworkers).toContainEqual({ id: assignee.id, email: assignee.email });
    expect(staff.caseworkers.map((c) => c.id)).not.toContain(coordinatorUser.id);
    expect(staff.caseworkers.map((c) => c.id)).not.toContain(gone.id);
    expect(staff.owners).toContainEqual({ id: coordinatorUser.id, email: coordinatorUser.email });
    // A deactivated colleague can no longer be chosen, but the timeline still names them.
    expect(staff.owners.map((o) => o.id)).not.toContain(gone.id);
    expect(staff.people[gone.id]).toBe(gone.email);
  });
});
