import { describe, expect, test } from "vitest";
import { createBudgetLine as createLine, updateBudgetLine } from "@/lib/budget/lines";
import { RecordAssistanceSchema } from "@/lib/budget/schemas";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { actorFor, createBudgetLine, createCase, createUser } from "@/lib/testing/factories";
import { decideAssistance, listCaseAssistance, recordAssistance } from "./assistance";
import { getCaseDetail } from "@/lib/cases/queries";

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** A caseworker's case in Kazakhstan and a ticket line (EUR, approval above 200.00). */
async function world() {
  const worker = await createUser({ role: "CASEWORKER" });
  const coordinator = await createUser({ role: "COORDINATOR" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KZ", status: "IN_THIRD_COUNTRY" });
  const line = await createBudgetLine({ currency: "EUR", approvalThresholdMinor: 20_000 });
  return { worker: await actorFor(worker), coordinator: await actorFor(coordinator), kase, line };
}

const ticket = (w: Awaited<ReturnType<typeof world>>, version: number, amount: number, extra: object = {}) => ({
  code: w.kase.code,
  version,
  type: "TICKET" as const,
  amount,
  currency: "EUR" as const,
  month: thisMonth(),
  budgetLineId: w.line.id,
  ...extra,
});

describe("assistance: recording and approval", () => {
  test("help up to the threshold is approved at once; above it waits; both are in the timeline and audited by name", async () => {
    const w = await world();
    expect(await recordAssistance(w.worker, ticket(w, 1, 20_000))).toEqual({ status: "APPROVED" });
    expect(await recordAssistance(w.worker, ticket(w, 2, 45_000, { note: "Night bus via Almaty" }))).toEqual({
      status: "AWAITING_APPROVAL",
    });
    const state = await caseState(w.kase.id);
    expect(state.assistance.map((a) => [a.amountMinor, a.status, a.country, a.stage, a.month.toISOString().slice(0, 10)]).sort()).toEqual([
      [20_000, "APPROVED", "KZ", "IN_THIRD_COUNTRY", `${thisMonth()}-01`],
      [45_000, "AWAITING_APPROVAL", "KZ", "IN_THIRD_COUNTRY", `${thisMonth()}-01`],
    ]);
    // The remark is sealed: not in the row in clear, readable with the case's key.
    const sealed = state.assistance.find((a) => a.amountMinor === 45_000)!;
    expect(sealed.noteEnc).not.toContain("Almaty");
    expect(sealed.note).toBe("Night bus via Almaty");
    expect(state.events.filter((e) => e.type === "ASSISTANCE_RECORDED").map((e) => e.detail)).toEqual([
      { type: "TICKET", status: "APPROVED" },
      { type: "TICKET", status: "AWAITING_APPROVAL" },
    ]);
    const audit = await caseAudit(w.kase.id);
    expect(audit.map((e) => [e.action, e.meta])).toEqual([
      ["case.assistance_recorded", { fields: ["assistance"] }],
      ["case.assistance_recorded", { fields: ["assistance"] }],
    ]);
    expect(JSON.stringify(audit.map((e) => e.meta))).not.toMatch(/45000|Almaty|TICKET/);
  });

  test("a coordinator approves a ticket a caseworker recorded; the recorder sees it approved", async () => {
    const w = await world();
    await recordAssistance(w.worker, ticket(w, 1, 45_000));
    const [waiting] = await listCaseAssistance(w.coordinator, w.kase.code);
    expect(waiting).toMatchObject({ status: "AWAITING_APPROVAL", canDecide: true, amountMinor: 45_000, budgetLine: w.line.label });
    await decideAssistance(w.coordinator, { code: w.kase.code, version: 2, assistanceId: waiting!.id, decision: "APPROVE" });
    const [approved] = await listCaseAssistance(w.worker, w.kase.code);
    expect(approved).toMatchObject({ status: "APPROVED", canDecide: false });
    const row = await db().assistance.findUniqueOrThrow({ where: { id: waiting!.id } });
    expect(row.decidedById).toBe(w.coordinator.userId);
    expect((await caseState(w.kase.id)).events.at(-1)).toMatchObject({
      type: "ASSISTANCE_DECIDED",
      detail: { type: "TICKET", to: "APPROVED" },
    });
  });

  test("a refusal is final: it cannot be approved afterwards, nor decided twice", async () => {
    const w = await world();
    await recordAssistance(w.worker, ticket(w, 1, 45_000));
    const [waiting] = await listCaseAssistance(w.coordinator, w.kase.code);
    await decideAssistance(w.coordinator, { code: w.kase.code, version: 2, assistanceId: waiting!.id, decision: "REFUSE" });
    const again = await decideAssistance(w.coordinator, {
      code: w.kase.code,
      version: 3,
      assistanceId: waiting!.id,
      decision: "APPROVE",
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).code).toBe("assistance_not_awaiting");
    expect((await db().assistance.findUniqueOrThrow({ where: { id: waiting!.id } })).status).toBe("REFUSED");
  });

  test("four eyes: a coordinator who recorded help cannot approve it; another coordinator can", async () => {
    const w = await world();
    await recordAssistance(w.coordinator, ticket(w, 1, 45_000));
    const [own] = await listCaseAssistance(w.coordinator, w.kase.code);
    expect(own!.canDecide).toBe(false);
    const refused = await decideAssistance(w.coordinator, {
      code: w.kase.code,
      version: 2,
      assistanceId: own!.id,
      decision: "APPROVE",
    }).catch((e: unknown) => e);
    expect((refused as ConflictError).code).toBe("own_assistance");
    const other = await actorFor(await createUser({ role: "COORDINATOR" }));
    await decideAssistance(other, { code: w.kase.code, version: 2, assistanceId: own!.id, decision: "APPROVE" });
    expect((await db().assistance.findUniqueOrThrow({ where: { id: own!.id } })).status).toBe("APPROVED");
  });

  test("a caseworker may not approve (403), and records only on cases they may work: another's case answers as a missing one", async () => {
    const w = await world();
    await recordAssistance(w.worker, ticket(w, 1, 45_000));
    const [waiting] = await listCaseAssistance(w.worker, w.kase.code);
    const forbidden = await decideAssistance(w.worker, {
      code: w.kase.code,
      version: 2,
      assistanceId: waiting!.id,
      decision: "APPROVE",
    }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ForbiddenError);

    const stranger = await actorFor(await createUser({ role: "CASEWORKER" }));
    const before = await caseState(w.kase.id);
    await expect(recordAssistance(stranger, ticket(w, 2, 1_000))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listCaseAssistance(stranger, w.kase.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseDetail(stranger, w.kase.code)).rejects.toBeInstanceOf(NotFoundError);
    expect(await caseState(w.kase.id)).toEqual(before);
  });

  test("an inactive or unknown line is refused as invalid input, and a stale version as a conflict", async () => {
    const w = await world();
    const inactive = await createBudgetLine({ active: false });
    const error = await recordAssistance(w.worker, ticket(w, 1, 1_000, { budgetLineId: inactive.id })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fieldErrors).toEqual({ budgetLineId: ["invalid_budget_line"] });
    await expect(recordAssistance(w.worker, ticket(w, 7, 1_000))).rejects.toBeInstanceOf(ConflictError);
    expect(await db().assistance.count({ where: { caseId: w.kase.id } })).toBe(0);
  });

  test("a new threshold applies from then on; help in another currency than the line's always waits", async () => {
    const w = await world();
    const coordinator = w.coordinator;
    await updateBudgetLine(coordinator, { id: w.line.id, label: w.line.label, currency: "EUR", threshold: 50_000, active: true });
    expect(await recordAssistance(w.worker, ticket(w, 1, 45_000))).toEqual({ status: "APPROVED" });
    expect(await recordAssistance(w.worker, ticket(w, 2, 100, { currency: "KZT" }))).toEqual({ status: "AWAITING_APPROVAL" });
  });

  test("the form's schema screens the remark, refuses a day, a negative amount and a currency off the list", () => {
    const base = { code: "WP-2345-6789", version: "1", type: "TICKET", amount: "450.00", currency: "EUR", month: "2025-05" };
    const line = { budgetLineId: "3f1c6a3e-8a2b-4c57-9a0e-2b7c1d1e4f50" };
    expect(RecordAssistanceSchema.safeParse({ ...base, ...line }).data).toMatchObject({ amount: 45_000, month: "2025-05" });
    expect(RecordAssistanceSchema.safeParse({ ...base, ...line, month: "2025-05-14" }).success).toBe(false);
    expect(RecordAssistanceSchema.safeParse({ ...base, ...line, amount: "-5" }).success).toBe(false);
    expect(RecordAssistanceSchema.safeParse({ ...base, ...line, currency: "XAU" }).success).toBe(false);
    expect(RecordAssistanceSchema.safeParse({ ...base, ...line, note: "call him on +7 701 555 12 34" }).success).toBe(false);
  });
});

describe("budget lines", () => {
  test("coordinators create and change lines, audited by the names of the parts changed; caseworkers may not", async () => {
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const worker = await actorFor(await createUser({ role: "CASEWORKER" }));
    const label = `Tickets ${Math.random().toString(36).slice(2, 8)}`;
    const input = { label, currency: "EUR" as const, threshold: 20_000, active: true };
    await expect(createLine(worker, input)).rejects.toBeInstanceOf(ForbiddenError);
    const id = await createLine(coordinator, input);
    await expect(createLine(coordinator, input)).rejects.toMatchObject({ code: "budget_line_name_taken" });
    await updateBudgetLine(coordinator, { id, ...input, threshold: 30_000, active: false });
    const entries = await db().auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.meta])).toEqual([
      ["budget_line.created", {}],
      ["budget_line.updated", { fields: ["approvalThresholdMinor", "active"] }],
    ]);
  });
});
