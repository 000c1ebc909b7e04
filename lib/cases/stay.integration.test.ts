import { describe, expect, test } from "vitest";
import { setStayRule } from "@/lib/countries/stay-rules";
import { db } from "@/lib/db/client";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { isoWeekStart } from "./derived";
import { recordMove } from "./movements";
import { getCaseDetail } from "./queries";

const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (n: number) => new Date(today().getTime() - n * DAY);

async function rule(countryCode: string, stayDays: number, windowDays: number | null, checkedOn: Date | null = null) {
  const admin = await actorFor(await createUser({ role: "ADMIN" }));
  await setStayRule(admin, {
    countryCode,
    rule: { stayDays, windowDays, registrationDays: 30, passportFreeEntry: false },
    checkedOn,
    sourceNote: "test",
  });
}

/** A case that made these moves (country, days ago), through the data-access layer. */
async function travelled(...moves: Array<[string, number | undefined]>) {
  const worker = await createUser({ role: "CASEWORKER" });
  const actor = await actorFor(worker);
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "RU", status: "IN_TRANSIT" });
  for (const [i, [country, ago]] of moves.entries()) {
    await recordMove(actor, { code: kase.code, version: i + 1, country, arrivedOn: ago === undefined ? undefined : daysAgo(ago) });
  }
  return { actor, kase, detail: await getCaseDetail(actor, kase.code) };
}

const week = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id }, select: { stayEndsWeek: true } })).stayEndsWeek;

describe("the stay on the case page", () => {
  test("90 in 180 across the window's edge: an earlier stay still inside the window counts, and the stored week agrees", async () => {
    await rule("KZ", 90, 180);
    // KZ 100..61 days ago (40 days), AM until 20 days ago, then KZ again.
    const { kase, detail } = await travelled(["KZ", 100], ["AM", 60], ["KZ", 20]);
    expect(detail.stay).toMatchObject({ country: "KZ", checkedOn: null, facts: { kind: "limited", daysAllowed: 90, windowDays: 180 } });
    if (detail.stay?.facts.kind !== "limited") throw new Error("expected a limited stay");
    // 41 days of the first stay (arrival and departure days count) + 21 of this one.
    expect(detail.stay.facts.daysUsed).toBe(62);
    // Stays on: the first stay leaves the window from day 180 after its start (in 80 days); the 90th
    // day in the window comes when 28 more days are used, before any of it leaves: in 28 days.
    expect(detail.stay.facts.daysLeft).toBe(28);
    expect(detail.stay.facts.endsOn).toEqual(new Date(today().getTime() + 28 * DAY));
    expect(await week(kase.id)).toEqual(isoWeekStart(detail.stay.facts.endsOn));
  });

  test("an earlier stay that left the window counts no more", async () => {
    await rule("KG", 90, 180);
    const { detail } = await travelled(["KG", 300], ["AM", 250], ["KG", 10]);
    expect(detail.stay?.facts).toMatchObject({ kind: "limited", daysUsed: 11, daysLeft: 79 });
  });

  test("per entry, a checked rule: days count from the last arrival, and the page says when the rule was checked", async () => {
    await rule("GE", 365, null, daysAgo(3));
    const { detail } = await travelled(["GE", 400], ["TR", 30], ["GE", 9]);
    expect(detail.stay).toMatchObject({ checkedOn: daysAgo(3), facts: { kind: "limited", daysUsed: 10, daysLeft: 355 } });
    expect(detail.stay?.facts.kind === "limited" && detail.stay.facts.registrationBy).toEqual(new Date(daysAgo(9).getTime() + 29 * DAY));
  });

  test("no rule, or an arrival day never recorded: nothing runs out, nothing is stored", async () => {
    const { kase, detail } = await travelled(["BR", 5]);
    expect(detail.stay).toMatchObject({ rule: null, facts: { kind: "unlimited", daysUsed: 6 } });
    expect(await week(kase.id)).toBeNull();
    await rule("RS", 30, 60);
    const worker = await createUser({ role: "CASEWORKER" });
    const intake = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "RS" });
    await db().movement.create({ data: { caseId: intake.id, country: "RS", createdById: worker.id } });
    expect((await getCaseDetail(await actorFor(worker), intake.code)).stay?.facts).toEqual({ kind: "unknown_arrival" });
  });

  test("a person in a country they have no open stay in has no stay on the page", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ" });
    expect((await getCaseDetail(await actorFor(worker), kase.code)).stay).toBeNull();
  });
});
