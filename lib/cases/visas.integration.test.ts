import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { changeStatus } from "./mutations";
import { getCaseDetail } from "./queries";
import { addApplication, recordSupportLetter, updateApplication } from "./records";
import { AddApplicationSchema, UpdateApplicationSchema } from "./record-schemas";

/** ADR 021: a granted visa's window and entry deadline, the appeal deadline, the support letter. */

const DAY = 86_400_000;
const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const day = (days: number) => new Date(`${isoDay(days)}T00:00:00.000Z`);

async function world(status: "IN_THIRD_COUNTRY" | "APPLYING" = "APPLYING") {
  const caseworker = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id, currentCountry: "KZ", status });
  const cw = await actorFor(caseworker);
  await addApplication(cw, {
    code: kase.code,
    version: 1,
    type: "HUMANITARIAN_VISA",
    destinationCountry: "FR",
    status: "SUBMITTED",
    submittedOn: day(-40),
  });
  const application = (await caseState(kase.id)).applications[0]!;
  return { caseworker, coordinator, cw, co: await actorFor(coordinator), kase, applicationId: application.id };
}

describe("a granted visa's window and entry deadline", () => {
  test("round-trip sealed; only the Monday of the deadline's week is in clear", async () => {
    const w = await world();
    await updateApplication(
      w.cw,
      UpdateApplicationSchema.parse({
        code: w.kase.code,
        version: 2,
        applicationId: w.applicationId,
        status: "APPROVED",
        submittedOn: isoDay(-40),
        decisionOn: isoDay(-3),
        validFrom: isoDay(-2),
        validUntil: isoDay(88),
        entryBy: isoDay(10),
      }),
    );
    const [a] = (await getCaseDetail(w.cw, w.kase.code)).applications;
    expect(a).toMatchObject({ status: "APPROVED", validFrom: day(-2), validUntil: day(88), entryBy: day(10), appealBy: null });
    const [raw] = await db().$queryRawUnsafe<Record<string, unknown>[]>("SELECT * FROM applications WHERE id = $1::uuid", w.applicationId);
    const week = raw!.entry_by_week as Date;
    expect(week.getUTCDay()).toBe(1);
    expect(week <= day(10) && day(10).getTime() - week.getTime() < 7 * DAY).toBe(true);
    const text = JSON.stringify(raw);
    for (const d of [-2, 88, 10, -3, -40]) expect(text).not.toContain(isoDay(d));
    for (const column of ["valid_from_enc", "valid_until_enc", "entry_by_enc"]) expect(raw![column]).toEqual(expect.any(String));
    const [entry] = (await caseAudit(w.kase.id)).filter((e) => e.action === "case.application_updated");
    expect(entry!.meta).toEqual({ fields: ["applications"] });
  });

  test.each([
    {
      name: "a window on an application not approved",
      status: "SUBMITTED",
      extra: { validFrom: day(1) },
      field: "validFrom",
      code: "only_when_approved",
    },
    {
      name: "an entry deadline after the window",
      status: "APPROVED",
      extra: { validFrom: day(1), validUntil: day(30), entryBy: day(31) },
      field: "entryBy",
      code: "after_valid_until",
    },
    {
      name: "a window ending before it starts",
      status: "APPROVED",
      extra: { validFrom: day(10), validUntil: day(5) },
      field: "validUntil",
      code: "before_valid_from",
    },
    {
      name: "an appeal deadline on an approved visa",
      status: "APPROVED",
      extra: { appealBy: day(5) },
      field: "appealBy",
      code: "only_when_rejected",
    },
    {
      name: "an appeal deadline before the decision",
      status: "REJECTED",
      extra: { appealBy: day(-10) },
      field: "appealBy",
      code: "before_decision",
    },
  ] as const)("refuses $name (422) and changes nothing", async ({ status, extra, field, code }) => {
    const w = await world();
    const before = await caseState(w.kase.id);
    const call = updateApplication(w.cw, {
      code: w.kase.code,
      version: 2,
      applicationId: w.applicationId,
      status,
      submittedOn: day(-40),
      ...(status === "SUBMITTED" ? {} : { decisionOn: day(-3) }),
      ...extra,
    });
    await expect(call).rejects.toBeInstanceOf(InvalidInputError);
    await expect(call).rejects.toMatchObject({ fieldErrors: { [field]: [code] } });
    expect(await caseState(w.kase.id)).toEqual(before);
  });

  test("an asylum application has no validity window", async () => {
    const w = await world();
    await addApplication(w.cw, {
      code: w.kase.code,
      version: 2,
      type: "ASYLUM",
      destinationCountry: "DE",
      status: "SUBMITTED",
      submittedOn: day(-5),
    });
    const asylum = (await caseState(w.kase.id)).applications.find((a) => a.type === "ASYLUM")!;
    await expect(
      updateApplication(w.cw, {
        code: w.kase.code,
        version: 3,
        applicationId: asylum.id,
        status: "APPROVED",
        submittedOn: day(-5),
        decisionOn: day(-1),
        entryBy: day(5),
      }),
    ).rejects.toMatchObject({ fieldErrors: { entryBy: ["only_for_visas"] } });
  });

  test("a rejection keeps its sealed appeal deadline, and the case returns to IN_THIRD_COUNTRY", async () => {
    const w = await world();
    await updateApplication(w.cw, {
      code: w.kase.code,
      version: 2,
      applicationId: w.applicationId,
      status: "REJECTED",
      submittedOn: day(-40),
      decisionOn: day(-3),
      appealBy: day(11),
    });
    expect((await getCaseDetail(w.cw, w.kase.code)).applications[0]).toMatchObject({ status: "REJECTED", appealBy: day(11) });
    await changeStatus(w.cw, { code: w.kase.code, version: 3, to: "IN_THIRD_COUNTRY" });
    expect((await caseState(w.kase.id)).row.status).toBe("IN_THIRD_COUNTRY");
  });

  test("another caseworker's case answers not found, and nothing changes", async () => {
    const w = await world();
    const other = await actorFor(await createUser({ role: "CASEWORKER" }));
    const before = await caseState(w.kase.id);
    await expect(
      updateApplication(other, {
        code: w.kase.code,
        version: 2,
        applicationId: w.applicationId,
        status: "REJECTED",
        submittedOn: day(-40),
        decisionOn: day(-1),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDetail(other, w.kase.code)).rejects.toBeInstanceOf(NotFoundError);
    expect(await caseState(w.kase.id)).toEqual(before);
  });
});

describe("adding an application already decided", () => {
  test("the add form takes a granted visa's window and entry deadline, sealed, with the week and the weeks to decision in clear", async () => {
    const w = await world();
    await addApplication(
      w.cw,
      AddApplicationSchema.parse({
        code: w.kase.code,
        version: 2,
        type: "VISA",
        destinationCountry: "DE",
        status: "APPROVED",
        submittedOn: isoDay(-30),
        decisionOn: isoDay(-2),
        validFrom: isoDay(-1),
        validUntil: isoDay(60),
        entryBy: isoDay(12),
      }),
    );
    const added = (await getCaseDetail(w.cw, w.kase.code)).applications.find((a) => a.destinationCountry === "DE");
    expect(added).toMatchObject({ validFrom: day(-1), validUntil: day(60), entryBy: day(12), appealBy: null });
    const [raw] = await db().$queryRawUnsafe<Record<string, unknown>[]>(
      "SELECT decision_weeks, entry_by_week FROM applications WHERE case_id = $1::uuid AND destination_country = 'DE'",
      w.kase.id,
    );
    expect(raw!.decision_weeks).toBe(4);
    expect(raw!.entry_by_week).toEqual(expect.any(Date));
  });

  test("an appeal deadline on an application added as approved is refused with the field named", async () => {
    const w = await world();
    const input = AddApplicationSchema.parse({
      code: w.kase.code,
      version: 2,
      type: "VISA",
      destinationCountry: "DE",
      status: "APPROVED",
      appealBy: isoDay(10),
    });
    await expect(addApplication(w.cw, input)).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("the support letter", () => {
  test("a coordinator records it: the day sealed, the coordinator named, a timeline event, audited by field name", async () => {
    const w = await world();
    await recordSupportLetter(w.co, { code: w.kase.code, version: 2, applicationId: w.applicationId, issuedOn: day(-20) });
    const [a] = (await getCaseDetail(w.cw, w.kase.code)).applications;
    expect(a!.letter).toEqual({ issuedOn: day(-20), issuedBy: w.coordinator.email });
    const [raw] = await db().$queryRawUnsafe<Record<string, unknown>[]>("SELECT * FROM applications WHERE id = $1::uuid", w.applicationId);
    expect(raw!.letter_issued_by_id).toBe(w.coordinator.id);
    expect(JSON.stringify(raw)).not.toContain(isoDay(-20));
    const state = await caseState(w.kase.id);
    expect(state.events.map((e) => e.type)).toContain("SUPPORT_LETTER_ISSUED");
    const entry = (await caseAudit(w.kase.id)).find((e) => e.action === "case.support_letter_recorded");
    expect(entry!.meta).toEqual({ fields: ["applications"] });
  });

  test("a caseworker may not record it (403); an application of another case is not found", async () => {
    const w = await world();
    await expect(
      recordSupportLetter(w.cw, { code: w.kase.code, version: 2, applicationId: w.applicationId, issuedOn: day(-20) }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const other = await world();
    await expect(
      recordSupportLetter(w.co, { code: w.kase.code, version: 2, applicationId: other.applicationId, issuedOn: day(-20) }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
