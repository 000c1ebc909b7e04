import { describe, expect, test } from "vitest";
import { setStayRule } from "@/lib/countries/stay-rules";
import { db } from "@/lib/db/client";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { isoWeekStart } from "./derived";
import { correctMovement, movementOrderProblem, recordMove } from "./movements";
import { getCaseDetail } from "./queries";
import { CorrectMovementSchema } from "./record-schemas";

const DAY = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (n: number) => new Date(today().getTime() - n * DAY);

/** A caseworker's case that went RU → KZ (arrived `kzAgo` days ago) under a 90-in-180 rule for KZ. */
async function world(kzAgo = 40) {
  const admin = await actorFor(await createUser({ role: "ADMIN" }));
  await setStayRule(admin, {
    countryCode: "KZ",
    rule: { stayDays: 90, windowDays: 180, registrationDays: 30, passportFreeEntry: false },
    checkedOn: null,
    sourceNote: null,
  });
  const worker = await createUser({ role: "CASEWORKER" });
  const actor = await actorFor(worker);
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "RU", status: "IN_TRANSIT" });
  await recordMove(actor, { code: kase.code, version: 1, country: "RU", arrivedOn: daysAgo(kzAgo + 20) });
  await recordMove(actor, { code: kase.code, version: 2, country: "KZ", arrivedOn: daysAgo(kzAgo) });
  const detail = await getCaseDetail(actor, kase.code);
  const [ru, kz] = detail.movements;
  return { actor, kase, worker, ru: ru!, kz: kz!, version: detail.version };
}

const caseRow = (id: string) => db().case.findUniqueOrThrow({ where: { id }, select: { version: true, stayEndsWeek: true } });
const fieldOf = (error: unknown) => (error instanceof InvalidInputError ? Object.keys(error.fieldErrors) : []);

describe("movements: order and corrections", () => {
  test("a move dated before one already recorded is refused, naming the arrival, and nothing changes", async () => {
    const w = await world();
    const error = await recordMove(w.actor, { code: w.kase.code, version: w.version, country: "AM", arrivedOn: daysAgo(41) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: "movement_order" });
    expect(fieldOf(error)).toEqual(["arrivedOn"]);
    expect((await caseRow(w.kase.id)).version).toBe(w.version);
    // The same day as the last arrival is possible (passing through).
    await recordMove(w.actor, { code: w.kase.code, version: w.version, country: "AM", arrivedOn: daysAgo(40) });
  });

  test("correcting an arrival moves the previous departure along, recomputes the stay, seals the reason in the timeline and audits field names only", async () => {
    const w = await world(40);
    const before = await caseRow(w.kase.id);
    expect(before.stayEndsWeek).toEqual(isoWeekStart(new Date(daysAgo(40).getTime() + 89 * DAY)));
    await correctMovement(w.actor, {
      code: w.kase.code,
      version: w.version,
      movementId: w.kz.id,
      arrivedOn: daysAgo(50),
      reason: "border stamp read again",
    });
    const detail = await getCaseDetail(w.actor, w.kase.code);
    expect(detail.movements.map((m) => [m.country, m.arrivedOn, m.leftOn])).toEqual([
      ["RU", daysAgo(60), daysAgo(50)],
      ["KZ", daysAgo(50), null],
    ]);
    expect((await caseRow(w.kase.id)).stayEndsWeek).toEqual(isoWeekStart(new Date(daysAgo(50).getTime() + 89 * DAY)));
    const event = detail.timeline.find((e) => e.type === "MOVEMENT_CORRECTED");
    expect(event?.detail).toMatchObject({
      country: "KZ",
      arrivedFrom: daysAgo(40).toISOString().slice(0, 10),
      arrivedTo: daysAgo(50).toISOString().slice(0, 10),
      reason: "border stamp read again",
    });
    const sealed = await db().caseEvent.findMany({ where: { caseId: w.kase.id, type: "MOVEMENT_CORRECTED" }, select: { detailEnc: true } });
    expect(JSON.stringify(sealed)).not.toContain("stamp");
    const audit = await db().auditLog.findMany({ where: { action: "case.movement_corrected" }, select: { meta: true, targetId: true } });
    expect(audit).toEqual([{ meta: { fields: ["movements"] }, targetId: null }]);
  });

  test("correcting a departure moves the next arrival along", async () => {
    const w = await world(40);
    await correctMovement(w.actor, {
      code: w.kase.code,
      version: w.version,
      movementId: w.ru.id,
      arrivedOn: daysAgo(60),
      leftOn: daysAgo(38),
      reason: "left later",
    });
    const detail = await getCaseDetail(w.actor, w.kase.code);
    expect(detail.movements.map((m) => [m.arrivedOn, m.leftOn])).toEqual([
      [daysAgo(60), daysAgo(38)],
      [daysAgo(38), null],
    ]);
  });

  test.each<[string, { movement: "ru" | "kz"; arrivedOn?: number; leftOn?: number }, string]>([
    ["an arrival before the previous arrival", { movement: "kz", arrivedOn: 70 }, "arrivedOn"],
    ["a departure before its arrival", { movement: "ru", arrivedOn: 60, leftOn: 65 }, "leftOn"],
    ["a departure for the stay the person is still in", { movement: "kz", arrivedOn: 40, leftOn: 10 }, "leftOn"],
    ["a closed stay losing its departure", { movement: "ru", arrivedOn: 60 }, "leftOn"],
  ])("refuses %s, changing nothing", async (_name, c, field) => {
    const w = await world(40);
    const target = c.movement === "ru" ? w.ru : w.kz;
    const error = await correctMovement(w.actor, {
      code: w.kase.code,
      version: w.version,
      movementId: target.id,
      arrivedOn: c.arrivedOn === undefined ? undefined : daysAgo(c.arrivedOn),
      leftOn: c.leftOn === undefined ? undefined : daysAgo(c.leftOn),
      reason: "checking",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(fieldOf(error)).toEqual([field]);
    expect((await caseRow(w.kase.id)).version).toBe(w.version);
  });

  test("the order check, row by row", () => {
    const d = (n: number | null) => (n === null ? null : daysAgo(n));
    const seq = (...rows: Array<[number | null, number | null]>) => rows.map(([a, l]) => ({ arrivedOn: d(a), leftOn: d(l) }));
    expect(movementOrderProblem(seq([60, 40], [40, null]))).toBeNull();
    expect(movementOrderProblem(seq([60, 40], [45, null]))).toBe("arrivedOn");
    expect(movementOrderProblem(seq([60, 70]))).toBe("leftOn");
    expect(movementOrderProblem(seq([null, 40], [null, null], [30, null]))).toBeNull();
    expect(movementOrderProblem(seq([60, 40], [null, 30], [35, null]))).toBe("arrivedOn");
  });

  test("a reason is required and screened; another case's movement, or a case out of scope, is not found", async () => {
    const w = await world();
    const parse = (reason: string) => CorrectMovementSchema.safeParse({ code: w.kase.code, version: "1", movementId: w.kz.id, reason });
    expect(parse("").success).toBe(false);
    expect(parse("call him on +7 701 123 45 67").success).toBe(false);
    expect(parse("typo").success).toBe(true);
    const other = await world();
    await expect(
      correctMovement(w.actor, { code: w.kase.code, version: w.version, movementId: other.kz.id, arrivedOn: daysAgo(45), reason: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      correctMovement(other.actor, { code: w.kase.code, version: w.version, movementId: w.kz.id, arrivedOn: daysAgo(45), reason: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
