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
import { env } from "@/lib/env";
import { ConflictError, InvalidInputError, NotFoundError, TooManyRequestsError } from "@/lib/errors";
import { approveAsCoordinator } from "@/lib/testing/approvals";
import { actorFor, actorForSession, createUser, databaseText, midTotpStep } from "@/lib/testing/factories";
import { generateActivationCode } from "./activation-code";
import { inviteUser, revokeInvite } from "./management";
import { listPendingInvites, listUsers } from "./directory";
import { acceptInvite, getInvite, inviteAwaitsApproval } from "./invites";
import { MAX_CODE_FAILURES } from "./link-attempts";

/**
 * Split knowledge for new accounts (ADR 013): the admin who invites holds the link, the coordinator
 * who approves holds the activation code, and only the two together create the account. The account
 * is complete once its second factor is enrolled, in an enrolment session with its own secret.
 */

const GOOD_PASSWORD = "violet tractor sings at dawn";
const HOUR = 3_600_000;
const CLIENT: ClientInfo = { network: "unknown", label: "Firefox on Linux" };

afterEach(() => {
  vi.useRealTimers();
});

function freshEmail(): string {
  return `invitee-${randomBytes(5).toString("hex")}@test.example`;
}

const tokenOf = (link: string) => link.split("/invite/")[1]!;

/** An admin's invitation, approved by a coordinator: the link the admin saw and the code the coordinator saw. */
async function invite(role: Role = "CASEWORKER", email = freshEmail()) {
  const admin = await createUser({ role: "ADMIN" });
  const actor = await actorFor(admin);
  const result = await inviteUser(actor, { email, role });
  const { activationCode, approver } = await approveAsCoordinator({ inviteId: result.inviteId });
  return { ...result, token: tokenOf(result.link), code: activationCode!, email, actor, approver };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

async function expectWrongCode(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ code: "invalid_activation_code", fieldErrors: { activationCode: ["invalid_activation_code"] } });
}

describe("invitations: what each person holds", () => {
  test("the link carries a one-time token stored only as its SHA-256; the code is shown once to the approver and stored only as an HMAC", async () => {
    const { link, token, code, inviteId, email, actor } = await invite("COORDINATOR");
    expect(link).toBe(`${env().APP_URL.replace(/\/$/, "")}/invite/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const row = await db().invite.findUniqueOrThrow({ where: { id: inviteId } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const everything = await databaseText();
    for (const secret of [token, code, code.replace(/-/g, "")]) expect(everything).not.toContain(secret);
    expect(await getInvite(token)).toEqual({ email, role: "COORDINATOR", expiresAt: row.expiresAt });
    expect((await listPendingInvites(actor)).map((i) => i.id)).toContain(inviteId);
  });

  test.each(["CASEWORKER", "COORDINATOR", "ADMIN"] as const)(
    "as %s: the admin's link without the code creates nothing, before or after approval",
    async (role) => {
      const admin = await actorFor(await createUser({ role: "ADMIN" }));
      const email = freshEmail();
      const invited = await inviteUser(admin, { email, role });
      const token = tokenOf(invited.link);
      // Before approval: waiting, whatever code is typed.
      expect(await inviteAwaitsApproval(token)).toBe(true);
      await expect(
        acceptInvite(token, { activationCode: generateActivationCode(), password: GOOD_PASSWORD }, CLIENT),
      ).rejects.toBeInstanceOf(NotFoundError);
      await approveAsCoordinator({ inviteId: invited.inviteId });
      // After approval: the admin has the link, not the code.
      for (const guess of ["", "0000-0000-0000", generateActivationCode()]) {
        await expectWrongCode(acceptInvite(token, { activationCode: guess, password: GOOD_PASSWORD }, CLIENT));
      }
      expect(await db().user.count({ where: { email } })).toBe(0);
      expect(await db().session.count({ where: { user: { email } } })).toBe(0);
    },
  );

  test("the approver's code without the link opens nothing: not with another invitation's link, not with a made-up one", async () => {
    const first = await invite("COORDINATOR");
    const second = await invite("CASEWORKER");
    await expectWrongCode(acceptInvite(second.token, { activationCode: first.code, password: GOOD_PASSWORD }, CLIENT));
    await expect(
      acceptInvite(randomBytes(32).toString("base64url"), { activationCode: first.code, password: GOOD_PASSWORD }, CLIENT),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().user.count({ where: { email: { in: [first.email, second.email] } } })).toBe(0);
  });

  test("with both, the account is created with the invited role, no second factor and an enrolment-only session; its password alone signs nobody in", async () => {
    const { token, code, email } = await invite("COORDINATOR");
    const accepted = await acceptInvite(token, { activationCode: code.toLowerCase().replace(/-/g, " "), password: GOOD_PASSWORD }, CLIENT);
    expect(accepted.email).toBe(email);
    const user = await db().user.findUniqueOrThrow({ where: { id: accepted.userId } });
    expect(user).toMatchObject({
      email,
      role: "COORDINATOR",
      status: "ACTIVE",
      activationPending: true,
      totpSecretEnc: null,
      totpEnrolledAt: null,
    });
    expect(await verifyPassword(user.passwordHash, GOOD_PASSWORD)).toBe(true);
    const actor = await actorForSession(accepted.sessionId);
    expect(actor).toMatchObject({ userId: accepted.userId, enrolmentOnly: true });

    // Whoever learns the password cannot use it, not even to enrol.
    const signIn = await signInWithPassword({ email, password: GOOD_PASSWORD, code: undefined }, CLIENT);
    expect(signIn).toStrictEqual({ ok: false, reason: "invalid" });
    const refused = await db().auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed", targetId: accepted.userId } });
    expect(refused.meta).toMatchObject({ reason: "not_enrolled" });
    expect(await db().session.count({ where: { userId: accepted.userId } })).toBe(1);
  });

  test("confirming the authenticator completes the account: the invitation counts as accepted and its link stops working", async () => {
    const { token, code, inviteId, actor: admin, email } = await invite();
    const accepted = await acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT);
    const enrolling = (await actorForSession(accepted.sessionId))!;
    const now = midTotpStep();
    const { secret } = await getEnrolment(enrolling);
    await confirmEnrolment(enrolling, totpCodeAt(secret, now.getTime()), now);

    expect(await db().user.findUniqueOrThrow({ where: { id: accepted.userId } })).toMatchObject({
      activationPending: false,
      totpEnrolledAt: now,
    });
    expect((await db().invite.findUniqueOrThrow({ where: { id: inviteId } })).acceptedAt).toEqual(now);
    await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listPendingInvites(admin)).map((i) => i.id)).not.toContain(inviteId);
    // The owner signs in with the password and the new factor.
    const later = new Date(now.getTime() + 30_000);
    expect(
      await signInWithPassword({ email, password: GOOD_PASSWORD, code: totpCodeAt(secret, later.getTime()) }, CLIENT, later),
    ).toMatchObject({ ok: true });
    // A complete account: its e-mail is taken.
    const again = await rejection(inviteUser(admin, { email, role: "CASEWORKER" }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ code: "email_taken" });
  });

  test("used again before the account is complete, link and code end the earlier enrolment session and show a new secret", async () => {
    const { token, code, email } = await invite();
    const first = await acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT);
    const firstActor = (await actorForSession(first.sessionId))!;
    const firstSecret = (await getEnrolment(firstActor)).secret;

    const second = await acceptInvite(token, { activationCode: code, password: "another good passphrase here" }, CLIENT);
    expect(second.userId).toBe(first.userId);
    expect(await checkSession(first.sessionId)).toEqual({ ended: "revoked" });
    const secondActor = (await actorForSession(second.sessionId))!;
    const secondSecret = (await getEnrolment(secondActor)).secret;
    expect(secondSecret).not.toBe(firstSecret);
    // The first session's secret confirms nothing.
    const now = midTotpStep();
    await expect(confirmEnrolment(firstActor, totpCodeAt(firstSecret, now.getTime()), now)).rejects.toThrow();
    expect((await db().user.findUniqueOrThrow({ where: { id: first.userId } })).totpEnrolledAt).toBeNull();
    expect(await db().user.count({ where: { email } })).toBe(1);
    expect(
      await verifyPassword(
        (await db().user.findUniqueOrThrow({ where: { id: first.userId } })).passwordHash,
        "another good passphrase here",
      ),
    ).toBe(true);
  });

  test("three uses of one link at the same moment leave one account and one live enrolment session", async () => {
    const { token, code, email } = await invite("COORDINATOR");
    const results = await Promise.allSettled(
      ["violet tractor sings at dawn", "another good passphrase here", "a third fine passphrase here"].map((password) =>
        acceptInvite(token, { activationCode: code, password }, CLIENT),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await db().user.count({ where: { email } })).toBe(1);
    expect(await db().session.count({ where: { user: { email }, revokedAt: null } })).toBe(1);
  });
});

describe("invitations: lifetime, revocation, re-invitation", () => {
  test("a link works for 72 hours from its approval", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2026-03-02T09:00:00.000Z");
    vi.setSystemTime(t0);
    const { token, code, inviteId } = await invite("ADMIN");
    const { expiresAt } = await db().invite.findUniqueOrThrow({ where: { id: inviteId } });
    expect(expiresAt).toEqual(new Date(t0.getTime() + 72 * HOUR));
    vi.setSystemTime(new Date(t0.getTime() + 72 * HOUR - 60_000));
    await expect(getInvite(token)).resolves.toMatchObject({ expiresAt });
    vi.setSystemTime(new Date(t0.getTime() + 72 * HOUR));
    await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a second invitation for the same e-mail revokes the first link at once", async () => {
    const email = freshEmail();
    const first = await invite("CASEWORKER", email);
    const second = await inviteUser(first.actor, { email, role: "COORDINATOR" });
    await expect(getInvite(first.token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(first.token, { activationCode: first.code, password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await listPendingInvites(first.actor)).filter((i) => i.email === email).map((i) => i.id)).toEqual([second.inviteId]);
    const { activationCode } = await approveAsCoordinator({ inviteId: second.inviteId });
    // The first invitation's code does not open the second link.
    await expectWrongCode(acceptInvite(tokenOf(second.link), { activationCode: first.code, password: GOOD_PASSWORD }, CLIENT));
    const { userId } = await acceptInvite(tokenOf(second.link), { activationCode: activationCode!, password: GOOD_PASSWORD }, CLIENT);
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("COORDINATOR");
  });

  test("an invitation taken over half-way can be revoked and sent again: the new one takes the unfinished account over", async () => {
    // Someone got link and code and set a password, but never finished: revoke, then invite again.
    const email = freshEmail();
    const first = await invite("COORDINATOR", email);
    const takenOver = await acceptInvite(first.token, { activationCode: first.code, password: "the intruder's own passphrase" }, CLIENT);
    expect((await listUsers(first.actor, { q: email })).users[0]).toMatchObject({ activationPending: true, secondFactorEnrolled: false });
    await revokeInvite(first.actor, first.inviteId);
    expect(await checkSession(takenOver.sessionId)).toEqual({ ended: "revoked" });
    await expect(acceptInvite(first.token, { activationCode: first.code, password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const again = await inviteUser(first.actor, { email, role: "CASEWORKER" });
    const { activationCode } = await approveAsCoordinator({ inviteId: again.inviteId });
    const owner = await acceptInvite(tokenOf(again.link), { activationCode: activationCode!, password: GOOD_PASSWORD }, CLIENT);
    expect(owner.userId).toBe(takenOver.userId);
    const row = await db().user.findUniqueOrThrow({ where: { id: owner.userId } });
    expect(row).toMatchObject({ role: "CASEWORKER", activationPending: true });
    expect(await verifyPassword(row.passwordHash, "the intruder's own passphrase")).toBe(false);
  });

  test("inviting an e-mail that has a complete account is a conflict, and creates no invitation", async () => {
    const existing = await createUser();
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const error = await rejection(inviteUser(actor, { email: existing.email, role: "ADMIN" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "email_taken" });
    expect(await db().invite.count({ where: { email: existing.email } })).toBe(0);
  });

  test("a revoked link does not work", async () => {
    const { token, code, inviteId, actor } = await invite();
    await revokeInvite(actor, inviteId);
    await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeInvite(actor, inviteId)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("made-up or malformed tokens are not found", async () => {
    for (const token of [
      randomBytes(32).toString("base64url"),
      "",
      "short",
      "../../etc/passwd",
      `${randomBytes(32).toString("base64url")}x`,
    ]) {
      await expect(getInvite(token), token).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        acceptInvite(token, { activationCode: generateActivationCode(), password: GOOD_PASSWORD }, CLIENT),
        token,
      ).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  test("a link for an e-mail that got a complete account meanwhile creates no second account", async () => {
    const { token, code, email } = await invite();
    await createUser({ email });
    await expect(acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });
});

describe("invitations: guessing the code", () => {
  test("weak passwords are refused after the right code (InvalidInputError) and leave the link usable", async () => {
    const { token, code, email } = await invite();
    const local = email.split("@")[0]!;
    const weak: Array<[string, string]> = [
      ["short pass", "password_too_short"],
      ["password1234", "password_common"],
      [`my-${local}-pass`, "password_contains_email"],
    ];
    for (const [password, reason] of weak) {
      const error = await rejection(acceptInvite(token, { activationCode: code, password }, CLIENT));
      expect(error, password).toMatchObject({ code: "weak_password", fieldErrors: { password: [reason] } });
    }
    expect(await db().user.count({ where: { email } })).toBe(0);
    await acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  test("wrong codes are throttled per link (429 after 5), audited without the code, and revoke the link at the tenth", async () => {
    const { token, code, inviteId, email } = await invite();
    const t0 = Date.now();
    const attempt = (i: number, activationCode = generateActivationCode()) =>
      acceptInvite(token, { activationCode, password: GOOD_PASSWORD }, { network: "203.0.113.0/24", label: "x" }, new Date(t0 + i * 1000));
    for (let i = 0; i < 5; i += 1) await expectWrongCode(attempt(i));
    // The sixth attempt within the lock, even with the right code, waits.
    await expect(attempt(5, code)).rejects.toBeInstanceOf(TooManyRequestsError);
    // Spaced beyond every lock (at most 15 minutes), wrong codes count on to the tenth, which revokes.
    for (let i = 6; i <= 10; i += 1)
      await expectWrongCode(
        acceptInvite(token, { activationCode: generateActivationCode(), password: GOOD_PASSWORD }, CLIENT, new Date(t0 + i * 20 * 60_000)),
      );
    const row = await db().invite.findUniqueOrThrow({ where: { id: inviteId } });
    expect(row.codeFailures).toBe(MAX_CODE_FAILURES);
    expect(row.revokedAt).not.toBeNull();
    await expect(
      acceptInvite(token, { activationCode: code, password: GOOD_PASSWORD }, CLIENT, new Date(t0 + 12 * 20 * 60_000)),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().user.count({ where: { email } })).toBe(0);

    const entries = await db().auditLog.findMany({
      where: { action: "user.activation_code_failed", targetId: inviteId },
      orderBy: { id: "asc" },
      select: { meta: true },
    });
    expect(entries.map((e) => e.meta)).toHaveLength(MAX_CODE_FAILURES);
    expect(entries.at(-1)!.meta).toMatchObject({ failures: MAX_CODE_FAILURES, locked: true });
    expect(JSON.stringify(entries)).not.toContain(code.replace(/-/g, "").slice(0, 6));
  });
});
