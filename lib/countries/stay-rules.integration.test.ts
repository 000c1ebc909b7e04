import { describe, expect, test } from "vitest";
import { recordMove } from "@/lib/cases/records";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";

import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { approveAccessRequest, rejectAccessRequest } from "@/lib/users/approvals";
import { setCountryRisk } from "./risk";
import { NO_STAY_RULE, type StayRule } from "./stay-rule-order";
import { listPendingStayChanges, listStayRules, setStayRule } from "./stay-rules";
import { SetStayRuleSchema } from "./stay-rule-schemas";

const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (n: number) => new Date(today().getTime() - n * DAY);
const monday = (d: Date) => new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);

const rule = (r: Partial<StayRule>): StayRule => ({ ...NO_STAY_RULE, ...r });
const input = (countryCode: string, r: Partial<StayRule>, extra: { checkedOn?: Date; sourceNote?: string } = {}) => ({
  countryCode,
  rule: rule(r),
  checkedOn: extra.checkedOn ?? null,
  sourceNote: extra.sourceNote ?? null,
});

async function admin() {
  return actorFor(await createUser({ role: "ADMIN" }));
}

/** A case that arrived in `country` `ago` days ago (through the data-access layer, so its days are sealed). */
async function caseIn(country: string, ago: number) {
  const worker = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "RU", status: "IN_TRANSIT" });
  await recordMove(await actorFor(worker), { code: kase.code, version: 1, country, arrivedOn: daysAgo(ago) });
  return kase;
}

const stayEndsWeek = async (id: string) =>
  (await db().case.findUniqueOrThrow({ where: { id }, select: { stayEndsWeek: true } })).stayEndsWeek;

describe("the stay-rules table", () => {
  test("the form's values are parsed row by row: blank numbers mean no limit; a window needs days and must be longer", () => {
    const parse = (v: Record<string, string>) => SetStayRuleSchema.safeParse({ countryCode: "KZ", ...v });
    expect(
      parse({ stayDays: "90", windowDays: "180", registrationDays: "30", passportFreeEntry: "on", sourceNote: " law " }),
    ).toMatchObject({
      success: true,
      data: { rule: { stayDays: 90, windowDays: 180, registrationDays: 30 }, sourceNote: "law" },
    });
    expect(parse({ stayDays: "", windowDays: "", registrationDays: "" })).toMatchObject({
      success: true,
      data: { rule: NO_STAY_RULE, checkedOn: null, sourceNote: null },
    });
    expect(parse({ windowDays: "180" }).success).toBe(false);
    expect(parse({ stayDays: "90", windowDays: "60" }).success).toBe(false);
    expect(parse({ stayDays: "0" }).success).toBe(false);
    expect(parse({ stayDays: "9999" }).success).toBe(false);
    expect(parse({ stayDays: "90", checkedOn: "2999-01-01" }).success).toBe(false);
    expect(parse({ sourceNote: "x".repeat(301) }).success).toBe(false);
    expect(SetStayRuleSchema.safeParse({ countryCode: "XX" }).success).toBe(false);
  });

  test("a first rule that promises nothing more applies at once; each change is audited by field names only", async () => {
    const a = await admin();
    expect(await setStayRule(a, input("MN", { stayDays: 30, windowDays: 180, registrationDays: 30 }, { sourceNote: "agency" }))).toEqual({
      changed: true,
      pending: false,
    });
    // Only the note and the day it was checked: nothing loosens, so it applies at once.
    expect(
      await setStayRule(
        a,
        input("MN", { stayDays: 30, windowDays: 180, registrationDays: 30 }, { sourceNote: "agency", checkedOn: daysAgo(1) }),
      ),
    ).toEqual({ changed: true, pending: false });
    // The same again changes nothing.
    expect(
      await setStayRule(
        a,
        input("MN", { stayDays: 30, windowDays: 180, registrationDays: 30 }, { sourceNote: "agency", checkedOn: daysAgo(1) }),
      ),
    ).toEqual({ changed: false, pending: false });
    expect((await listStayRules(a)).find((r) => r.countryCode === "MN")).toMatchObject({
      stayDays: 30,
      windowDays: 180,
      registrationDays: 30,
      passportFreeEntry: false,
      sourceNote: "agency",
      checkedOn: daysAgo(1),
      updatedBy: a.email,
    });
    const entries = await db().auditLog.findMany({
      where: { action: "country.stay_rule_changed", targetId: "MN" },
      orderBy: { id: "asc" },
      select: { meta: true },
    });
    expect(entries.map((e) => e.meta)).toEqual([
      { fields: ["stayDays", "windowDays", "registrationDays", "checkedOn", "sourceNote"] },
      { fields: ["checkedOn"] },
    ]);
    expect(JSON.stringify(entries)).not.toContain("agency");
  });

  test("loosening waits for a coordinator (not the admin); rejected, nothing changes; approved, it applies and cases follow", async () => {
    const a = await admin();
    await setStayRule(a, input("KZ", { stayDays: 90, windowDays: 180, registrationDays: 30 }));
    const kase = await caseIn("KZ", 10);
    expect(await stayEndsWeek(kase.id)).toEqual(monday(new Date(daysAgo(10).getTime() + 89 * DAY)));

    const longer = input("KZ", { stayDays: 120, windowDays: 180, registrationDays: 30 });
    expect(await setStayRule(a, longer)).toEqual({ changed: false, pending: true });
    expect((await listStayRules(a)).find((r) => r.countryCode === "KZ")?.stayDays).toBe(90);
    expect(await listPendingStayChanges(a)).toEqual([
      expect.objectContaining({
        countryCode: "KZ",
        from: expect.objectContaining({ stayDays: 90 }),
        to: expect.objectContaining({ stayDays: 120 }),
      }),
    ]);
    // One loosening per country at a time; a risk change of the same country is a separate request.
    await expect(setStayRule(a, longer)).rejects.toMatchObject({ code: "stay_rule_request_pending" });
    await setCountryRisk(a, { countryCode: "KZ", risk: "EXTRADITION_RISK" });
    expect(await setCountryRisk(a, { countryCode: "KZ", risk: "TRANSIT" })).toEqual({ changed: false, pending: true });

    const requestId = (
      await db().accessRequest.findFirstOrThrow({
        where: { countryCode: "KZ", kind: "COUNTRY_STAY_RULE", status: "PENDING" },
        select: { id: true },
      })
    ).id;
    await expect(approveAccessRequest(a, requestId)).rejects.toBeInstanceOf(ForbiddenError);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    await rejectAccessRequest(coordinator, requestId);
    expect((await listStayRules(a)).find((r) => r.countryCode === "KZ")?.stayDays).toBe(90);

    await setStayRule(a, longer);
    await approveAccessRequest(coordinator, await pendingStayRequest("KZ"));
    expect((await listStayRules(a)).find((r) => r.countryCode === "KZ")).toMatchObject({ stayDays: 120, updatedBy: coordinator.email });
    expect(await stayEndsWeek(kase.id)).toEqual(monday(new Date(daysAgo(10).getTime() + 119 * DAY)));
    const audit = await db().auditLog.findMany({
      where: { targetType: "country", targetId: "KZ", action: { in: ["access.requested", "country.stay_rule_changed"] } },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, meta: true },
    });
    expect(audit.at(-1)).toMatchObject({
      action: "country.stay_rule_changed",
      actorId: coordinator.userId,
      meta: { fields: ["stayDays"] },
    });
    expect(audit.filter((e) => e.action === "access.requested").at(-1)?.meta).toMatchObject({
      kind: "COUNTRY_STAY_RULE",
      fields: ["stayDays"],
    });
  });

  test.each<[string, Partial<StayRule>]>([
    ["no registration needed", { registrationDays: null }],
    ["entry without a foreign passport", { passportFreeEntry: true }],
    ["a shorter window", { windowDays: 120 }],
    ["no day limit", { stayDays: null, windowDays: null }],
  ])("%s waits for confirmation", async (_name, change) => {
    const a = await admin();
    const code = ["UZ", "RS", "TR", "TJ"][
      ["no registration needed", "entry without a foreign passport", "a shorter window", "no day limit"].indexOf(_name)
    ]!;
    const base = { stayDays: 90, windowDays: 180, registrationDays: 3, passportFreeEntry: false };
    await setStayRule(a, input(code, base));
    expect(await setStayRule(a, input(code, { ...base, ...change }))).toEqual({ changed: false, pending: true });
    expect((await listStayRules(a)).find((r) => r.countryCode === code)).toMatchObject(base);
  });

  test("tightening applies at once, recomputes the open cases in the country, and makes a waiting loosening stale", async () => {
    const a = await admin();
    await setStayRule(a, input("KG", { stayDays: 90, windowDays: 180 }));
    const kase = await caseIn("KG", 5);
    const closed = await caseIn("KG", 5);
    await db().case.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
    const closedWeek = await stayEndsWeek(closed.id);
    await setStayRule(a, input("KG", { stayDays: 120, windowDays: 180 }));
    const stale = await pendingStayRequest("KG");
    const versionBefore = (await db().case.findUniqueOrThrow({ where: { id: kase.id } })).version;
    expect(await setStayRule(a, input("KG", { stayDays: 30, windowDays: 180 }))).toEqual({ changed: true, pending: false });
    expect(await stayEndsWeek(kase.id)).toEqual(monday(new Date(daysAgo(5).getTime() + 29 * DAY)));
    // A derived value: the case's version does not move, so nobody's open form goes stale.
    expect((await db().case.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(versionBefore);
    expect(await stayEndsWeek(closed.id)).toEqual(closedWeek);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    await expect(approveAccessRequest(coordinator, stale)).rejects.toMatchObject({ code: "stay_rule_changed" });
  });

  test("only admins may edit or list; the edit needs a fresh step-up", async () => {
    for (const role of ["CASEWORKER", "COORDINATOR"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(setStayRule(actor, input("FR", {}))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listStayRules(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    const stale = await actorFor(await createUser({ role: "ADMIN" }), { steppedUpAt: null });
    await expect(setStayRule(stale, input("FR", { stayDays: 90, windowDays: 180 }))).rejects.toMatchObject({ code: "step_up_required" });
  });
});

async function pendingStayRequest(countryCode: string) {
  return (
    await db().accessRequest.findFirstOrThrow({
      where: { countryCode, kind: "COUNTRY_STAY_RULE", status: "PENDING" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    })
  ).id;
}
