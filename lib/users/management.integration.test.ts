import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import type { ClientInfo } from "@/lib/auth/client-info";
import type { Actor } from "@/lib/access/actor";
import { checkSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { approveAsCoordinator, pendingRequestId } from "@/lib/testing/approvals";
import { actorFor, createSessionFor, createUser, midTotpStep } from "@/lib/testing/factories";
import { switchToFreshDatabase } from "@/lib/testing/vitest-setup";
import { caseAudit, caseState } from "@/lib/testing/case-state";
import { createCase } from "@/lib/testing/factories";
import {
  changeUserRole,
  deactivateUser,
  inviteUser,
  reactivateUser,
  revokeInvite,
  revokeSessionsOfUser,
  signOutEveryone,
} from "./management";
import { listPendingInvites, listUsers } from "./directory";
import { approveAccessRequest } from "./approvals";
import { requestPasswordReset, resetSecondFactor } from "./resets";

const CLIENT: ClientInfo = { network: "unknown", label: "Firefox on Linux" };

function expectConflict(error: unknown, code: string): void {
  expect(error).toBeInstanceOf(ConflictError);
  expect(error).toMatchObject({ code });
}

async function rejectsWithConflict(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => "resolved",
    (e: unknown) => e,
  );
  expectConflict(error, code);
}

async function isLive(sessionId: string): Promise<boolean> {
  return "live" in (await checkSession(sessionId));
}

async function userRow(id: string) {
  return db().user.findUniqueOrThrow({ where: { id }, select: { role: true, status: true, totpSecretEnc: true, totpEnrolledAt: true } });
}

describe("user administration: who may", () => {
  test.each(["CASEWORKER", "COORDINATOR"] as const)(
    "a %s is refused every admin function (ForbiddenError), and nothing changes",
    async (role) => {
      const someone = await createUser({ role });
      const actor = await actorFor(someone);
      const admin = await createUser({ role: "ADMIN" });
      const target = await createUser({ withRecoveryCodes: true });
      const targetSession = await createSessionFor(target.id);
      const deactivated = await createUser({ status: "DEACTIVATED" });
      const invitedEmail = `invitee-${randomBytes(4).toString("hex")}@test.example`;
      const { inviteId } = await inviteUser(await actorFor(admin), { email: invitedEmail, role: "CASEWORKER" });
      const before = await userRow(target.id);
      const auditBefore = await db().auditLog.count({ where: { actorId: someone.id } });

      const calls: Array<[string, (a: Actor) => Promise<unknown>]> = [
        ["listUsers", (a) => listUsers(a)],
        ["listPendingInvites", (a) => listPendingInvites(a)],
        ["inviteUser", (a) => inviteUser(a, { email: `new-${randomBytes(4).toString("hex")}@test.example`, role: "ADMIN" })],
        ["revokeInvite", (a) => revokeInvite(a, inviteId)],
        ["changeUserRole", (a) => changeUserRole(a, { userId: target.id, role: "ADMIN" })],
        ["changeUserRole (own)", (a) => changeUserRole(a, { userId: a.userId, role: "ADMIN" })],
        ["deactivateUser", (a) => deactivateUser(a, { userId: target.id })],
        ["reactivateUser", (a) => reactivateUser(a, { userId: deactivated.id })],
        ["resetSecondFactor", (a) => resetSecondFactor(a, { userId: target.id })],
        ["requestPasswordReset", (a) => requestPasswordReset(a, { userId: target.id })],
        ["revokeSessionsOfUser", (a) => revokeSessionsOfUser(a, { userId: target.id })],
        ["signOutEveryone", (a) => signOutEveryone(a)],
      ];
      for (const [name, call] of calls) await expect(call(actor), name).rejects.toBeInstanceOf(ForbiddenError);

      expect(await userRow(target.id)).toEqual(before);
      expect(await userRow(someone.id)).toMatchObject({ role });
      expect((await userRow(deactivated.id)).status).toBe("DEACTIVATED");
      expect(await db().recoveryCode.count({ where: { userId: target.id } })).toBe(10);
      expect(await isLive(targetSession.sessionId)).toBe(true);
      expect(await isLive(actor.sessionId)).toBe(true);
      expect(await db().invite.findUniqueOrThrow({ where: { id: inviteId } })).toMatchObject({ revokedAt: null, acceptedAt: null });
      expect(await db().invite.count({ where: { createdById: someone.id } })).toBe(0);
      expect(await db().auditLog.count({ where: { actorId: someone.id } })).toBe(auditBefore);
    },
  );

  test("an admin lists users with role, status and second-factor state, and no secret", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const actor = await actorFor(admin);
    const enrolled = await createUser({ role: "COORDINATOR" });
    await createSessionFor(enrolled.id);
    const pending = await createUser({ totpSecret: null, status: "DEACTIVATED" });
    const rows = (await listUsers(actor)).users;
    expect(rows.find((r) => r.id === enrolled.id)).toEqual({
      id: enrolled.id,
      email: enrolled.email,
      role: "COORDINATOR",
      status: "ACTIVE",
      secondFactorEnrolled: true,
      lastSignInAt: null,
      activeSessions: 1,
      isSelf: false,
      activationPending: false,
      pendingRequest: null,
    });
    expect(rows.find((r) => r.id === pending.id)).toMatchObject({ status: "DEACTIVATED", secondFactorEnrolled: false, activeSessions: 0 });
    expect(rows.find((r) => r.id === admin.id)).toMatchObject({ isSelf: true, activeSessions: 1 });
    expect(JSON.stringify(rows)).not.toMatch(/argon2|passwordHash|totpSecret/);
  });

  test("the list comes in pages of 50, newest first, and a search by part of the e-mail finds only matching accounts", async () => {
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const tag = randomBytes(4).toString("hex");
    for (let i = 0; i < 55; i++) await createUser({ email: `paged-${tag}-${String(i).padStart(2, "0")}@test.example` });
    const first = await listUsers(actor, { q: `paged-${tag}` });
    expect(first).toMatchObject({ total: 55, page: 1, pageCount: 2 });
    expect(first.users).toHaveLength(50);
    expect(first.users[0]!.email).toBe(`paged-${tag}-54@test.example`);
    const second = await listUsers(actor, { q: `PAGED-${tag}`, page: 2 });
    expect(second.users.map((u) => u.email)).toEqual([4, 3, 2, 1, 0].map((i) => `paged-${tag}-0${i}@test.example`));
    // A page past the end shows the last one; a search that matches nothing shows nothing.
    expect((await listUsers(actor, { q: `paged-${tag}`, page: 9 })).page).toBe(2);
    expect(await listUsers(actor, { q: `nobody-${tag}` })).toMatchObject({ total: 0, users: [] });
  });

  test("an unknown target is not found", async () => {
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const userId = randomUUID();
    await expect(changeUserRole(actor, { userId, role: "ADMIN" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deactivateUser(actor, { userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(reactivateUser(actor, { userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetSecondFactor(actor, { userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(requestPasswordReset(actor, { userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeSessionsOfUser(actor, { userId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeInvite(actor, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("user administration: safety rails", () => {
  test("an admin cannot change their own role, nor deactivate themselves, even with other admins around", async () => {
    const admin = await createUser({ role: "ADMIN" });
    await createUser({ role: "ADMIN" });
    const actor = await actorFor(admin);
    await rejectsWithConflict(changeUserRole(actor, { userId: admin.id, role: "CASEWORKER" }), "cannot_change_own_role");
    await rejectsWithConflict(deactivateUser(actor, { userId: admin.id }), "cannot_deactivate_self");
    expect(await userRow(admin.id)).toMatchObject({ role: "ADMIN", status: "ACTIVE" });
    expect(await isLive(actor.sessionId)).toBe(true);
  });

  describe("the last active admin", () => {
    // Counting admins is a whole-database fact: each test starts from an empty database.
    beforeEach(switchToFreshDatabase);

    // Demoting an admin lets the account see cases, so it takes effect when a coordinator approves it
    // (approvals.ts): the last-admin rule holds at that moment.
    test("cannot be demoted or deactivated, by an admin whose own demotion has not reached their request yet", async () => {
      const a = await createUser({ role: "ADMIN" });
      const b = await createUser({ role: "ADMIN" });
      await createUser({ role: "ADMIN", status: "DEACTIVATED" }); // a deactivated admin does not count
      const actorA = await actorFor(a);
      const actorB = await actorFor(b); // still says ADMIN after the next lines: a request in flight
      expect(await changeUserRole(actorA, { userId: b.id, role: "COORDINATOR" })).toEqual({ pending: true });
      await approveAsCoordinator({ subjectId: b.id });
      expect((await userRow(b.id)).role).toBe("COORDINATOR");

      expect(await changeUserRole(actorB, { userId: a.id, role: "CASEWORKER" })).toEqual({ pending: true });
      await rejectsWithConflict(approveAsCoordinator({ subjectId: a.id }), "last_admin");
      await rejectsWithConflict(deactivateUser(actorB, { userId: a.id }), "last_admin");
      expect(await userRow(a.id)).toMatchObject({ role: "ADMIN", status: "ACTIVE" });
      expect(await isLive(actorA.sessionId)).toBe(true);
    });

    test("can be demoted once another admin is active", async () => {
      const a = await createUser({ role: "ADMIN" });
      const b = await createUser({ role: "ADMIN" });
      expect(await changeUserRole(await actorFor(a), { userId: b.id, role: "COORDINATOR" })).toEqual({ pending: true });
      expect((await userRow(b.id)).role).toBe("ADMIN");
      await approveAsCoordinator({ subjectId: b.id });
      expect((await userRow(b.id)).role).toBe("COORDINATOR");
      // Becoming an admin again waits for a coordinator too.
      expect(await changeUserRole(await actorFor(a), { userId: b.id, role: "ADMIN" })).toEqual({ pending: true });
      await approveAsCoordinator({ subjectId: b.id });
      expect((await userRow(b.id)).role).toBe("ADMIN");
      expect(await changeUserRole(await actorFor(b), { userId: a.id, role: "CASEWORKER" })).toEqual({ pending: true });
      await approveAsCoordinator({ subjectId: a.id });
      expect((await userRow(a.id)).role).toBe("CASEWORKER");
    });

    type Race = (
      a: { actor: Actor; id: string },
      b: { actor: Actor; id: string },
    ) => Promise<[() => Promise<unknown>, () => Promise<unknown>]>;
    test.each<[string, Race]>([
      [
        "demote each other (two coordinators approve both requests at the same moment)",
        async (a, b) => {
          await changeUserRole(a.actor, { userId: b.id, role: "COORDINATOR" });
          await changeUserRole(b.actor, { userId: a.id, role: "COORDINATOR" });
          const [aboutB, aboutA] = [await pendingRequestId({ subjectId: b.id }), await pendingRequestId({ subjectId: a.id })];
          const [c1, c2] = [
            await actorFor(await createUser({ role: "COORDINATOR" })),
            await actorFor(await createUser({ role: "COORDINATOR" })),
          ];
          return [() => approveAccessRequest(c1, aboutB), () => approveAccessRequest(c2, aboutA)];
        },
      ],
      [
        "deactivate each other",
        async (a, b) => [() => deactivateUser(a.actor, { userId: b.id }), () => deactivateUser(b.actor, { userId: a.id })],
      ],
    ])("when the only two admins %s, exactly one succeeds and one admin remains", async (_name, race) => {
      for (let round = 0; round < 4; round += 1) {
        if (round > 0) await switchToFreshDatabase();
        const a = await createUser({ role: "ADMIN" });
        const b = await createUser({ role: "ADMIN" });
        const [actorA, actorB] = [await actorFor(a), await actorFor(b)];
        const [first, second] = await race({ actor: actorA, id: a.id }, { actor: actorB, id: b.id });
        const results = await Promise.allSettled([first(), second()]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(rejected).toHaveLength(1);
        expectConflict(rejected[0]!.reason, "last_admin");
        expect(await db().user.count({ where: { role: "ADMIN", status: "ACTIVE" } })).toBe(1);
      }
    });

    test("when one admin's demotion of the other is approved while being deactivated by them, one active admin remains", async () => {
      for (let round = 0; round < 4; round += 1) {
        if (round > 0) await switchToFreshDatabase();
        const a = await createUser({ role: "ADMIN" });
        const b = await createUser({ role: "ADMIN" });
        const [actorA, actorB] = [await actorFor(a), await actorFor(b)];
        await changeUserRole(actorA, { userId: b.id, role: "CASEWORKER" });
        const requestId = await pendingRequestId({ subjectId: b.id });
        const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
        const results = await Promise.allSettled([approveAccessRequest(coordinator, requestId), deactivateUser(actorB, { userId: a.id })]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(await db().user.count({ where: { role: "ADMIN", status: "ACTIVE" } })).toBe(1);
      }
    });
  });
});

describe("user administration: changes", () => {
  test("changing a role to the same role changes nothing and writes no audit entry", async () => {
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const target = await createUser({ role: "COORDINATOR" });
    await changeUserRole(actor, { userId: target.id, role: "COORDINATOR" });
    expect(await db().auditLog.count({ where: { action: "user.role_changed", targetId: target.id } })).toBe(0);
  });

  test("deactivating a user ends all their sessions at once, and they cannot sign in; reactivating lets them sign in again", async () => {
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const target = await createUser();
    const bystander = await createUser();
    const sessions = [await createSessionFor(target.id), await createSessionFor(target.id)];
    const bystanderSession = await createSessionFor(bystander.id);

    await deactivateUser(actor, { userId: target.id });
    for (const { sessionId } of sessions) expect(await checkSession(sessionId)).toEqual({ ended: "revoked" });
    expect(await db().session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    expect(await isLive(bystanderSession.sessionId)).toBe(true);
    expect(await userRow(target.id)).toMatchObject({ status: "DEACTIVATED" });

    const now = midTotpStep();
    const signIn = (at: Date) =>
      signInWithPassword(
        { email: target.email, password: target.password, code: totpCodeAt(target.totpSecret!, at.getTime()) },
        CLIENT,
        at,
      );
    expect(await signIn(now)).toStrictEqual({ ok: false, reason: "invalid" });

    // A caseworker reads cases: reactivation waits for a coordinator's approval.
    expect(await reactivateUser(actor, { userId: target.id })).toEqual({ pending: true });
    expect(await userRow(target.id)).toMatchObject({ status: "DEACTIVATED" });
    expect(await signIn(new Date(now.getTime() + 30_000))).toStrictEqual({ ok: false, reason: "invalid" });
    await approveAsCoordinator({ subjectId: target.id });
    expect(await userRow(target.id)).toMatchObject({ status: "ACTIVE" });
    // The old sessions stay ended; a new sign-in is needed.
    for (const { sessionId } of sessions) expect(await isLive(sessionId)).toBe(false);
    const later = new Date(now.getTime() + 60_000);
    expect((await signIn(later)).ok).toBe(true);
  });

  test("resetting a second factor removes the secret and recovery codes and ends sessions at once; the password alone then signs nobody in", async () => {
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const target = await createUser({ withRecoveryCodes: true });
    const session = await createSessionFor(target.id);

    const { link } = await resetSecondFactor(actor, { userId: target.id });
    expect(link).toMatch(/\/recover\/[A-Za-z0-9_-]{43}$/);
    expect(await db().user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      totpSecretEnc: null,
      totpEnrolledAt: null,
      totpLastStep: null,
    });
    expect(await db().recoveryCode.count({ where: { userId: target.id } })).toBe(0);
    expect(await checkSession(session.sessionId)).toEqual({ ended: "revoked" });

    // The old factor is gone, and nothing replaces it on a sign-in: no code, an old code, an old
    // recovery code all get the same refusal, and no session, not even an enrolment-only one.
    const now = new Date();
    for (const code of [undefined, totpCodeAt(target.totpSecret!, now.getTime()), target.recoveryCodes[0]]) {
      expect(await signInWithPassword({ email: target.email, password: target.password, code }, CLIENT, now)).toStrictEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await db().session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).totpSecretEnc).toBeNull();
    // The way back waits for a coordinator (recovery.integration.test.ts).
    expect((await listUsers(actor, { q: target.email })).users[0]!.pendingRequest).toEqual({
      kind: "SECOND_FACTOR_RESET",
      role: "CASEWORKER",
    });
  });

  test("revoking a user's sessions ends all of theirs and nobody else's", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const actor = await actorFor(admin);
    const target = await createUser();
    const bystander = await createUser();
    const targetSessions = [await createSessionFor(target.id), await createSessionFor(target.id), await createSessionFor(target.id)];
    const bystanderSession = await createSessionFor(bystander.id);

    expect(await revokeSessionsOfUser(actor, { userId: target.id })).toBe(3);
    for (const { sessionId } of targetSessions) expect(await checkSession(sessionId)).toEqual({ ended: "revoked" });
    expect(await isLive(bystanderSession.sessionId)).toBe(true);
    expect(await isLive(actor.sessionId)).toBe(true);
    expect(await revokeSessionsOfUser(actor, { userId: target.id })).toBe(0);
  });

  test("an admin revoking their own sessions keeps the one they are using", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const actor = await actorFor(admin);
    const other = await createSessionFor(admin.id);
    expect(await revokeSessionsOfUser(actor, { userId: admin.id })).toBe(1);
    expect(await isLive(actor.sessionId)).toBe(true);
    expect(await isLive(other.sessionId)).toBe(false);
  });

  describe("sign out everyone", () => {
    beforeEach(switchToFreshDatabase);

    test("ends every session of every user, admins included, except the calling admin's own", async () => {
      const admin = await createUser({ role: "ADMIN" });
      const actor = await actorFor(admin);
      const adminElsewhere = await createSessionFor(admin.id);
      const otherAdmin = await createUser({ role: "ADMIN" });
      const people = [otherAdmin, await createUser(), await createUser({ role: "COORDINATOR" })];
      const others = [adminElsewhere];
      for (const person of people) others.push(await createSessionFor(person.id), await createSessionFor(person.id));
      others.push(await createSessionFor(people[1]!.id, { enrolmentOnly: true }));

      expect(await signOutEveryone(actor)).toBe(others.length);
      expect(await isLive(actor.sessionId)).toBe(true);
      for (const { sessionId } of others) expect(await checkSession(sessionId)).toEqual({ ended: "revoked" });
      expect(await db().session.count({ where: { revokedAt: null } })).toBe(1);
    });
  });
});

describe("the last two coordinators", () => {
  // Counting coordinators is a whole-database fact: each test starts from an empty database.
  beforeEach(switchToFreshDatabase);

  test("demoting or deactivating one of two active coordinators waits for the other's approval; with a third it is immediate", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const [c1, c2] = [await createUser({ role: "COORDINATOR" }), await createUser({ role: "COORDINATOR" })];
    await createUser({ role: "COORDINATOR", status: "DEACTIVATED" }); // does not count
    const suspended = await createUser({ role: "COORDINATOR" });
    await db().user.update({ where: { id: suspended.id }, data: { suspendedAt: new Date() } }); // cannot approve: does not count
    const c2Session = await createSessionFor(c2.id);

    expect(await changeUserRole(admin, { userId: c1.id, role: "CASEWORKER" })).toEqual({ pending: true });
    expect((await userRow(c1.id)).role).toBe("COORDINATOR");
    await rejectsWithConflict(deactivateUser(admin, { userId: c1.id }), "request_pending");
    // c1 cannot decide about themselves; c2 can.
    await rejectsWithConflict(
      approveAccessRequest(await actorFor(c1), await pendingRequestId({ subjectId: c1.id })),
      "cannot_approve_about_self",
    );
    await approveAccessRequest(await actorFor(c2), await pendingRequestId({ subjectId: c1.id }));
    expect((await userRow(c1.id)).role).toBe("CASEWORKER");

    // c2 is now the last active coordinator: deactivating them waits too (and nobody is left to approve).
    expect(await deactivateUser(admin, { userId: c2.id })).toEqual({ pending: true });
    expect((await userRow(c2.id)).status).toBe("ACTIVE");
    expect(await db().accessRequest.findFirstOrThrow({ where: { subjectId: c2.id, status: "PENDING" } })).toMatchObject({
      kind: "DEACTIVATION",
      role: "COORDINATOR",
    });
    // Ending their sessions stays immediate.
    expect(await revokeSessionsOfUser(admin, { userId: c2.id })).toBeGreaterThanOrEqual(1);
    expect(await isLive(c2Session.sessionId)).toBe(false);
    expect(await db().session.count({ where: { userId: c2.id, revokedAt: null } })).toBe(0);

    // With three, one may leave at once.
    const [c3, c4] = [await createUser({ role: "COORDINATOR" }), await createUser({ role: "COORDINATOR" })];
    expect(await deactivateUser(admin, { userId: c3.id })).toEqual({ pending: false });
    expect((await userRow(c3.id)).status).toBe("DEACTIVATED");
    // The waiting deactivation of c2 is approved by c4: it applies then, audited with the request.
    const requestId = await pendingRequestId({ subjectId: c2.id });
    await approveAccessRequest(await actorFor(c4), requestId);
    expect((await userRow(c2.id)).status).toBe("DEACTIVATED");
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "user.deactivated", targetId: c2.id } });
    expect(entry.meta).toMatchObject({ request: requestId });
  });
});

describe("a caseworker who stops being a caseworker keeps no case", () => {
  test.each(["ADMIN", "COORDINATOR"] as const)(
    "made %s (on approval): open cases become unassigned, each with a timeline event and one audit entry; made caseworker again, they get none back",
    async (to) => {
      const admin = await actorFor(await createUser({ role: "ADMIN" }));
      await createUser({ role: "COORDINATOR" });
      await createUser({ role: "COORDINATOR" });
      const worker = await createUser({ role: "CASEWORKER" });
      const open = [
        await createCase({ createdById: worker.id, assignedToId: worker.id }),
        await createCase({ createdById: worker.id, assignedToId: worker.id, status: "IN_TRANSIT" }),
      ];
      const closed = await createCase({
        createdById: worker.id,
        assignedToId: worker.id,
        status: "CLOSED",
        statusBeforeClose: "NEW",
        closedAt: new Date(),
      });

      expect(await changeUserRole(admin, { userId: worker.id, role: to })).toEqual({ pending: true });
      // Nothing moves while the request waits.
      expect(await db().case.count({ where: { assignedToId: worker.id } })).toBe(3);
      const { approver } = await approveAsCoordinator({ subjectId: worker.id });

      for (const kase of open) {
        const state = await caseState(kase.id);
        expect([state.row.assignedToId, state.row.version]).toEqual([null, 2]);
        expect(state.events.at(-1)).toMatchObject({
          type: "ASSIGNED",
          actorId: approver.userId,
          detail: { from: worker.id, to: null, reason: "caseworker_role_changed" },
        });
        expect((await caseAudit(kase.id)).map((e) => [e.action, e.actorId, e.targetId, e.meta])).toEqual([
          ["case.unassigned", approver.userId, null, { fields: ["assignee"], cases: 2 }],
        ]);
      }
      expect((await db().case.findUniqueOrThrow({ where: { id: closed.id } })).assignedToId).toBe(worker.id);
      const changed = await db().auditLog.findFirstOrThrow({ where: { action: "user.role_changed", targetId: worker.id } });
      expect(changed.meta).toMatchObject({ from: "CASEWORKER", to, casesUnassigned: 2 });

      // Back to caseworker (a widening for an admin, a narrowing for a coordinator): no case comes back.
      if ((await changeUserRole(admin, { userId: worker.id, role: "CASEWORKER" })).pending)
        await approveAsCoordinator({ subjectId: worker.id });
      expect((await userRow(worker.id)).role).toBe("CASEWORKER");
      expect(await db().case.count({ where: { assignedToId: worker.id, status: { not: "CLOSED" } } })).toBe(0);
    },
  );

  test("a role change of someone with no open case writes no case entry", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const worker = await createUser({ role: "CASEWORKER" });
    await changeUserRole(admin, { userId: worker.id, role: "ADMIN" });
    await approveAsCoordinator({ subjectId: worker.id });
    expect((await db().auditLog.findFirstOrThrow({ where: { action: "user.role_changed", targetId: worker.id } })).meta).toEqual({
      from: "CASEWORKER",
      to: "ADMIN",
      request: expect.any(String),
    });
  });
});
