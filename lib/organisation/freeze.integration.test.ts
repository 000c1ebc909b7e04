import { beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { requestCaseErasure } from "@/lib/cases/erasure";
import { createCaseFromIntake, updateProfile } from "@/lib/cases/mutations";
import { getCaseDetail, listCases, revealContact } from "@/lib/cases/queries";
import { bulkReassign } from "@/lib/cases/reassignment";
import { CaseListFilterSchema, IntakeSchema } from "@/lib/cases/schemas";
import { actorFor, actorForSession, createCase, createUser } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { approveAccessRequest } from "@/lib/users/approvals";
import { freezeOrganisation, getFreezeState, requestFreezeLift } from "./freeze";

/**
 * Freezing the organisation: one coordinator closes case pages, contact reveals, exports and case
 * changes for everyone from their next request (the session check reads the state); lists and
 * erasure requests stay. Lifting it takes a request and a second coordinator's approval.
 */

const steppedUp = (actor: Actor): Actor => ({ ...actor, steppedUpAt: new Date() });
const frozenError = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: "frozen" });

async function team() {
  const worker = await createUser({ role: "CASEWORKER" });
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, contactChannel: "Signal @frozen_case" });
  const cw = await actorFor(worker);
  const co = await actorFor(await createUser({ role: "COORDINATOR" }));
  const co2 = await actorFor(await createUser({ role: "COORDINATOR" }));
  return { worker, kase, cw, co, co2 };
}

/** The actor as the next request builds it: from the session, with the freeze state it reads. */
async function nextRequest(actor: Actor & { sessionId: string }): Promise<Actor> {
  const fresh = await actorForSession(actor.sessionId);
  if (!fresh) throw new Error("session ended");
  return fresh;
}

describe("freezing the organisation", () => {
  beforeEach(switchToFreshDatabase);

  test("from the next request of everyone, case pages, reveals and changes are refused; lists and erasure requests stay", async () => {
    const { kase, cw, co } = await team();
    await freezeOrganisation(co);
    const worker = await nextRequest(cw);
    expect(worker.frozenSince).toBeInstanceOf(Date);

    await frozenError(getCaseDetail(worker, kase.code));
    await frozenError(revealContact(worker, kase.code));
    const version = (await db().case.findUniqueOrThrow({ where: { id: kase.id } })).version;
    const profile = {
      code: kase.code,
      version,
      ageBand: "AGE_25_34",
      serviceCategory: "MOBILISED",
      peopleTravelling: 1,
      language: "ru",
      riskLevel: "HIGH",
    } as const;
    await frozenError(updateProfile(worker, profile));
    await frozenError(
      createCaseFromIntake(
        worker,
        IntakeSchema.parse({
          ageBand: "AGE_25_34",
          serviceCategory: "MOBILISED",
          peopleTravelling: "1",
          language: "ru",
          riskLevel: "HIGH",
          currentCountry: "KZ",
          contactChannel: "Signal @x_frozen",
        }),
      ),
    );
    const coordinator = await nextRequest(co);
    const taker = await createUser({ role: "CASEWORKER" });
    await frozenError(bulkReassign(coordinator, { cases: [{ code: kase.code, version }], assigneeId: taker.id }));
    expect((await db().case.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(version);

    // Lists stay; asking for an erasure stays.
    expect((await listCases(worker, CaseListFilterSchema.parse({}))).items.map((r) => r.code)).toContain(kase.code);
    await requestCaseErasure(coordinator, { code: kase.code, version, confirmCode: kase.code });
    expect(await db().accessRequest.count({ where: { caseId: kase.id, kind: "CASE_ERASURE" } })).toBe(1);

    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "org.frozen" } });
    expect(entry).toMatchObject({ actorId: co.userId, targetType: "system" });
  });

  test("one coordinator freezes; a caseworker or an admin cannot; freezing twice says so", async () => {
    const { cw, co, co2 } = await team();
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    await expect(freezeOrganisation(cw)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(freezeOrganisation(admin)).rejects.toBeInstanceOf(ForbiddenError);
    await freezeOrganisation(co);
    await expect(freezeOrganisation(co2)).rejects.toMatchObject({ code: "already_frozen" });
    expect(await getFreezeState(co2)).toMatchObject({ by: co.email, liftRequested: false });
  });

  test("lifting takes two: asked by one coordinator, approved by another with a fresh code; the other coordinators are told", async () => {
    const { kase, cw, co, co2 } = await team();
    await expect(requestFreezeLift(co)).rejects.toMatchObject({ code: "not_frozen" });
    await freezeOrganisation(co);
    await requestFreezeLift(co);
    await expect(requestFreezeLift(co2)).rejects.toMatchObject({ code: "lift_pending" });
    expect(await getFreezeState(co2)).toMatchObject({ liftRequested: true });
    expect(await db().notification.count({ where: { userId: co2.userId, kind: "APPROVAL_WAITING" } })).toBe(1);
    expect(await db().notification.count({ where: { userId: cw.userId } })).toBe(0);

    const request = await db().accessRequest.findFirstOrThrow({ where: { kind: "FREEZE_LIFT", status: "PENDING" } });
    await expect(approveAccessRequest(steppedUp(co), request.id)).rejects.toMatchObject({ code: "cannot_approve_own_request" });
    expect((await nextRequest(cw)).frozenSince).toBeInstanceOf(Date);
    await approveAccessRequest(steppedUp(co2), request.id);

    const worker = await nextRequest(cw);
    expect(worker.frozenSince).toBeNull();
    expect((await getCaseDetail(worker, kase.code)).code).toBe(kase.code);
    expect(await getFreezeState(co)).toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "org.unfrozen" } });
    expect(entry).toMatchObject({ actorId: co2.userId, targetType: "system" });
  });

  test("a lift approved after someone else already lifted it is refused and changes nothing", async () => {
    const { co, co2 } = await team();
    await freezeOrganisation(co);
    await requestFreezeLift(co);
    const request = await db().accessRequest.findFirstOrThrow({ where: { kind: "FREEZE_LIFT", status: "PENDING" } });
    await db().$executeRaw`UPDATE organisation_state SET frozen_since = NULL WHERE id = 1`;
    await expect(approveAccessRequest(steppedUp(co2), request.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
  });
});
