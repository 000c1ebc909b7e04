import { describe, expect, test } from "vitest";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { setStayRule } from "@/lib/countries/stay-rules";
import { db } from "@/lib/db/client";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser, databaseText, type CreatedCase } from "@/lib/testing/factories";
import { linkCases, unlinkCase } from "./groups";
import { getCaseDetail } from "./queries";
import { recordMove } from "./records";
import { LinkCaseSchema, RecordMoveSchema } from "./record-schemas";

const DAY = 86_400_000;
const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const day = (days: number) => new Date(`${isoDay(days)}T00:00:00.000Z`);
/** Almaty, a city of the shipped list. */
const ALMATY = "1526384";

async function caseOf(assignedToId: string, createdById = assignedToId, extra: Partial<Parameters<typeof createCase>[0]> = {}) {
  return createCase({ createdById, assignedToId, currentCountry: "RU", ...extra });
}

const version = async (kase: CreatedCase) =>
  (await db().case.findUniqueOrThrow({ where: { id: kase.id }, select: { version: true } })).version;

async function link(actor: Awaited<ReturnType<typeof actorFor>>, a: CreatedCase, b: CreatedCase, kind = "FAMILY") {
  await linkCases(actor, LinkCaseSchema.parse({ code: a.code, version: String(await version(a)), otherCode: b.code, kind }));
}

async function world() {
  const worker = await createUser({ role: "CASEWORKER" });
  const other = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const [a, b, c] = [await caseOf(worker.id), await caseOf(worker.id), await caseOf(worker.id)];
  const theirs = await caseOf(other.id);
  return {
    worker,
    cw: await actorFor(worker),
    otherCw: await actorFor(other),
    co: await actorFor(coordinator),
    a,
    b,
    c,
    theirs,
  };
}

describe("linking cases of people travelling together", () => {
  test("a caseworker links two of their cases: each page shows the other's code and the kind", async () => {
    const w = await world();
    await link(w.cw, w.a, w.b);
    const [pageA, pageB] = [await getCaseDetail(w.cw, w.a.code), await getCaseDetail(w.cw, w.b.code)];
    expect(pageA.group).toEqual({ kind: "FAMILY", members: [{ code: w.b.code, version: 2, closed: false }] });
    expect(pageB.group).toEqual({ kind: "FAMILY", members: [{ code: w.a.code, version: 2, closed: false }] });
    // A third joins through either member; everyone sees both others.
    await link(w.cw, w.c, w.b);
    expect((await getCaseDetail(w.cw, w.a.code)).group?.members.map((m) => m.code).sort()).toEqual([w.b.code, w.c.code].sort());
    expect((await getCaseDetail(w.cw, w.c.code)).group?.kind).toBe("FAMILY");
    expect((await getCaseDetail(w.cw, w.c.code)).group?.members).toHaveLength(2);
  });

  test("linking to a case the caseworker may not see answers like a code that does not exist, and changes nothing", async () => {
    const w = await world();
    const before = await caseState(w.a.id);
    const theirsBefore = await caseState(w.theirs.id);
    const refusal = await link(w.cw, w.a, w.theirs).catch((e: unknown) => e);
    const missing = await linkCases(w.cw, LinkCaseSchema.parse({ code: w.a.code, version: "1", otherCode: "WP-2222-2222" })).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(refusal).toEqual(missing);
    expect(await caseState(w.a.id)).toEqual(before);
    expect(await caseState(w.theirs.id)).toEqual(theirsBefore);
    // The attempt is in the other case's trail as a refusal.
    expect((await caseAudit(w.theirs.id)).map((e) => e.action)).toContain("case.access_refused");
    // Nor may the other caseworker link from their side to a case of ours.
    await expect(link(w.otherCw, w.theirs, w.a)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a caseworker sees only the group's cases they may see, and nothing (not a count) of the others", async () => {
    const w = await world();
    // A coordinator links a case of ours with a case of another caseworker's.
    await link(w.co, w.a, w.theirs, "UNIT");
    await link(w.co, w.b, w.a);
    const mine = await getCaseDetail(w.cw, w.a.code);
    expect(mine.group).toEqual({ kind: "UNIT", members: [{ code: w.b.code, version: 2, closed: false }] });
    expect(JSON.stringify(mine)).not.toContain(w.theirs.code);
    const theirs = await getCaseDetail(w.otherCw, w.theirs.code);
    expect(theirs.group).toEqual({ kind: "UNIT", members: [] });
    expect((await getCaseDetail(w.co, w.theirs.code)).group?.members.map((m) => m.code).sort()).toEqual([w.a.code, w.b.code].sort());
  });

  test("the link is sealed: the database holds no group id or kind in clear, and no audit entry names two cases", async () => {
    const w = await world();
    await link(w.cw, w.a, w.b, "UNIT");
    const rows = await db().case.findMany({ where: { id: { in: [w.a.id, w.b.id] } }, select: { groupEnc: true } });
    expect(rows[0]!.groupEnc).not.toBeNull();
    expect(rows[0]!.groupEnc).not.toEqual(rows[1]!.groupEnc);
    expect(await databaseText()).not.toMatch(/"kind":"UNIT"/);
    const links = await db().caseAuditLink.groupBy({ by: ["auditId"], where: { caseId: { in: [w.a.id, w.b.id] } }, _count: true });
    expect(links.every((l) => l._count === 1)).toBe(true);
  });

  test("linking and unlinking are audited and in both timelines, each case bumped once", async () => {
    const w = await world();
    await link(w.cw, w.a, w.b);
    for (const kase of [w.a, w.b]) {
      const state = await caseState(kase.id);
      expect(state.row.version).toBe(2);
      expect(state.events.map((e) => e.type)).toContain("GROUP_JOINED");
      expect((await caseAudit(kase.id)).filter((e) => e.action === "case.group_linked")).toHaveLength(1);
    }
    await unlinkCase(w.cw, { code: w.a.code, version: 2 });
    expect((await getCaseDetail(w.cw, w.a.code)).group).toBeNull();
    expect((await getCaseDetail(w.cw, w.b.code)).group?.members).toEqual([]);
    for (const kase of [w.a, w.b]) {
      expect((await caseState(kase.id)).events.map((e) => e.type)).toContain("GROUP_LEFT");
      const audit = await caseAudit(kase.id);
      expect(audit.filter((e) => e.action === "case.group_unlinked").map((e) => e.meta)).toEqual([{ fields: ["group"] }]);
    }
  });

  test("refusals: itself, twice, two different groups, a stale version, an admin", async () => {
    const w = await world();
    const d = await caseOf(w.worker.id);
    await expect(link(w.cw, w.a, w.a)).rejects.toBeInstanceOf(InvalidInputError);
    await link(w.cw, w.a, w.b);
    await expect(link(w.cw, w.b, w.a)).rejects.toBeInstanceOf(InvalidInputError);
    await link(w.cw, w.c, d);
    await expect(link(w.cw, w.a, w.c)).rejects.toMatchObject({ code: "other_group" });
    await expect(linkCases(w.cw, LinkCaseSchema.parse({ code: d.code, version: "1", otherCode: w.a.code }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(unlinkCase(w.cw, { code: w.a.code, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    await expect(link(admin, w.a, d)).rejects.toThrow();
  });
});

describe("a move recorded for the whole group", () => {
  async function family() {
    const w = await world();
    await link(w.cw, w.a, w.b);
    await link(w.cw, w.a, w.c);
    return w;
  }
  const moveFor = async (w: Awaited<ReturnType<typeof family>>, others: CreatedCase[], extra: Record<string, string> = {}) => {
    const fields = {
      code: w.a.code,
      version: String(await version(w.a)),
      country: "KZ",
      placeCity: ALMATY,
      arrivedOn: isoDay(-2),
      alsoForGroup: "on",
      groupCases: await Promise.all(others.map(async (o) => `${o.code}:${await version(o)}`)),
      ...extra,
    };
    return recordMove(w.cw, RecordMoveSchema.parse(fields));
  };

  test("records the same move on each case, each with its own stay, event and audit entry", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    await setStayRule(admin, {
      countryCode: "KZ",
      rule: { stayDays: 90, windowDays: 180, registrationDays: 30, passportFreeEntry: false },
      checkedOn: null,
      sourceNote: "test",
    });
    const w = await family();
    await moveFor(w, [w.b, w.c]);
    for (const kase of [w.a, w.b, w.c]) {
      const state = await caseState(kase.id);
      expect(state.row.currentCountry).toBe("KZ");
      expect(state.row.placeCity).toBe(ALMATY);
      expect(state.movements.at(-1)).toMatchObject({ country: "KZ", arrivedOn: day(-2) });
      // Kazakhstan's stay rule gives the case its stay's end, as a move on its own page would.
      expect(state.row.stayEndsWeek).not.toBeNull();
      expect(state.events.filter((e) => e.type === "LOCATION_CHANGED")).toHaveLength(1);
      expect((await caseAudit(kase.id)).filter((e) => e.action === "case.location_changed")).toHaveLength(1);
    }
  });

  test("without the box ticked, only the case itself moves", async () => {
    const w = await family();
    await moveFor(w, [w.b, w.c], { alsoForGroup: "" });
    expect((await caseState(w.a.id)).row.currentCountry).toBe("KZ");
    expect((await caseState(w.b.id)).row.currentCountry).toBe("RU");
  });

  test("one stale version and nothing is recorded on any case", async () => {
    const w = await family();
    const before = await Promise.all([w.a, w.b, w.c].map((k) => caseState(k.id)));
    const fields = {
      code: w.a.code,
      version: String(await version(w.a)),
      country: "KZ",
      alsoForGroup: "on",
      groupCases: [`${w.b.code}:${await version(w.b)}`, `${w.c.code}:${(await version(w.c)) - 1}`],
    };
    await expect(recordMove(w.cw, RecordMoveSchema.parse(fields))).rejects.toMatchObject({ code: "stale_version" });
    expect(await Promise.all([w.a, w.b, w.c].map((k) => caseState(k.id)))).toEqual(before);
  });

  test("one refused move (a later move already recorded on one case) and nothing is recorded on any case", async () => {
    const w = await family();
    await recordMove(w.cw, { code: w.c.code, version: await version(w.c), country: "AM", arrivedOn: day(-1) });
    const before = await Promise.all([w.a, w.b, w.c].map((k) => caseState(k.id)));
    const error = await moveFor(w, [w.b, w.c]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ fieldErrors: { alsoForGroup: ["refused_for_other_case"] } });
    expect(await Promise.all([w.a, w.b, w.c].map((k) => caseState(k.id)))).toEqual(before);
  });

  test("a case outside the group, or outside the caseworker's sight, refuses the whole move", async () => {
    const w = await family();
    const loner = await caseOf(w.worker.id);
    const before = await Promise.all([w.a, w.b, loner].map((k) => caseState(k.id)));
    await expect(moveFor(w, [w.b, loner])).rejects.toMatchObject({ code: "group_changed" });
    await expect(moveFor(w, [w.b, w.theirs])).rejects.toBeInstanceOf(NotFoundError);
    expect(await Promise.all([w.a, w.b, loner].map((k) => caseState(k.id)))).toEqual(before);
  });
});
