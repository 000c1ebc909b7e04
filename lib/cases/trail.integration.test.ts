import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { caseAudit } from "@/lib/testing/case-state";
import { caseWithFullHistory } from "@/lib/testing/full-history";
import { actorFor, createCase, createUser } from "@/lib/testing/factories";
import { getCaseDetail } from "./queries";
import { getCaseTrail } from "./trail";

/**
 * A case's audit trail for coordinators: who read, changed or was refused the case, newest first,
 * with the parts touched by name and never a value; reading it is itself an audited, counted read.
 */
describe("a case's audit trail", () => {
  test("a coordinator reads who did what, newest first, this read included; no value of the case is in it", async () => {
    const full = await caseWithFullHistory();
    const co = await actorFor(full.coordinator);
    const trail = await getCaseTrail(co, full.code);
    expect(trail[0]).toMatchObject({ action: "case.trail_read", who: full.coordinator.email, role: "COORDINATOR", fields: [] });
    // Everything linked to the case, in the log's order, reversed.
    const linked = await caseAudit(full.id);
    expect(trail.map((e) => e.id)).toEqual(linked.map((e) => e.id.toString()).reverse());
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(["case.created", "case.read", "case.profile_updated", "case.closed"]),
    );
    expect(trail.find((e) => e.action === "case.profile_updated")).toMatchObject({
      who: full.caseworker.email,
      fields: ["profile", "riskLevel"],
    });
    const text = JSON.stringify(trail);
    for (const value of [...full.texts, ...full.days]) expect(text, value).not.toContain(value);
  });

  test("caseworkers and admins may not read it; a coordinator asking for an unknown code gets not found, recorded as a refusal", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    await expect(getCaseTrail(await actorFor(worker), kase.code)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCaseTrail(await actorFor(await createUser({ role: "ADMIN" })), kase.code)).rejects.toBeInstanceOf(ForbiddenError);
    const co = await actorFor(await createUser({ role: "COORDINATOR" }));
    await expect(getCaseTrail(co, "WP-2222-2222")).rejects.toBeInstanceOf(NotFoundError);
    const refusal = await db().auditLog.findFirstOrThrow({ where: { actorId: co.userId, action: "case.access_refused" } });
    expect(refusal.meta).toEqual({ operation: "case:readTrail" });
  });

  test("reading it is a read of the case: linked to it and counted by the reading monitor", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const co = await actorFor(await createUser({ role: "COORDINATOR" }));
    await getCaseTrail(co, kase.code);
    await getCaseDetail(co, kase.code);
    const mine = (await caseAudit(kase.id)).filter((e) => e.actorId === co.userId).map((e) => e.action);
    expect(mine).toEqual(["case.trail_read", "case.read"]);
    const window = await db().readingWindowCase.findMany({ where: { userId: co.userId, kind: "CASE_READS" } });
    expect(window.map((w) => w.caseId)).toEqual([kase.id]);
  });
});
