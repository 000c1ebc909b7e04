import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import { listCountryRisks, setCountryRisk } from "@/lib/countries/risk";
import { setStayRule } from "@/lib/countries/stay-rules";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { pendingRequestId } from "@/lib/testing/approvals";
import { actorFor, actorForSession, createUser, midTotpStep } from "@/lib/testing/factories";
import { changeUserRole, deactivateUser, inviteUser, reactivateUser, revokeSessionsOfUser, signOutEveryone } from "@/lib/users/management";
import { listUsers } from "@/lib/users/directory";
import { approveAccessRequest } from "@/lib/users/approvals";
import { listAccessRequests } from "@/lib/users/approval-queue";
import { requestPasswordReset, resetSecondFactor } from "@/lib/users/resets";
import type { Actor } from "@/lib/access/actor";
import type { ClientInfo } from "./client-info";
import { signInWithPassword } from "./sign-in";
import { assertSteppedUp, confirmForSecurityActions, SECURITY_STEP_UP_MINUTES, securityStepUpUntil } from "./step-up";
import { totpCodeAt } from "./totp";

const MINUTE = 60_000;

function freshClient(): ClientInfo {
  return { network: `10.${randomInt(256)}.${randomInt(256)}.0/24`, label: "Firefox on Linux" };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

describe("step-up for security actions", () => {
  test("a fresh code opens a window of SECURITY_STEP_UP_MINUTES for this session only, recorded on the session row and audited", async () => {
    const user = await createUser({ role: "ADMIN" });
    const actor = await actorFor(user, { steppedUpAt: null });
    const other = await actorFor(user, { steppedUpAt: null });
    const now = midTotpStep();
    expect(securityStepUpUntil(actor, now)).toBeNull();

    const { until } = await confirmForSecurityActions(actor, totpCodeAt(user.totpSecret!, now.getTime()), freshClient(), now);
    expect(until).toEqual(new Date(now.getTime() + SECURITY_STEP_UP_MINUTES * MINUTE));

    // As the next request sees it: the window comes from the session row, not from the object.
    const reread = (await actorForSession(actor.sessionId, now))!;
    expect(securityStepUpUntil(reread, now)).toEqual(until);
    expect(() => assertSteppedUp(reread, new Date(until.getTime() - 1))).not.toThrow();
    expect(() => assertSteppedUp(reread, until)).toThrow(ForbiddenError);
    // The same person's other session has not stepped up.
    expect(securityStepUpUntil((await actorForSession(other.sessionId, now))!, now)).toBeNull();

    const entries = await db().auditLog.findMany({ where: { actorId: user.id, action: "auth.stepped_up" }, select: { meta: true } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.meta).toMatchObject({ secondFactor: "totp" });
  });

  test("signing in is not a step-up, and the code typed to sign in cannot be used for one", async () => {
    const user = await createUser({ role: "ADMIN" });
    const now = midTotpStep();
    const code = totpCodeAt(user.totpSecret!, now.getTime());
    const signedIn = await signInWithPassword({ email: user.email, password: user.password, code }, freshClient(), now);
    if (!signedIn.ok) throw new Error("sign-in failed");
    const actor = (await actorForSession(signedIn.sessionId, now))!;
    expect(actor.steppedUpAt).toBeNull();
    expect(() => assertSteppedUp(actor, now)).toThrow(ForbiddenError);
    expect(await rejection(confirmForSecurityActions(actor, code, freshClient(), now))).toMatchObject({ code: "step_up_code_invalid" });
    expect(securityStepUpUntil((await actorForSession(signedIn.sessionId, now))!, now)).toBeNull();
  });

  test("a replayed code opens no window", async () => {
    const user = await createUser({ role: "ADMIN" });
    const actor = await actorFor(user, { steppedUpAt: null });
    const now = midTotpStep();
    const code = totpCodeAt(user.totpSecret!, now.getTime());
    await confirmForSecurityActions(actor, code, freshClient(), now);

    const second = await actorFor(user, { steppedUpAt: null });
    expect(await rejection(confirmForSecurityActions(second, code, freshClient(), now))).toMatchObject({ code: "step_up_code_invalid" });
    expect((await db().session.findUniqueOrThrow({ where: { idHash: second.sessionIdHash } })).steppedUpAt).toBeNull();
  });

  test("every security action is refused without a step-up, or after its window, and changes nothing", async () => {
    const adminUser = await createUser({ role: "ADMIN" });
    const coordinatorUser = await createUser({ role: "COORDINATOR" });
    const target = await createUser({ role: "CASEWORKER" });
    const deactivated = await createUser({ role: "CASEWORKER" });
    await db().user.update({ where: { id: deactivated.id }, data: { status: "DEACTIVATED" } });
    // A pending request for the coordinator to approve: an invitation by a stepped-up admin.
    const { inviteId } = await inviteUser(await actorFor(adminUser), { email: `stepup-${randomInt(1e9)}@example.org`, role: "CASEWORKER" });
    const requestId = await pendingRequestId({ inviteId });

    const expired = new Date(Date.now() - (SECURITY_STEP_UP_MINUTES * MINUTE + 1000));
    for (const steppedUpAt of [null, expired]) {
      const admin = await actorFor(adminUser, { steppedUpAt });
      const coordinator = await actorFor(coordinatorUser, { steppedUpAt });
      const actions: Array<[string, (actor: Actor) => Promise<unknown>, Actor]> = [
        ["inviteUser", (a) => inviteUser(a, { email: `nobody-${randomInt(1e9)}@example.org`, role: "ADMIN" }), admin],
        ["changeUserRole", (a) => changeUserRole(a, { userId: target.id, role: "COORDINATOR" }), admin],
        ["deactivateUser", (a) => deactivateUser(a, { userId: target.id }), admin],
        ["reactivateUser", (a) => reactivateUser(a, { userId: deactivated.id }), admin],
        ["revokeSessionsOfUser", (a) => revokeSessionsOfUser(a, { userId: target.id }), admin],
        ["signOutEveryone", (a) => signOutEveryone(a), admin],
        ["resetSecondFactor", (a) => resetSecondFactor(a, { userId: target.id }), admin],
        ["requestPasswordReset", (a) => requestPasswordReset(a, { userId: target.id }), admin],
        ["setCountryRisk", (a) => setCountryRisk(a, { countryCode: "MN", risk: "EXTRADITION_RISK" }), admin],
        [
          "setStayRule",
          (a) =>
            setStayRule(a, {
              countryCode: "MN",
              rule: { stayDays: 30, windowDays: 180, registrationDays: null, passportFreeEntry: false },
              checkedOn: null,
              sourceNote: null,
            }),
          admin,
        ],
        ["approveAccessRequest", (a) => approveAccessRequest(a, requestId), coordinator],
      ];
      const auditBefore = await db().auditLog.count();
      for (const [name, act, actor] of actions) {
        const error = await rejection(act(actor));
        expect(error, `${name} with steppedUpAt=${String(steppedUpAt)}`).toBeInstanceOf(ForbiddenError);
        expect(error).toMatchObject({ code: "step_up_required" });
      }
      expect(await db().auditLog.count()).toBe(auditBefore);
      // Reading is not a security action.
      await expect(listUsers(admin)).resolves.toBeDefined();
      await expect(listCountryRisks(admin)).resolves.toBeDefined();
      await expect(listAccessRequests(coordinator)).resolves.toBeDefined();
    }

    // Nothing happened: the target kept role and sessions, the request is still pending, MN unchanged.
    expect(
      await db().user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true, status: true, totpEnrolledAt: true } }),
    ).toMatchObject({ role: "CASEWORKER", status: "ACTIVE" });
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).totpEnrolledAt).not.toBeNull();
    expect(await db().accessRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } })).toEqual({
      status: "PENDING",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: deactivated.id }, select: { status: true } })).toEqual({
      status: "DEACTIVATED",
    });
  });
});
