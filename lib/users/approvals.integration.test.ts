import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { pendingRequestId } from "@/lib/testing/approvals";
import { actorFor, createUser, type CreatedUser } from "@/lib/testing/factories";
import { ACCESS_REQUEST_LIFETIME_DAYS } from "@/lib/approvals/requests";
import { readsCases, widensCaseAccess } from "./access-rules";
import { changeUserRole, deactivateUser, inviteUser, reactivateUser, revokeInvite } from "./management";
import { listPendingInvites, listUsers } from "./directory";
import { approveAccessRequest, rejectAccessRequest } from "./approvals";
import { LINK_LIFETIME_HOURS_AFTER_APPROVAL } from "./link-token";
import { listAccessRequests } from "./approval-queue";
import { acceptInvite, getInvite, inviteAwaitsApproval } from "./invites";
import type { ClientInfo } from "@/lib/auth/client-info";

/**
 * The two-person rule: nothing that opens case data or administration to someone (an invitation, a
 * role change that sees more cases or makes an admin, a reactivation) takes effect on one account's
 * word. An admin asks; a coordinator who is neither the asker nor the person concerned approves,
 * within 7 days, and the change applies in that transaction. (Resets: recovery.integration.test.ts;
 * the last two coordinators and case release: admin.integration.test.ts.)
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GOOD_PASSWORD = "violet tractor sings at dawn";
const CLIENT: ClientInfo = { network: "unknown", label: "Firefox on Linux" };

afterEach(() => {
  vi.useRealTimers();
});

function freshEmail(): string {
  return `invitee-${randomBytes(5).toString("hex")}@test.example`;
}

function tokenOf(link: string): string {
  return link.split("/invite/")[1]!;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

async function rejectsWithConflict(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ConflictError);
  expect(error).toMatchObject({ code });
}

/** The actor as it would be after stepping up at `at` (default: now, as the test's clock has it). */
function steppedUp<A extends Actor>(actor: A, at = new Date()): A {
  return { ...actor, steppedUpAt: at };
}

async function person(
  role: Role,
  status: "ACTIVE" | "DEACTIVATED" = "ACTIVE",
): Promise<{ user: CreatedUser; actor: Actor & { sessionId: string } }> {
  const user = await createUser({ role, status });
  return { user, actor: await actorFor(user) };
}

/**
 * An admin who asks and a coordinator who decides (and two more coordinators, so that demoting or
 * deactivating one never leaves fewer than two: that rule has its own tests).
 */
async function twoPeople() {
  await createUser({ role: "COORDINATOR" });
  await createUser({ role: "COORDINATOR" });
  return { admin: await person("ADMIN"), coordinator: await person("COORDINATOR") };
}

async function userRow(id: string) {
  return db().user.findUniqueOrThrow({ where: { id }, select: { role: true, status: true } });
}

async function requestRow(id: string) {
  return db().accessRequest.findUniqueOrThrow({ where: { id } });
}

async function audit(action: string, targetId: string) {
  return db().auditLog.findMany({
    where: { action, targetId },
    orderBy: { id: "asc" },
    select: { actorId: true, targetType: true, meta: true },
  });
}

async function expireRequest(id: string): Promise<void> {
  await db().accessRequest.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
}

describe("access rules", () => {
  test("case visibility grows ADMIN < CASEWORKER < COORDINATOR; only a step up widens", () => {
    expect([readsCases("ADMIN"), readsCases("CASEWORKER"), readsCases("COORDINATOR")]).toEqual([false, true, true]);
    const roles: Role[] = ["ADMIN", "CASEWORKER", "COORDINATOR"];
    const widening = roles.flatMap((from) => roles.filter((to) => widensCaseAccess(from, to)).map((to) => `${from}->${to}`));
    expect(widening.sort()).toEqual(["ADMIN->CASEWORKER", "ADMIN->COORDINATOR", "CASEWORKER->COORDINATOR"]);
    expect(ACCESS_REQUEST_LIFETIME_DAYS).toBe(7);
    // How long a link works after approval (unchanged since ADR 009).
    expect(LINK_LIFETIME_HOURS_AFTER_APPROVAL).toBe(72);
  });
});

describe("two-person rule: invitations", () => {
  test.each(["CASEWORKER", "COORDINATOR", "ADMIN"] as const)(
    "an admin's invitation as %s does nothing until a coordinator approves it; then the link works, with the approver's code, for 72 hours from the approval",
    async (role) => {
      vi.useFakeTimers({ toFake: ["Date"] });
      const t0 = new Date("2026-03-02T09:00:00.000Z");
      vi.setSystemTime(t0);
      const { admin, coordinator } = await twoPeople();
      const email = freshEmail();
      const other = freshEmail();
      const invited = await inviteUser(admin.actor, { email, role });
      const second = await inviteUser(admin.actor, { email: other, role });
      const token = tokenOf(invited.link);

      // Two days later, still waiting: the link is refused and says so; no account can be made.
      vi.setSystemTime(new Date(t0.getTime() + 2 * DAY));
      await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
      await expect(acceptInvite(token, { activationCode: "0000-0000-0000", password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await inviteAwaitsApproval(token)).toBe(true);
      expect(await db().user.count({ where: { email } })).toBe(0);
      expect((await listPendingInvites(admin.actor)).find((i) => i.id === invited.inviteId)).toMatchObject({ awaitingApproval: true });

      const approvedAt = new Date(t0.getTime() + 4 * DAY);
      vi.setSystemTime(approvedAt);
      const [code, secondCode] = [
        (await approveAccessRequest(steppedUp(coordinator.actor), await pendingRequestId({ inviteId: invited.inviteId }))).activationCode!,
        (await approveAccessRequest(steppedUp(coordinator.actor), await pendingRequestId({ inviteId: second.inviteId }))).activationCode!,
      ];
      expect(code).not.toBe(secondCode);
      const expiresAt = new Date(approvedAt.getTime() + 72 * HOUR);
      expect(await getInvite(token)).toEqual({ email, role, expiresAt });
      expect(await inviteAwaitsApproval(token)).toBe(false);
      expect((await listPendingInvites(admin.actor)).find((i) => i.id === invited.inviteId)).toMatchObject({
        awaitingApproval: false,
        expiresAt,
      });

      vi.setSystemTime(new Date(expiresAt.getTime() - 60_000));
      const { userId } = await acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT);
      expect(await userRow(userId)).toEqual({ role, status: "ACTIVE" });

      vi.setSystemTime(expiresAt);
      await expect(getInvite(tokenOf(second.link))).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        acceptInvite(tokenOf(second.link), { activationCode: secondCode, password: GOOD_PASSWORD }, CLIENT),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(await inviteAwaitsApproval(tokenOf(second.link))).toBe(false);
      expect(await db().user.count({ where: { email: other } })).toBe(0);
    },
  );

  test("approving an invitation shows its activation code to the approver only: the request, the audit log and the admin's views hold none of it", async () => {
    const { admin, coordinator } = await twoPeople();
    const invited = await inviteUser(admin.actor, { email: freshEmail(), role: "ADMIN" });
    const requestId = await pendingRequestId({ inviteId: invited.inviteId });
    const { activationCode } = await approveAccessRequest(coordinator.actor, requestId);
    expect(activationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const seen = JSON.stringify([
      await listAccessRequests(admin.actor),
      await listPendingInvites(admin.actor),
      await db().auditLog.findMany({ where: { targetId: invited.inviteId }, select: { action: true, meta: true } }),
    ]);
    expect(seen).not.toContain(activationCode!);
    expect(seen).not.toContain(activationCode!.replace(/-/g, ""));
  });

  test("an invitation nobody approves stops waiting when its request expires, and cannot be approved after", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2026-03-02T09:00:00.000Z");
    vi.setSystemTime(t0);
    const { admin, coordinator } = await twoPeople();
    const invited = await inviteUser(admin.actor, { email: freshEmail(), role: "CASEWORKER" });
    const requestId = await pendingRequestId({ inviteId: invited.inviteId });
    expect((await requestRow(requestId)).expiresAt).toEqual(new Date(t0.getTime() + 7 * DAY));
    expect(invited.expiresAt).toEqual(new Date(t0.getTime() + 7 * DAY));

    // As long as it may still be approved, the link says it waits and the admin sees (and may revoke) it.
    vi.setSystemTime(new Date(t0.getTime() + 7 * DAY - 60_000));
    expect(await inviteAwaitsApproval(tokenOf(invited.link))).toBe(true);
    expect((await listPendingInvites(admin.actor)).map((i) => i.id)).toContain(invited.inviteId);
    vi.setSystemTime(new Date(t0.getTime() + 7 * DAY));
    expect(await inviteAwaitsApproval(tokenOf(invited.link))).toBe(false);
    expect((await listPendingInvites(admin.actor)).map((i) => i.id)).not.toContain(invited.inviteId);
    await rejectsWithConflict(approveAccessRequest(steppedUp(coordinator.actor), requestId), "request_expired");
    await expect(getInvite(tokenOf(invited.link))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().invite.findUniqueOrThrow({ where: { id: invited.inviteId }, select: { approvedAt: true } })).toEqual({
      approvedAt: null,
    });
  });

  test("rejecting an invitation revokes the link; nothing else changes", async () => {
    const { admin, coordinator } = await twoPeople();
    const email = freshEmail();
    const invited = await inviteUser(admin.actor, { email, role: "COORDINATOR" });
    const requestId = await pendingRequestId({ inviteId: invited.inviteId });
    await rejectAccessRequest(coordinator.actor, requestId);

    expect(await requestRow(requestId)).toMatchObject({ status: "REJECTED", decidedById: coordinator.user.id });
    expect((await db().invite.findUniqueOrThrow({ where: { id: invited.inviteId } })).revokedAt).not.toBeNull();
    await expect(getInvite(tokenOf(invited.link))).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      acceptInvite(tokenOf(invited.link), { activationCode: "0000-0000-0000", password: GOOD_PASSWORD }, CLIENT),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await inviteAwaitsApproval(tokenOf(invited.link))).toBe(false);
    expect((await listPendingInvites(admin.actor)).map((i) => i.id)).not.toContain(invited.inviteId);
    expect(await db().user.count({ where: { email } })).toBe(0);
    // Decided once: neither decision can follow.
    await rejectsWithConflict(approveAccessRequest(coordinator.actor, requestId), "request_decided");
    await rejectsWithConflict(rejectAccessRequest(coordinator.actor, requestId), "request_decided");
  });

  test("approving an invitation the admin revoked meanwhile opens nothing (invite_gone)", async () => {
    const { admin, coordinator } = await twoPeople();
    const invited = await inviteUser(admin.actor, { email: freshEmail(), role: "CASEWORKER" });
    const requestId = await pendingRequestId({ inviteId: invited.inviteId });
    await revokeInvite(admin.actor, invited.inviteId);
    await rejectsWithConflict(approveAccessRequest(coordinator.actor, requestId), "invite_gone");
    expect(await requestRow(requestId)).toMatchObject({ status: "PENDING", decidedById: null });
    await expect(getInvite(tokenOf(invited.link))).rejects.toBeInstanceOf(NotFoundError);
    expect(await audit("access.approved", invited.inviteId)).toEqual([]);
  });
});

describe("two-person rule: role changes", () => {
  test.each<[Role, Role]>([
    ["ADMIN", "CASEWORKER"],
    ["CASEWORKER", "COORDINATOR"],
    ["ADMIN", "COORDINATOR"],
    ["CASEWORKER", "ADMIN"],
    ["COORDINATOR", "ADMIN"],
  ])("%s → %s sees more cases or becomes an admin: nothing changes until a coordinator approves, then it applies", async (from, to) => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person(from);
    expect(await changeUserRole(admin.actor, { userId: subject.user.id, role: to })).toEqual({ pending: true });

    expect(await userRow(subject.user.id)).toEqual({ role: from, status: "ACTIVE" });
    expect(await audit("user.role_changed", subject.user.id)).toEqual([]);
    expect((await listUsers(admin.actor, { q: subject.user.email })).users.find((u) => u.id === subject.user.id)?.pendingRequest).toEqual({
      kind: "ROLE_CHANGE",
      role: to,
    });

    const requestId = await pendingRequestId({ subjectId: subject.user.id });
    expect(await requestRow(requestId)).toMatchObject({ kind: "ROLE_CHANGE", role: to, status: "PENDING", requestedById: admin.user.id });
    await approveAccessRequest(coordinator.actor, requestId);

    expect(await userRow(subject.user.id)).toEqual({ role: to, status: "ACTIVE" });
    expect(await requestRow(requestId)).toMatchObject({ status: "APPROVED", decidedById: coordinator.user.id });
    expect(await audit("user.role_changed", subject.user.id)).toEqual([
      { actorId: coordinator.user.id, targetType: "user", meta: { from, to, request: requestId } },
    ]);
    expect(await audit("access.approved", subject.user.id)).toEqual([
      { actorId: coordinator.user.id, targetType: "user", meta: { request: requestId, kind: "ROLE_CHANGE", role: to } },
    ]);
    expect(
      (await listUsers(admin.actor, { q: subject.user.email })).users.find((u) => u.id === subject.user.id)?.pendingRequest,
    ).toBeNull();
  });

  test.each<[Role, Role]>([["COORDINATOR", "CASEWORKER"]])(
    "%s → %s sees fewer cases (with two other coordinators left): it applies at once, with no request",
    async (from, to) => {
      const { admin } = await twoPeople();
      const subject = await person(from);
      expect(await changeUserRole(admin.actor, { userId: subject.user.id, role: to })).toEqual({ pending: false });
      expect(await userRow(subject.user.id)).toEqual({ role: to, status: "ACTIVE" });
      expect(await db().accessRequest.count({ where: { subjectId: subject.user.id } })).toBe(0);
      expect(await audit("user.role_changed", subject.user.id)).toEqual([
        { actorId: admin.user.id, targetType: "user", meta: { from, to } },
      ]);
    },
  );

  test("rejecting a role change changes nothing", async () => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person("CASEWORKER");
    await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
    const requestId = await pendingRequestId({ subjectId: subject.user.id });
    await rejectAccessRequest(coordinator.actor, requestId);
    expect(await userRow(subject.user.id)).toEqual({ role: "CASEWORKER", status: "ACTIVE" });
    expect(await requestRow(requestId)).toMatchObject({ status: "REJECTED", decidedById: coordinator.user.id });
    expect(await audit("user.role_changed", subject.user.id)).toEqual([]);
    // Decided: a new request may be made.
    expect(await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" })).toEqual({ pending: true });
  });
});

describe("two-person rule: reactivations", () => {
  test.each(["CASEWORKER", "COORDINATOR", "ADMIN"] as const)("reactivating a %s waits for a coordinator's approval", async (role) => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person(role, "DEACTIVATED");
    expect(await reactivateUser(admin.actor, { userId: subject.user.id })).toEqual({ pending: true });
    expect(await userRow(subject.user.id)).toEqual({ role, status: "DEACTIVATED" });
    expect(await audit("user.reactivated", subject.user.id)).toEqual([]);
    expect((await listUsers(admin.actor, { q: subject.user.email })).users.find((u) => u.id === subject.user.id)?.pendingRequest).toEqual({
      kind: "REACTIVATION",
      role,
    });

    const requestId = await pendingRequestId({ subjectId: subject.user.id });
    await approveAccessRequest(coordinator.actor, requestId);
    expect(await userRow(subject.user.id)).toEqual({ role, status: "ACTIVE" });
    expect(await audit("user.reactivated", subject.user.id)).toEqual([
      { actorId: coordinator.user.id, targetType: "user", meta: { from: "DEACTIVATED", to: "ACTIVE", request: requestId } },
    ]);
  });

  test("rejecting a reactivation leaves the account deactivated", async () => {
    const { admin, coordinator } = await twoPeople();
    const caseworker = await person("CASEWORKER", "DEACTIVATED");
    await reactivateUser(admin.actor, { userId: caseworker.user.id });
    await rejectAccessRequest(coordinator.actor, await pendingRequestId({ subjectId: caseworker.user.id }));
    expect(await userRow(caseworker.user.id)).toEqual({ role: "CASEWORKER", status: "DEACTIVATED" });
  });

  test("deactivating stays immediate, even while a change about the account waits", async () => {
    const { admin } = await twoPeople();
    const subject = await person("CASEWORKER");
    await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
    await deactivateUser(admin.actor, { userId: subject.user.id });
    expect(await userRow(subject.user.id)).toEqual({ role: "CASEWORKER", status: "DEACTIVATED" });
  });
});

describe("two-person rule: one request at a time", () => {
  test("a second request about an account while one waits is refused (request_pending) and creates nothing", async () => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person("CASEWORKER", "DEACTIVATED");
    await reactivateUser(admin.actor, { userId: subject.user.id });
    const secondAdmin = await person("ADMIN");
    await rejectsWithConflict(reactivateUser(secondAdmin.actor, { userId: subject.user.id }), "request_pending");
    await rejectsWithConflict(changeUserRole(secondAdmin.actor, { userId: subject.user.id, role: "COORDINATOR" }), "request_pending");
    expect(await db().accessRequest.count({ where: { subjectId: subject.user.id } })).toBe(1);
    expect(await audit("access.requested", subject.user.id)).toHaveLength(1);

    // Once decided (or expired), a new request may be made.
    await approveAccessRequest(coordinator.actor, await pendingRequestId({ subjectId: subject.user.id }));
    expect(await changeUserRole(secondAdmin.actor, { userId: subject.user.id, role: "COORDINATOR" })).toEqual({ pending: true });
  });

  test("two admins asking about the same account at the same moment make one request", async () => {
    for (let round = 0; round < 4; round += 1) {
      const [a, b] = [await person("ADMIN"), await person("ADMIN")];
      const subject = await person("CASEWORKER", "DEACTIVATED");
      const results = await Promise.allSettled([
        reactivateUser(a.actor, { userId: subject.user.id }),
        changeUserRole(b.actor, { userId: subject.user.id, role: "COORDINATOR" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(refused?.reason).toMatchObject({ code: "request_pending" });
      expect(await db().accessRequest.count({ where: { subjectId: subject.user.id, status: "PENDING" } })).toBe(1);
    }
  });
});

describe("two-person rule: who may decide", () => {
  test.each(["ADMIN", "CASEWORKER"] as const)(
    "an account with role %s can neither approve nor reject (ForbiddenError), and nothing changes",
    async (role) => {
      const { admin } = await twoPeople();
      const someone = role === "ADMIN" ? await person("ADMIN") : await person("CASEWORKER");
      const subject = await person("CASEWORKER");
      await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
      const invited = await inviteUser(admin.actor, { email: freshEmail(), role: "CASEWORKER" });
      const requests = [await pendingRequestId({ subjectId: subject.user.id }), await pendingRequestId({ inviteId: invited.inviteId })];

      for (const requestId of requests) {
        await expect(approveAccessRequest(someone.actor, requestId)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(rejectAccessRequest(someone.actor, requestId)).rejects.toBeInstanceOf(ForbiddenError);
        // Not even the admin who asked.
        await expect(approveAccessRequest(admin.actor, requestId)).rejects.toBeInstanceOf(ForbiddenError);
        expect(await requestRow(requestId)).toMatchObject({ status: "PENDING", decidedById: null, decidedAt: null });
      }
      expect((await userRow(subject.user.id)).role).toBe("CASEWORKER");
      expect(await inviteAwaitsApproval(tokenOf(invited.link))).toBe(true);
      expect(
        await db().auditLog.count({
          where: { action: { in: ["access.approved", "access.rejected"] }, targetId: { in: [subject.user.id, invited.inviteId] } },
        }),
      ).toBe(0);
    },
  );

  test("nobody decides their own request: an admin who asked and then became a coordinator (cannot_approve_own_request)", async () => {
    const { admin, coordinator } = await twoPeople();
    const otherAdmin = await person("ADMIN");
    const invited = await inviteUser(admin.actor, { email: freshEmail(), role: "CASEWORKER" });
    const subject = await person("CASEWORKER");
    await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
    const own = [await pendingRequestId({ inviteId: invited.inviteId }), await pendingRequestId({ subjectId: subject.user.id })];
    // The asking admin becomes a coordinator, with another coordinator's approval.
    await changeUserRole(otherAdmin.actor, { userId: admin.user.id, role: "COORDINATOR" });
    await approveAccessRequest(coordinator.actor, await pendingRequestId({ subjectId: admin.user.id }));
    const nowCoordinator = await actorFor({ ...admin.user, role: "COORDINATOR" });

    for (const requestId of own) {
      await rejectsWithConflict(approveAccessRequest(nowCoordinator, requestId), "cannot_approve_own_request");
      await rejectsWithConflict(rejectAccessRequest(nowCoordinator, requestId), "cannot_approve_own_request");
      expect(await requestRow(requestId)).toMatchObject({ status: "PENDING", decidedById: null });
    }
    await expect(getInvite(tokenOf(invited.link))).rejects.toBeInstanceOf(NotFoundError);
    expect((await userRow(subject.user.id)).role).toBe("CASEWORKER");
    // Another coordinator may.
    await approveAccessRequest(coordinator.actor, own[0]!);
    await expect(getInvite(tokenOf(invited.link))).resolves.toMatchObject({ role: "CASEWORKER" });
  });

  test.each([
    [
      "a change of their own role",
      async (admin: Actor, subjectId: string) => {
        // A coordinator is demoted (at once) and then proposed for coordinator again.
        await changeUserRole(admin, { userId: subjectId, role: "CASEWORKER" });
        await changeUserRole(admin, { userId: subjectId, role: "COORDINATOR" });
      },
    ],
    [
      "their own reactivation",
      async (admin: Actor, subjectId: string) => {
        await deactivateUser(admin, { userId: subjectId });
        await reactivateUser(admin, { userId: subjectId });
      },
    ],
  ])("nobody decides a request about themselves: %s (cannot_approve_about_self)", async (_name, arrange) => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person("COORDINATOR");
    // The subject's decision is already in flight (its actor was resolved) when the admin acts.
    const inFlight = subject.actor;
    await arrange(admin.actor, subject.user.id);
    const requestId = await pendingRequestId({ subjectId: subject.user.id });
    const before = await userRow(subject.user.id);

    await rejectsWithConflict(approveAccessRequest(inFlight, requestId), "cannot_approve_about_self");
    await rejectsWithConflict(rejectAccessRequest(inFlight, requestId), "cannot_approve_about_self");
    expect(await requestRow(requestId)).toMatchObject({ status: "PENDING", decidedById: null });
    expect(await userRow(subject.user.id)).toEqual(before);
    await approveAccessRequest(coordinator.actor, requestId);
    expect(await userRow(subject.user.id)).toEqual({ role: "COORDINATOR", status: "ACTIVE" });
  });

  test("nobody approves their own invitation: a coordinator holding the invited e-mail (cannot_approve_about_self)", async () => {
    const { admin } = await twoPeople();
    const email = freshEmail();
    const invited = await inviteUser(admin.actor, { email, role: "CASEWORKER" });
    const holder = await person("COORDINATOR");
    await rejectsWithConflict(
      approveAccessRequest({ ...holder.actor, email }, await pendingRequestId({ inviteId: invited.inviteId })),
      "cannot_approve_about_self",
    );
    expect(await inviteAwaitsApproval(tokenOf(invited.link))).toBe(true);
  });
});

describe("two-person rule: expiry", () => {
  test("a request older than 7 days cannot be approved nor rejected (request_expired), and does nothing", async () => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person("CASEWORKER");
    await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
    const requestId = await pendingRequestId({ subjectId: subject.user.id });
    const { createdAt } = await requestRow(requestId);

    // Given the time: the last minute still counts, the 7-day mark does not.
    const weekLater = new Date(createdAt.getTime() + 7 * DAY);
    await rejectsWithConflict(approveAccessRequest(steppedUp(coordinator.actor, weekLater), requestId, weekLater), "request_expired");
    await expireRequest(requestId);
    await rejectsWithConflict(approveAccessRequest(coordinator.actor, requestId), "request_expired");
    await rejectsWithConflict(rejectAccessRequest(coordinator.actor, requestId), "request_expired");
    expect(await userRow(subject.user.id)).toEqual({ role: "CASEWORKER", status: "ACTIVE" });
    expect(await requestRow(requestId)).toMatchObject({ status: "PENDING", decidedById: null });
    expect(await audit("access.approved", subject.user.id)).toEqual([]);
    expect(
      (await listUsers(admin.actor, { q: subject.user.email })).users.find((u) => u.id === subject.user.id)?.pendingRequest,
    ).toBeNull();

    // An expired request blocks nothing: the admin may ask again.
    expect(await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" })).toEqual({ pending: true });
    expect(await db().accessRequest.count({ where: { subjectId: subject.user.id } })).toBe(2);
  });

  test("approved in its last minute, a request applies", async () => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person("CASEWORKER", "DEACTIVATED");
    await reactivateUser(admin.actor, { userId: subject.user.id });
    const requestId = await pendingRequestId({ subjectId: subject.user.id });
    const { createdAt, expiresAt } = await requestRow(requestId);
    expect(expiresAt).toEqual(new Date(createdAt.getTime() + 7 * DAY));
    const lastMinute = new Date(expiresAt.getTime() - 60_000);
    await approveAccessRequest(steppedUp(coordinator.actor, lastMinute), requestId, lastMinute);
    expect(await userRow(subject.user.id)).toEqual({ role: "CASEWORKER", status: "ACTIVE" });
  });
});

describe("two-person rule: the record", () => {
  test("every step is audited: who asked, who approved or rejected, and what", async () => {
    const { admin, coordinator } = await twoPeople();
    const subject = await person("CASEWORKER");
    await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
    const approved = await pendingRequestId({ subjectId: subject.user.id });
    await approveAccessRequest(coordinator.actor, approved);
    const invited = await inviteUser(admin.actor, { email: freshEmail(), role: "CASEWORKER" });
    const rejected = await pendingRequestId({ inviteId: invited.inviteId });
    await rejectAccessRequest(coordinator.actor, rejected);

    expect(await audit("access.requested", subject.user.id)).toEqual([
      { actorId: admin.user.id, targetType: "user", meta: { request: approved, kind: "ROLE_CHANGE", role: "COORDINATOR" } },
    ]);
    expect(await audit("access.approved", subject.user.id)).toEqual([
      { actorId: coordinator.user.id, targetType: "user", meta: { request: approved, kind: "ROLE_CHANGE", role: "COORDINATOR" } },
    ]);
    expect(await audit("user.invited", invited.inviteId)).toEqual([
      { actorId: admin.user.id, targetType: "invite", meta: { role: "CASEWORKER", pendingApproval: true } },
    ]);
    expect(await audit("access.requested", invited.inviteId)).toEqual([
      { actorId: admin.user.id, targetType: "invite", meta: { request: rejected, kind: "INVITE", role: "CASEWORKER" } },
    ]);
    expect(await audit("access.rejected", invited.inviteId)).toEqual([
      { actorId: coordinator.user.id, targetType: "invite", meta: { request: rejected, kind: "INVITE", role: "CASEWORKER" } },
    ]);
  });

  test("admins and coordinators see pending, decided and expired requests; caseworkers may not (ForbiddenError)", async () => {
    const { admin, coordinator } = await twoPeople();
    const [pending, approved, rejected, expired] = [
      await person("CASEWORKER"),
      await person("CASEWORKER"),
      await person("CASEWORKER"),
      await person("CASEWORKER"),
    ];
    for (const p of [pending, approved, rejected, expired]) await changeUserRole(admin.actor, { userId: p.user.id, role: "COORDINATOR" });
    const invitedEmail = freshEmail();
    await inviteUser(admin.actor, { email: invitedEmail, role: "CASEWORKER" });
    await approveAccessRequest(coordinator.actor, await pendingRequestId({ subjectId: approved.user.id }));
    await rejectAccessRequest(coordinator.actor, await pendingRequestId({ subjectId: rejected.user.id }));
    await expireRequest(await pendingRequestId({ subjectId: expired.user.id }));

    for (const viewer of [admin.actor, coordinator.actor]) {
      const rows = await listAccessRequests(viewer);
      const about = (email: string) => rows.find((r) => r.subject === email);
      expect(about(pending.user.email)).toMatchObject({
        kind: "ROLE_CHANGE",
        role: "COORDINATOR",
        status: "PENDING",
        subjectId: pending.user.id,
        requestedBy: admin.user.email,
        requestedById: admin.user.id,
        decidedBy: null,
        decidedAt: null,
      });
      expect(about(approved.user.email)).toMatchObject({
        status: "APPROVED",
        decidedBy: coordinator.user.email,
        decidedAt: expect.any(Date),
      });
      expect(about(rejected.user.email)).toMatchObject({ status: "REJECTED", decidedBy: coordinator.user.email });
      expect(about(expired.user.email)).toMatchObject({ status: "EXPIRED", decidedBy: null });
      expect(about(invitedEmail)).toMatchObject({ kind: "INVITE", role: "CASEWORKER", status: "PENDING", subjectId: null });
      // Waiting requests come first.
      const statuses = rows.map((r) => r.status);
      expect(statuses.lastIndexOf("PENDING")).toBeLessThan(statuses.indexOf("APPROVED"));
      expect(JSON.stringify(rows)).not.toMatch(/tokenHash|passwordHash|argon2/);
    }
    await expect(listAccessRequests((await person("CASEWORKER")).actor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("two-person rule: concurrency", () => {
  test("two coordinators deciding one request at the same moment: exactly one decision wins", async () => {
    for (let round = 0; round < 4; round += 1) {
      const { admin, coordinator } = await twoPeople();
      const second = await person("COORDINATOR");
      const subject = await person("CASEWORKER");
      await changeUserRole(admin.actor, { userId: subject.user.id, role: "COORDINATOR" });
      const requestId = await pendingRequestId({ subjectId: subject.user.id });
      // Even rounds: both approve; odd rounds: one approves while the other rejects.
      const results = await Promise.allSettled([
        approveAccessRequest(coordinator.actor, requestId),
        round % 2 === 0 ? approveAccessRequest(second.actor, requestId) : rejectAccessRequest(second.actor, requestId),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
      expect(lost.reason).toBeInstanceOf(ConflictError);
      expect(lost.reason).toMatchObject({ code: "request_decided" });

      const row = await requestRow(requestId);
      const decisions = await db().auditLog.findMany({
        where: { action: { in: ["access.approved", "access.rejected"] }, targetId: subject.user.id },
      });
      expect(decisions).toHaveLength(1);
      expect(decisions[0]!.actorId).toBe(row.decidedById);
      expect(decisions[0]!.action).toBe(row.status === "APPROVED" ? "access.approved" : "access.rejected");
      expect((await userRow(subject.user.id)).role).toBe(row.status === "APPROVED" ? "COORDINATOR" : "CASEWORKER");
      expect(await audit("user.role_changed", subject.user.id)).toHaveLength(row.status === "APPROVED" ? 1 : 0);
    }
  });
});
