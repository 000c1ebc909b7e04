import { describe, expect, test } from "vitest";
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
