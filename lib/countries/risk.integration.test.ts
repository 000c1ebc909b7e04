import { describe, expect, test } from "vitest";
import { addWantedEntry } from "@/lib/cases/legal";
import { getCaseDetail } from "@/lib/cases/queries";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser } from "@/lib/testing/factories";
import { approveAccessRequest, rejectAccessRequest } from "@/lib/users/approvals";
import { pendingRequestId } from "@/lib/testing/approvals";
import { listCountryRisks, listPendingCountryChanges, setCountryRisk } from "./risk";
import { SetCountryRiskSchema } from "./schemas";

describe("the country-risk table", () => {
  test("an admin raises a country's risk at once; case pages follow; each change is audited with before → after", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "MN" });

    expect(await setCountryRisk(admin, SetCountryRiskSchema.parse({ countryCode: "mn", risk: "TRANSIT" }))).toEqual({
      changed: true,
      pending: false,
    });
    expect((await getCaseDetail(await actorFor(worker), kase.code)).location.countryRisk).toBe("TRANSIT");
    await setCountryRisk(admin, { countryCode: "MN", risk: "EXTRADITION_RISK" });
    expect((await getCaseDetail(await actorFor(worker), kase.code)).location.countryRisk).toBe("EXTRADITION_RISK");
    expect((await listCountryRisks(admin)).find((r) => r.countryCode === "MN")).toMatchObject({
      risk: "EXTRADITION_RISK",
      updatedBy: admin.email,
    });

    const entries = await db().auditLog.findMany({
      where: { action: "country.risk_changed", targetId: "MN" },
      orderBy: { id: "asc" },
      select: { actorId: true, meta: true },
    });
    expect(entries).toEqual([
      { actorId: admin.userId, meta: { from: "NONE", to: "TRANSIT" } },
      { actorId: admin.userId, meta: { from: "TRANSIT", to: "EXTRADITION_RISK" } },
    ]);
  });

  test("lowering a risk (extradition risk → safe) waits for a coordinator: the danger views keep the country until one confirms", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "KG" });
    await setCountryRisk(admin, { countryCode: "KG", risk: "EXTRADITION_RISK" });

    expect(await setCountryRisk(admin, { countryCode: "KG", risk: "SAFE" })).toEqual({ changed: false, pending: true });
    expect((await getCaseDetail(await actorFor(worker), kase.code)).location.countryRisk).toBe("EXTRADITION_RISK");
    expect((await listPendingCountryChanges(admin)).find((c) => c.countryCode === "KG")).toMatchObject({
      from: "EXTRADITION_RISK",
      to: "SAFE",
      requestedBy: admin.email,
    });
    // One lowering per country at a time.
    await expect(setCountryRisk(admin, { countryCode: "KG", risk: "NONE" })).rejects.toMatchObject({ code: "country_request_pending" });
    const requestId = await pendingRequestId({ countryCode: "KG" });
    // Not the admin; a coordinator confirms.
    await expect(approveAccessRequest(admin, requestId)).rejects.toBeInstanceOf(ForbiddenError);
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    await approveAccessRequest(coordinator, requestId);
    expect((await getCaseDetail(await actorFor(worker), kase.code)).location.countryRisk).toBe("SAFE");
    expect(await listPendingCountryChanges(admin)).toEqual([]);
    const entries = await db().auditLog.findMany({
      where: { targetType: "country", targetId: "KG" },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, meta: true },
    });
    expect(entries.map((e) => [e.action, e.actorId, e.meta])).toEqual([
      ["country.risk_changed", admin.userId, { from: "NONE", to: "EXTRADITION_RISK" }],
      ["access.requested", admin.userId, { request: requestId, kind: "COUNTRY_RISK", from: "EXTRADITION_RISK", to: "SAFE" }],
      ["country.risk_changed", coordinator.userId, { from: "EXTRADITION_RISK", to: "SAFE", request: requestId }],
      ["access.approved", coordinator.userId, { request: requestId, kind: "COUNTRY_RISK" }],
    ]);
  });

  test.each<[string, "TRANSIT" | "SAFE" | "NONE"]>([
    ["ORIGIN → transit", "TRANSIT"],
    ["ORIGIN → safe", "SAFE"],
    ["ORIGIN → no entry", "NONE"],
  ])("%s waits; rejected, nothing changes; a raise meanwhile makes the old request stale", async (_name, to) => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    const code = ["BY", "TJ", "UZ"][["TRANSIT", "SAFE", "NONE"].indexOf(to)]!;
    await setCountryRisk(admin, { countryCode: code, risk: "ORIGIN" });
    expect(await setCountryRisk(admin, { countryCode: code, risk: to })).toEqual({ changed: false, pending: true });
    await rejectAccessRequest(coordinator, await pendingRequestId({ countryCode: code }));
    expect((await db().countryRisk.findUniqueOrThrow({ where: { countryCode: code } })).risk).toBe("ORIGIN");

    // Asked again, then the table changes before the confirmation: the confirmation is refused.
    await setCountryRisk(admin, { countryCode: code, risk: to });
    await expect(setCountryRisk(admin, { countryCode: code, risk: "EXTRADITION_RISK" })).rejects.toMatchObject({
      code: "country_request_pending",
    });
    const stale = await pendingRequestId({ countryCode: code });
    await db().countryRisk.update({ where: { countryCode: code }, data: { risk: "EXTRADITION_RISK" } });
    await expect(approveAccessRequest(coordinator, stale)).rejects.toMatchObject({ code: "country_changed" });
  });

  test("a rating raised re-rates the open cases in the country at once (raise only, explained in the timeline, one entry by nobody)", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const worker = await createUser({ role: "CASEWORKER" });
    const actor = await actorFor(worker);
    await setCountryRisk(admin, { countryCode: "AZ", risk: "EXTRADITION_RISK" });
    await db().countryRisk.update({ where: { countryCode: "AZ" }, data: { risk: "SAFE" } });
    const searched = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "AZ", riskLevel: "ELEVATED" });
    const closed = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "AZ", riskLevel: "ELEVATED" });
    const quiet = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "AZ", riskLevel: "ELEVATED" });
    const version = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    for (const kase of [searched, closed]) {
      await addWantedEntry(actor, {
        code: kase.code,
        version: await version(kase.id),
        scope: "INTERSTATE",
        requestingState: "RU",
        knownMonth: undefined,
      });
    }
    const versionBefore = await version(searched.id);
    await db().case.update({ where: { id: closed.id }, data: { status: "CLOSED", closedAt: new Date() } });
    const level = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id }, select: { riskLevel: true } })).riskLevel;
    const before = await level(searched.id);

    await setCountryRisk(admin, { countryCode: "AZ", risk: "EXTRADITION_RISK" });
    expect(await level(searched.id)).toBe("CRITICAL");
    expect(await level(closed.id), "a closed case is left as it was").toBe(before);
    expect(await level(quiet.id), "no rule applies to a case without legal danger").toBe("ELEVATED");
    const detail = await getCaseDetail(actor, searched.code);
    expect(detail.timeline.at(-1)).toMatchObject({
      type: "RISK_CHANGED",
      actor: null,
      detail: { from: before, to: "CRITICAL", because: "legal_rules" },
    });
    const links = await db().caseAuditLink.findMany({ where: { caseId: searched.id }, select: { auditId: true } });
    const rerated = await db().auditLog.findFirstOrThrow({
      where: { id: { in: links.map((l) => l.auditId) }, action: "case.risk_rerated" },
    });
    expect([rerated.actorId, rerated.meta]).toEqual([null, { fields: ["riskLevel"], cases: 1 }]);
    expect(
      (await db().auditLog.findFirstOrThrow({ where: { action: "country.risk_changed", targetId: "AZ" }, orderBy: { id: "desc" } })).meta,
    ).toEqual({
      from: "SAFE",
      to: "EXTRADITION_RISK",
      casesRaised: 1,
    });

    // The version did not move: the caseworker's open form is not stale. Lowering the rating lowers nothing.
    expect(await version(searched.id)).toBe(versionBefore);
    await db().countryRisk.update({ where: { countryCode: "AZ" }, data: { risk: "TRANSIT" } });
    await setCountryRisk(admin, { countryCode: "AZ", risk: "EXTRADITION_RISK" });
    expect(await level(searched.id)).toBe("CRITICAL");
  });

  test("setting the same risk again changes and audits nothing", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    await setCountryRisk(admin, { countryCode: "UY", risk: "SAFE" });
    expect(await setCountryRisk(admin, { countryCode: "UY", risk: "SAFE" })).toEqual({ changed: false, pending: false });
    expect(await db().auditLog.count({ where: { action: "country.risk_changed", targetId: "UY" } })).toBe(1);
  });

  test("unknown countries and risks are refused; only admins may edit or list", async () => {
    expect(SetCountryRiskSchema.safeParse({ countryCode: "XX", risk: "SAFE" }).success).toBe(false);
    expect(SetCountryRiskSchema.safeParse({ countryCode: "FR", risk: "DANGEROUS" }).success).toBe(false);
    for (const role of ["CASEWORKER", "COORDINATOR"] as const) {
      const actor = await actorFor(await createUser({ role }));
      await expect(setCountryRisk(actor, { countryCode: "FR", risk: "SAFE" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listCountryRisks(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
