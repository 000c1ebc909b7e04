import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, test, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { decryptTotpSecret } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { approveAsCoordinator } from "@/lib/testing/approvals";
import { actorFor, createUser, databaseText } from "@/lib/testing/factories";
import { INVITE_LIFETIME_HOURS, inviteUser, listPendingInvites, revokeInvite } from "./admin";
import { acceptInvite, getInvite } from "./invites";

const GOOD_PASSWORD = "violet tractor sings at dawn";
const HOUR = 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

function freshEmail(): string {
  return `invitee-${randomBytes(5).toString("hex")}@test.example`;
}

/** An admin's invitation; into a case-reading role a coordinator approves it, as the link needs (approvals.ts). */
async function invite(role: Role = "CASEWORKER", email = freshEmail()) {
  const admin = await createUser({ role: "ADMIN" });
  const actor = await actorFor(admin);
  const result = await inviteUser(actor, { email, role });
  expect(result.pendingApproval).toBe(role !== "ADMIN");
  if (result.pendingApproval) await approveAsCoordinator({ inviteId: result.inviteId });
  const token = result.link.split("/invite/")[1]!;
  return { ...result, token, email, actor };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => "resolved", (error: unknown) => error);
}

describe("invitations", () => {
  test("the link carries a one-time token that is stored only as its SHA-256", async () => {
    const { link, token, inviteId, email, actor } = await invite("COORDINATOR");
    expect(link).toBe(`${env().APP_URL.replace(/\/$/, "")}/invite/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db().invite.findUniqueOrThrow({ where: { id: inviteId } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(await databaseText()).not.toContain(token);
    expect(await getInvite(token)).toEqual({ email, role: "COORDINATOR", expiresAt: row.expiresAt });
    expect((await listPendingInvites(actor)).map((i) => i.id)).toContain(inviteId);
  });

  test("accepting creates the user with the invited role and a pending, unconfirmed second factor", async () => {
    const { token, email } = await invite("COORDINATOR");
    const { userId, email: created } = await acceptInvite(token, GOOD_PASSWORD);
    expect(created).toBe(email);
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ email, role: "COORDINATOR", status: "ACTIVE", totpEnrolledAt: null, totpLastStep: null });
    expect(decryptTotpSecret(user.totpSecretEnc!, userId)).toMatch(/^[A-Z2-7]{32}$/);
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.passwordHash, GOOD_PASSWORD)).toBe(true);
    expect(await db().recoveryCode.count({ where: { userId } })).toBe(0);

    // The first sign-in is enrolment-only, with the secret created at acceptance.
    const signedIn = await signInWithPassword({ email, password: GOOD_PASSWORD, code: undefined }, { network: "unknown", label: "x" });
    expect(signedIn).toMatchObject({ ok: true, enrolmentOnly: true, userId });
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).totpSecretEnc).toBe(user.totpSecretEnc);
  });

  test("a link works once", async () => {
    const { token, email, actor, inviteId } = await invite();
    await acceptInvite(token, GOOD_PASSWORD);
    await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(token, "another good passphrase here")).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().user.count({ where: { email } })).toBe(1);
    expect((await listPendingInvites(actor)).map((i) => i.id)).not.toContain(inviteId);
  });

  // An admin invitation works at once; one into a case-reading role 72 hours from its approval
  // (approvals.integration.test.ts).
  test("a link expires 72 hours after the invitation", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2026-03-02T09:00:00.000Z");
    vi.setSystemTime(t0);
    expect(INVITE_LIFETIME_HOURS).toBe(72);
    const { token, expiresAt } = await invite("ADMIN");
    expect(expiresAt).toEqual(new Date(t0.getTime() + 72 * HOUR));

    vi.setSystemTime(new Date(t0.getTime() + 72 * HOUR - 60_000));
    await expect(getInvite(token)).resolves.toMatchObject({ expiresAt });
    vi.setSystemTime(new Date(t0.getTime() + 72 * HOUR));
    await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(token, GOOD_PASSWORD)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a second invitation for the same e-mail revokes the first link", async () => {
    const email = freshEmail();
    const first = await invite("CASEWORKER", email);
    const second = await inviteUser(first.actor, { email, role: "COORDINATOR" });
    const secondToken = second.link.split("/invite/")[1]!;
    // Revoked at once, not when the second invitation is approved.
    await expect(getInvite(first.token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(first.token, GOOD_PASSWORD)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listPendingInvites(first.actor)).filter((i) => i.email === email).map((i) => i.id)).toEqual([second.inviteId]);
    await approveAsCoordinator({ inviteId: second.inviteId });
    await expect(getInvite(first.token)).rejects.toBeInstanceOf(NotFoundError);
    const { userId } = await acceptInvite(secondToken, GOOD_PASSWORD);
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("COORDINATOR");
  });

  test("inviting an e-mail that already has an account is a conflict, and creates no invitation", async () => {
    const existing = await createUser();
    const actor = await actorFor(await createUser({ role: "ADMIN" }));
    const error = await rejection(inviteUser(actor, { email: existing.email, role: "ADMIN" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "email_taken" });
    expect(await db().invite.count({ where: { email: existing.email } })).toBe(0);
  });

  test("a revoked link does not work", async () => {
    const { token, inviteId, actor } = await invite();
    await revokeInvite(actor, inviteId);
    await expect(getInvite(token)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptInvite(token, GOOD_PASSWORD)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeInvite(actor, inviteId)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("made-up or malformed tokens are not found", async () => {
    await invite();
    for (const token of [randomBytes(32).toString("base64url"), "", "short", "../../etc/passwd", `${randomBytes(32).toString("base64url")}x`]) {
      await expect(getInvite(token), token).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  test("weak passwords are refused (InvalidInputError) and leave the link usable", async () => {
    const { token, email } = await invite();
    const local = email.split("@")[0]!;
    const weak: Array<[string, string]> = [
      ["short pass", "password_too_short"],
      ["password1234", "password_common"],
      ["aaaaaaaaaaaaaaaa", "password_repetitive"],
      [`my-${local}-pass`, "password_contains_email"],
      ["x".repeat(12) + "yz".repeat(130), "password_too_long"],
    ];
    for (const [password, reason] of weak) {
      const error = await rejection(acceptInvite(token, password));
      expect(error, password).toBeInstanceOf(InvalidInputError);
      expect(error, password).toMatchObject({ code: "weak_password", fieldErrors: { password: [reason] } });
    }
    expect(await db().user.count({ where: { email } })).toBe(0);
    await expect(getInvite(token)).resolves.toMatchObject({ email });
    await acceptInvite(token, GOOD_PASSWORD);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  test("two simultaneous acceptances of one link create exactly one user", async () => {
    for (let round = 0; round < 3; round += 1) {
      const { token, email, inviteId } = await invite("COORDINATOR");
      const results = await Promise.allSettled([
        acceptInvite(token, GOOD_PASSWORD),
        acceptInvite(token, "another good passphrase here"),
        acceptInvite(token, "a third fine passphrase here"),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(NotFoundError);
      expect(await db().user.count({ where: { email } })).toBe(1);
      expect((await db().invite.findUniqueOrThrow({ where: { id: inviteId } })).acceptedAt).not.toBeNull();
    }
  });

  test("a link for an e-mail that got an account meanwhile creates no second account", async () => {
    const { token, email } = await invite();
    await createUser({ email });
    await expect(acceptInvite(token, GOOD_PASSWORD)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });
});
