import { describe, expect, test } from "vitest";
import { getCaseDetail } from "@/lib/cases/queries";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { createCase, createUser } from "@/lib/testing/factories";
import { listCountryRisks, SetCountryRiskSchema, setCountryRisk } from "./admin";

describe("the country-risk table", () => {
  test("an admin sets, changes and removes a country's risk; case pages follow; each change is audited with before → after", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, currentCountry: "MN" });

    await setCountryRisk(admin, SetCountryRiskSchema.parse({ countryCode: "mn", risk: "TRANSIT" }));
    expect((await getCaseDetail(await actorFor(worker), kase.code)).location.countryRisk).toBe("TRANSIT");
    await setCountryRisk(admin, { countryCode: "MN", risk: "EXTRADITION_RISK" });
    expect((await getCaseDetail(await actorFor(worker), kase.code)).location.countryRisk).toBe("EXTRADITION_RISK");
    expect((await listCountryRisks(admin)).find((r) => r.countryCode === "MN")).toMatchObject({ risk: "EXTRADITION_RISK", updatedBy: admin.email });
    await setCountryRisk(admin, { countryCode: "MN", risk: "NONE" });
    expect(await db().countryRisk.findUnique({ where: { countryCode: "MN" } })).toBeNull();

    const entries = await db().auditLog.findMany({ where: { action: "country.risk_changed", targetId: "MN" }, orderBy: { id: "asc" }, select: { actorId: true, meta: true } });
    expect(entries).toEqual([
      { actorId: admin.userId, meta: { from: "NONE", to: "TRANSIT" } },
      { actorId: admin.userId, meta: { from: "TRANSIT", to: "EXTRADITION_RISK" } },
      { actorId: admin.userId, meta: { from: "EXTRADITION_RISK", to: "NONE" } },
    ]);
  });

  test("setting the same risk again changes and audits nothing", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    await setCountryRisk(admin, { countryCode: "UY", risk: "SAFE" });
    expect(await setCountryRisk(admin, { countryCode: "UY", risk: "SAFE" })).toEqual({ changed: false });
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
