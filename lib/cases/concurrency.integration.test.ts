import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { actorFor } from "@/lib/testing/factories";
import { arrangeCaseWithParts, CASE_MUTATIONS, MUTATION_PERMISSIONS, type CaseMutation } from "@/lib/testing/case-calls";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { createUser } from "@/lib/testing/factories";
import { updateProfile } from "./mutations";

/** A case for `mutation` and the user allowed to make it (its caseworker, or a coordinator). */
async function arrange(mutation: CaseMutation) {
  const owner = await createUser({ role: "CASEWORKER" });
  const arranged = await arrangeCaseWithParts({
    assignedToId: owner.id,
    createdById: owner.id,
    status: mutation.needs === "closed" ? "CLOSED" : "NEW",
  });
  const actor = MUTATION_PERMISSIONS.CASEWORKER.includes(mutation.permission)
    ? await actorFor(owner)
    : await actorFor(await createUser({ role: "COORDINATOR" }));
  return { ...arranged, actor };
}

function expectStale(result: PromiseSettledResult<unknown>) {
  expect(result.status).toBe("rejected");
  if (result.status === "rejected") {
    expect(result.reason).toBeInstanceOf(ConflictError);
    expect((result.reason as ConflictError).code).toBe("stale_version");
  }
}

describe("optimistic concurrency of case changes", () => {
  test.each(CASE_MUTATIONS)("$name with a stale (or future) version answers stale_version and changes nothing", async (mutation) => {
    const { kase, parts, actor } = await arrange(mutation);
    await db().case.update({ where: { id: kase.id }, data: { version: 5 } });
    const before = await caseState(kase.id);
    const auditBefore = await caseAudit(kase.id);

    for (const version of [4, 1, 6]) {
      expectStale((await Promise.allSettled([mutation.call(actor, { code: kase.code, version }, parts)]))[0]!);
    }
    expect(await caseState(kase.id)).toEqual(before);
    expect(await caseAudit(kase.id)).toEqual(auditBefore);

    // With the version the user saw, it goes through, once.
    await mutation.call(actor, { code: kase.code, version: 5 }, parts);
    expect((await caseState(kase.id)).row.version).toBe(6);
    expect((await caseAudit(kase.id)).length).toBe(auditBefore.length + 1);
  });

  test.each(CASE_MUTATIONS)(
    "two concurrent $name calls with the same version: exactly one succeeds, the other is stale",
    async (mutation) => {
      const { kase, parts, actor } = await arrange(mutation);
      const before = await caseState(kase.id);
      const results = await Promise.allSettled([
        mutation.call(actor, { code: kase.code, version: 1 }, parts),
        mutation.call(actor, { code: kase.code, version: 1 }, parts),
      ]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      expect(fulfilled, JSON.stringify(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok")))).toHaveLength(1);
      expectStale(results.find((r) => r.status === "rejected")!);

      const after = await caseState(kase.id);
      expect(after.row.version).toBe(2);
      // One change's worth of rows: one audit entry, and the timeline grew by one change.
      expect(await caseAudit(kase.id)).toHaveLength(1);
      expect(after.events.length - before.events.length).toBeGreaterThanOrEqual(1);
      expect(after.events.length - before.events.length).toBeLessThanOrEqual(2); // a change may add RISK_CHANGED too
      expect(new Set(after.events.slice(before.events.length).map((e) => e.at.getTime())).size).toBe(1);
      expect(after.statusChanges.length - before.statusChanges.length).toBeLessThanOrEqual(1);
      expect(after.notes.length - before.notes.length).toBeLessThanOrEqual(1);
      expect(after.movements.length - before.movements.length).toBeLessThanOrEqual(1);
      expect(after.applications.length - before.applications.length).toBeLessThanOrEqual(1);
      expect(after.nextSteps.length - before.nextSteps.length).toBeLessThanOrEqual(1);
      expect(await db().auditLog.count({ where: { actorId: actor.userId, action: "case.access_refused" } })).toBe(0);
    },
  );

  test("of two different profile edits made from the same version, the second is refused, not silently merged", async () => {
    const owner = await createUser({ role: "CASEWORKER" });
    const { kase } = await arrangeCaseWithParts({ assignedToId: owner.id, createdById: owner.id });
    const [a, b] = [await actorFor(owner), await actorFor(await createUser({ role: "COORDINATOR" }))];
    // The arranged case is on a national wanted list: the legal risk rules keep it at HIGH at least.
    await updateProfile(a, {
      code: kase.code,
      version: 1,
      ageBand: "AGE_18_24",
      serviceCategory: "CONSCRIPT",
      peopleTravelling: 1,
      language: "ru",
      riskLevel: "CRITICAL",
    });
    const late = await Promise.allSettled([
      updateProfile(b, {
        code: kase.code,
        version: 1,
        ageBand: "AGE_45_PLUS",
        serviceCategory: "OFFICER",
        peopleTravelling: 4,
        language: "kk",
        riskLevel: "HIGH",
      }),
    ]);
    expectStale(late[0]!);
    expect((await caseState(kase.id)).row).toMatchObject({
      version: 2,
      ageBand: "AGE_18_24",
      serviceCategory: "CONSCRIPT",
      language: "ru",
      riskLevel: "CRITICAL",
    });
  });
});
