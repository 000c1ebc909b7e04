import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { ClientInfo } from "@/lib/auth/client-info";
import { confirmEnrolment, getEnrolment } from "@/lib/auth/enrolment";
import { verifyPassword } from "@/lib/auth/password";
import { checkSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { approveAsCoordinator, pendingRequestId } from "@/lib/testing/approvals";
import {
  actorFor,
  actorForSession,
  createSessionFor,
  createUser,
  databaseText,
  midTotpStep,
  type CreatedUser,
} from "@/lib/testing/factories";
import { generateActivationCode } from "./activation-code";
import { inviteUser } from "./management";
import { approveAccessRequest, rejectAccessRequest } from "./approvals";
import { acceptInvite } from "./invites";
import { getRecovery, recoveryAwaitsApproval } from "./recovery-links";
import { redeemRecovery, unsafeIssueSecondFactorRecoveries } from "./recovery";
import { requestPasswordReset, resetSecondFactor } from "./resets";

/**
 * The way back into an account (ADR 013): a reset asked for by an admin ends in a recovery link
 * (shown to the admin) that works only with the activation code shown once to the coordinator who
 * approved. Never in a password-only sign-in.
 */

const CLIENT: ClientInfo = { network: "unknown", label: "Firefox on Linux" };
const NEW_PASSWORD = "copper kettle whistles at noon";
const HOUR = 3_600_000;
const tokenOf = (link: string) => link.split("/recover/")[1]!;

afterEach(() => {
  vi.useRealTimers();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

async function expectWrongCode(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ code: "invalid_activation_code" });
}

async function signsIn(user: CreatedUser, password: string, code: string | undefined, at = new Date()) {
  return signInWithPassword({ email: user.email, password, code }, CLIENT, at);
}

describe("second-factor reset", () => {
  test.each<Role>(["CASEWORKER", "COORDINATOR", "ADMIN"])(
    "of a %s: password alone never enrols; the admin's link needs the approver's code; both give a new authenticator",
    async (role) => {
      const admin = await actorFor(await createUser({ role: "ADMIN" }));
      const user = await createUser({ role, withRecoveryCodes: true });
      const { link } = await resetSecondFactor(admin, { userId: user.id });
      const token = tokenOf(link);

      // Whoever knows the password: refused, with no session of any kind.
      expect(await signsIn(user, user.password, undefined)).toStrictEqual({ ok: false, reason: "invalid" });
      expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
      // The admin's link alone: waiting, then useless without the code.
      expect(await recoveryAwaitsApproval(token)).toBe(true);
      await expect(getRecovery(token)).rejects.toBeInstanceOf(NotFoundError);
      await expect(redeemRecovery(token, { activationCode: generateActivationCode() }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
      const { activationCode, approver } = await approveAsCoordinator({ subjectId: user.id });
      expect(await getRecovery(token)).toMatchObject({ email: user.email, kind: "SECOND_FACTOR" });
      await expectWrongCode(redeemRecovery(token, { activationCode: generateActivationCode() }, CLIENT));
      // The approver's code alone: nothing to use it with.
      await expect(
        redeemRecovery(randomBytes(32).toString("base64url"), { activationCode: activationCode! }, CLIENT),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

      // Both: an enrolment-only session with its own fresh secret; a second use ends the first.
      const first = await redeemRecovery(token, { activationCode: activationCode! }, CLIENT);
      if (first.kind !== "SECOND_FACTOR") throw new Error("expected an enrolment");
      const firstSecret = (await getEnrolment((await actorForSession(first.sessionId))!)).secret;
      const second = await redeemRecovery(token, { activationCode: activationCode! }, CLIENT);
      if (second.kind !== "SECOND_FACTOR") throw new Error("expected an enrolment");
      expect(await checkSession(first.sessionId)).toEqual({ ended: "revoked" });
      const enrolling = (await actorForSession(second.sessionId))!;
      const { secret } = await getEnrolment(enrolling);
      expect(secret).not.toBe(firstSecret);
      expect(secret).not.toBe(user.totpSecret);

      const now = midTotpStep();
      await confirmEnrolment(enrolling, totpCodeAt(secret, now.getTime()), now);
      const request = await db().accessRequest.findFirstOrThrow({ where: { subjectId: user.id, kind: "SECOND_FACTOR_RESET" } });
      expect(request).toMatchObject({ status: "APPROVED", decidedById: approver.userId });
      expect((await db().accountRecovery.findFirstOrThrow({ where: { userId: user.id } })).completedAt).toEqual(now);
      await expect(redeemRecovery(token, { activationCode: activationCode! }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
      const later = new Date(now.getTime() + 30_000);
      expect(await signsIn(user, user.password, totpCodeAt(secret, later.getTime()), later)).toMatchObject({ ok: true });
      // The old authenticator and recovery codes stay dead.
      expect(await signsIn(user, user.password, user.recoveryCodes[1], later)).toMatchObject({ ok: false });
    },
  );

  test("stores the link as a SHA-256 and the code as an HMAC; the audit log holds neither", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const user = await createUser({ role: "COORDINATOR" });
    const { link } = await resetSecondFactor(admin, { userId: user.id });
    const { activationCode } = await approveAsCoordinator({ subjectId: user.id });
    const row = await db().accountRecovery.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(tokenOf(link)).digest("hex"));
    const everything = await databaseText();
    for (const secret of [tokenOf(link), activationCode!, activationCode!.replace(/-/g, "")]) expect(everything).not.toContain(secret);
    const entries = await db().auditLog.findMany({
      where: { action: { in: ["user.second_factor_reset", "access.requested", "access.approved"] }, targetId: user.id },
      select: { action: true, meta: true },
    });
    expect(entries.map((e) => e.action)).toEqual(["access.requested", "user.second_factor_reset", "access.approved"]);
    expect(entries[0]!.meta).toMatchObject({ kind: "SECOND_FACTOR_RESET", role: "COORDINATOR" });
  });

  test("nobody approves their own reset: not the admin who asked, not the coordinator it is about", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const coordinator = await createUser({ role: "COORDINATOR" });
    const inFlight = await actorFor(coordinator);
    await resetSecondFactor(admin, { userId: coordinator.id });
    const requestId = await pendingRequestId({ subjectId: coordinator.id });
    await expect(approveAccessRequest(admin, requestId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveAccessRequest(inFlight, requestId)).rejects.toMatchObject({ code: "cannot_approve_about_self" });
    expect((await db().accountRecovery.findFirstOrThrow({ where: { userId: coordinator.id } })).codeHash).toBeNull();
  });

  test("rejected, the link never works; the factor stays removed until a new reset is approved", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const user = await createUser();
    const { link } = await resetSecondFactor(admin, { userId: user.id });
    const coordinator = await actorFor(await createUser({ role: "COORDINATOR" }));
    await rejectAccessRequest(coordinator, await pendingRequestId({ subjectId: user.id }));
    expect(await recoveryAwaitsApproval(tokenOf(link))).toBe(false);
    await expect(getRecovery(tokenOf(link))).rejects.toBeInstanceOf(NotFoundError);
    expect(await signsIn(user, user.password, undefined)).toMatchObject({ ok: false });
    // A new reset may be asked for.
    expect((await resetSecondFactor(admin, { userId: user.id })).link).not.toBe(link);
  });

  test("the link works for 72 hours from its approval", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2026-03-02T09:00:00.000Z");
    vi.setSystemTime(t0);
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const user = await createUser();
    const { link, expiresAt: waitingUntil } = await resetSecondFactor(admin, { userId: user.id });
    expect(waitingUntil).toEqual(new Date(t0.getTime() + 7 * 24 * HOUR));
    vi.setSystemTime(new Date(t0.getTime() + 24 * HOUR));
    const { activationCode } = await approveAsCoordinator({ subjectId: user.id });
    const expiresAt = new Date(t0.getTime() + 24 * HOUR + 72 * HOUR);
    expect(await getRecovery(tokenOf(link))).toMatchObject({ expiresAt });
    vi.setSystemTime(expiresAt);
    await expect(redeemRecovery(tokenOf(link), { activationCode: activationCode! }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("password reset", () => {
  test.each<Role>(["CASEWORKER", "COORDINATOR", "ADMIN"])(
    "of a %s: nothing changes until link and code are used; then a new password, every session ended, the authenticator kept",
    async (role) => {
      const admin = await actorFor(await createUser({ role: "ADMIN" }));
      const user = await createUser({ role, withRecoveryCodes: true });
      const sessions = [await createSessionFor(user.id), await createSessionFor(user.id)];
      const { link } = await requestPasswordReset(admin, { userId: user.id });
      const token = tokenOf(link);
      expect(await checkSession(sessions[0]!.sessionId)).toHaveProperty("live");
      await expect(
        redeemRecovery(token, { activationCode: generateActivationCode(), password: NEW_PASSWORD }, CLIENT),
      ).rejects.toBeInstanceOf(NotFoundError);

      const { activationCode } = await approveAsCoordinator({ subjectId: user.id });
      expect(await getRecovery(token)).toMatchObject({ kind: "PASSWORD", email: user.email });
      await expectWrongCode(redeemRecovery(token, { activationCode: generateActivationCode(), password: NEW_PASSWORD }, CLIENT));
      const weak = await rejection(redeemRecovery(token, { activationCode: activationCode!, password: "password1234" }, CLIENT));
      expect(weak).toMatchObject({ code: "weak_password", fieldErrors: { password: ["password_common"] } });
      expect(await verifyPassword((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, user.password)).toBe(true);

      expect(await redeemRecovery(token, { activationCode: activationCode!, password: NEW_PASSWORD }, CLIENT)).toEqual({
        kind: "PASSWORD",
      });
      for (const { sessionId } of sessions) expect(await checkSession(sessionId)).toEqual({ ended: "revoked" });
      const now = midTotpStep();
      expect(await signsIn(user, user.password, totpCodeAt(user.totpSecret!, now.getTime()), now)).toMatchObject({ ok: false });
      expect(await signsIn(user, NEW_PASSWORD, totpCodeAt(user.totpSecret!, now.getTime()), now)).toMatchObject({ ok: true });
      // Without the authenticator, the new password is not enough.
      expect(await signsIn(user, NEW_PASSWORD, undefined)).toMatchObject({ ok: false });
      // Used once.
      await expect(
        redeemRecovery(token, { activationCode: activationCode!, password: "yet another passphrase here" }, CLIENT),
      ).rejects.toBeInstanceOf(NotFoundError);
      const audited = await db().auditLog.findFirstOrThrow({ where: { action: "user.password_reset", targetId: user.id } });
      expect(audited).toMatchObject({ actorId: user.id, meta: { sessionsEnded: 2 } });
      expect(JSON.stringify(audited.meta)).not.toContain(NEW_PASSWORD);
    },
  );

  test("a deactivated account, or one never completed, gets no reset (account_inactive, not_activated)", async () => {
    const admin = await actorFor(await createUser({ role: "ADMIN" }));
    const deactivated = await createUser({ status: "DEACTIVATED" });
    for (const call of [resetSecondFactor, requestPasswordReset]) {
      const error = await rejection(call(admin, { userId: deactivated.id }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: "account_inactive" });
    }
    const email = `half-${randomBytes(4).toString("hex")}@test.example`;
    const invited = await inviteUser(admin, { email, role: "CASEWORKER" });
    const { activationCode } = await approveAsCoordinator({ inviteId: invited.inviteId });
    const { userId } = await acceptInvite(
      invited.link.split("/invite/")[1]!,
      { activationCode: activationCode!, password: NEW_PASSWORD },
      CLIENT,
    );
    await expect(requestPasswordReset(admin, { userId })).rejects.toMatchObject({ code: "not_activated" });
    expect(await db().accountRecovery.count({ where: { userId: { in: [deactivated.id, userId] } } })).toBe(0);
  });

  test.each(["CASEWORKER", "COORDINATOR"] as const)("a %s cannot ask for a reset (ForbiddenError)", async (role) => {
    const actor = await actorFor(await createUser({ role }));
    const target = await createUser();
    await expect(requestPasswordReset(actor, { userId: target.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetSecondFactor(actor, { userId: target.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().accountRecovery.count({ where: { userId: target.id } })).toBe(0);
  });
});

describe("the operator's recovery links (after keys:rotate --reset-second-factors)", () => {
  test("every active, complete account without a factor gets a pre-approved link and its code; nobody else", async () => {
    const without = await createUser({ totpSecret: null });
    const withFactor = await createUser();
    const deactivated = await createUser({ totpSecret: null, status: "DEACTIVATED" });
    const issued = await unsafeIssueSecondFactorRecoveries();
    const mine = issued.find((i) => i.email === without.email)!;
    expect(mine.link).toMatch(/\/recover\/[A-Za-z0-9_-]{43}$/);
    expect(issued.map((i) => i.email)).not.toContain(withFactor.email);
    expect(issued.map((i) => i.email)).not.toContain(deactivated.email);
    await expectWrongCode(redeemRecovery(tokenOf(mine.link), { activationCode: generateActivationCode() }, CLIENT));
    const used = await redeemRecovery(tokenOf(mine.link), { activationCode: mine.activationCode }, CLIENT);
    expect(used.kind).toBe("SECOND_FACTOR");
    expect(await db().auditLog.count({ where: { action: "user.recoveries_issued_all" } })).toBeGreaterThanOrEqual(1);
  });
});
