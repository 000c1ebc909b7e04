import { createHash } from "node:crypto";
import * as argon2 from "@node-rs/argon2";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createUser, databaseText, midTotpStep, type CreatedUser } from "@/lib/testing/factories";
import type { ClientInfo } from "./client-info";
import * as password from "./password";
import { SignInSchema } from "./schemas";
import { checkSession } from "./sessions";
import { signInWithPassword, type SignInResult } from "./sign-in";
import { totpCodeAt } from "./totp";

// Pass-through spies (password module and argon2 itself): the real argon2 work still happens, the test only watches that it does.
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof password>();
  return { ...actual, verifyAgainstDummy: vi.fn(actual.verifyAgainstDummy) };
});
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof argon2>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

const CLIENT: ClientInfo = { network: "unknown", label: "Firefox on Linux" };
const STEP = 30_000;
const INVALID = { ok: false, reason: "invalid" };

function signIn(email: string, pass: string, code: string | undefined, now: Date): Promise<SignInResult> {
  // Through the form's schema, as the app does.
  return signInWithPassword(SignInSchema.parse({ email, password: pass, code }), CLIENT, now);
}

function codeFor(user: CreatedUser, at: Date, steps = 0): string {
  return totpCodeAt(user.totpSecret!, at.getTime() + steps * STEP);
}

async function lastFailureReason(userId: string | null): Promise<unknown> {
  const row = await db().auditLog.findFirst({
    where: { action: "auth.sign_in_failed", targetId: userId },
    orderBy: { id: "desc" },
    select: { meta: true },
  });
  return (row?.meta as { reason?: unknown } | undefined)?.reason;
}

describe("signInWithPassword: second factor", () => {
  test("a user with the right password and the current TOTP code gets a new full session", async () => {
    const user = await createUser();
    const now = midTotpStep();
    const result = await signIn(user.email, user.password, codeFor(user, now), now);
    expect(result).toMatchObject({ ok: true, userId: user.id });
    if (!result.ok) return;
    const state = await checkSession(result.sessionId, now);
    expect(state).toMatchObject({ live: { enrolmentOnly: false, user: { id: user.id, role: "CASEWORKER" } } });
  });

  test("a code from the previous 30-second step is accepted", async () => {
    const user = await createUser();
    const now = midTotpStep();
    expect((await signIn(user.email, user.password, codeFor(user, now, -1), now)).ok).toBe(true);
  });

  test("a code from the next 30-second step is accepted", async () => {
    const user = await createUser();
    const now = midTotpStep();
    expect((await signIn(user.email, user.password, codeFor(user, now, +1), now)).ok).toBe(true);
  });

  test("a code two steps in the past or in the future is refused", async () => {
    const user = await createUser();
    const now = midTotpStep();
    expect(await signIn(user.email, user.password, codeFor(user, now, -2), now)).toStrictEqual(INVALID);
    expect(await signIn(user.email, user.password, codeFor(user, now, +2), now)).toStrictEqual(INVALID);
    expect(await lastFailureReason(user.id)).toBe("bad_code");
    // The right code still works afterwards: nothing was consumed by the refusals.
    expect((await signIn(user.email, user.password, codeFor(user, now), now)).ok).toBe(true);
  });

  test("the same code is refused the second time (replay), even a second later", async () => {
    const user = await createUser();
    const now = midTotpStep();
    const code = codeFor(user, now);
    expect((await signIn(user.email, user.password, code, now)).ok).toBe(true);
    expect(await signIn(user.email, user.password, code, new Date(now.getTime() + 1000))).toStrictEqual(INVALID);
    expect(await lastFailureReason(user.id)).toBe("replayed_code");
  });

  test("after a code of a newer step, a code of an older step is refused", async () => {
    const user = await createUser();
    const now = midTotpStep();
    expect((await signIn(user.email, user.password, codeFor(user, now, +1), now)).ok).toBe(true);
    expect(await signIn(user.email, user.password, codeFor(user, now), now)).toStrictEqual(INVALID);
    expect(await signIn(user.email, user.password, codeFor(user, now, -1), now)).toStrictEqual(INVALID);
    expect(await lastFailureReason(user.id)).toBe("replayed_code");
    // Once time moves on, the next step's code works.
    const later = new Date(now.getTime() + 2 * STEP);
    expect((await signIn(user.email, user.password, codeFor(user, later), later)).ok).toBe(true);
  });

  test("of two simultaneous sign-ins with the same code, exactly one succeeds", async () => {
    const user = await createUser();
    const now = midTotpStep();
    const code = codeFor(user, now);
    const results = await Promise.all([signIn(user.email, user.password, code, now), signIn(user.email, user.password, code, now)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toStrictEqual([INVALID]);
  });

  test("a recovery code works once and is refused the second time", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const now = midTotpStep();
    const [first, second] = user.recoveryCodes;
    expect(await signIn(user.email, user.password, first, now)).toMatchObject({ ok: true });
    expect(await signIn(user.email, user.password, first, now)).toStrictEqual(INVALID);
    expect(await lastFailureReason(user.id)).toBe("bad_code");
    // Typed in lower case without dashes, another code still works, and only once.
    const typed = second!.toLowerCase().replace(/-/g, " ");
    expect((await signIn(user.email, user.password, typed, now)).ok).toBe(true);
    expect(await signIn(user.email, user.password, typed, now)).toStrictEqual(INVALID);
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(2);
  });

  test("another user's recovery code is refused", async () => {
    const owner = await createUser({ withRecoveryCodes: true });
    const other = await createUser({ withRecoveryCodes: true });
    const now = midTotpStep();
    expect(await signIn(other.email, other.password, owner.recoveryCodes[0], now)).toStrictEqual(INVALID);
  });

  test("an account without a second factor gets no session at all, not even to enrol, and no pending secret", async () => {
    // A password alone must not let anyone enrol their own device (ADR 013): new and reset accounts
    // enrol only through an invitation or recovery link with its activation code.
    const user = await createUser({ totpSecret: null });
    const now = new Date();
    for (const code of [undefined, "123456"]) expect(await signIn(user.email, user.password, code, now)).toStrictEqual(INVALID);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretEnc).toBeNull();
    const reasons = await db().auditLog.findMany({ where: { action: "auth.sign_in_failed", targetId: user.id }, select: { meta: true } });
    expect(reasons.map((r) => (r.meta as { reason: string }).reason)).toEqual(["not_enrolled", "not_enrolled"]);
    expect(await db().auditLog.count({ where: { action: "auth.sign_in_enrolment", actorId: user.id } })).toBe(0);
  });
});

describe("signInWithPassword: refusals", () => {
  test("every refusal reason gives the caller the same { ok: false, reason: 'invalid' }", async () => {
    const now = midTotpStep();
    const active = await createUser();
    const deactivated = await createUser({ status: "DEACTIVATED" });
    const replayed = await createUser();
    expect((await signIn(replayed.email, replayed.password, codeFor(replayed, now), now)).ok).toBe(true);

    const cases: Array<[reason: string, userId: string | null, attempt: () => Promise<SignInResult>]> = [
      ["unknown_account", null, () => signIn("nobody-here@test.example", active.password, codeFor(active, now), now)],
      ["bad_password", active.id, () => signIn(active.email, `${active.password}x`, codeFor(active, now), now)],
      ["deactivated", deactivated.id, () => signIn(deactivated.email, deactivated.password, codeFor(deactivated, now), now)],
      ["code_missing", active.id, () => signIn(active.email, active.password, undefined, now)],
      ["bad_code", active.id, () => signIn(active.email, active.password, codeFor(active, now, 3), now)],
      ["replayed_code", replayed.id, () => signIn(replayed.email, replayed.password, codeFor(replayed, now), now)],
    ];
    for (const [reason, userId, attempt] of cases) {
      const result = await attempt();
      expect(result, reason).toStrictEqual(INVALID);
      // The internal reason differs (so each branch was really taken) but stays in the audit log.
      expect(await lastFailureReason(userId), reason).toBe(reason);
    }
  });

  test("an unknown e-mail still costs an argon2 verification of the typed password", async () => {
    vi.mocked(password.verifyAgainstDummy).mockClear();
    vi.mocked(argon2.verify).mockClear();
    const result = await signIn("no-such-person@test.example", "some typed password", undefined, new Date());
    expect(result).toStrictEqual(INVALID);
    expect(password.verifyAgainstDummy).toHaveBeenCalledTimes(1);
    expect(password.verifyAgainstDummy).toHaveBeenCalledWith("some typed password");
    // ... and it really runs argon2 on the typed password (against an argon2id hash), it does not just return.
    expect(argon2.verify).toHaveBeenCalledTimes(1);
    expect(vi.mocked(argon2.verify).mock.calls[0]![0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(vi.mocked(argon2.verify).mock.calls[0]![1]).toBe("some typed password");
  });

  test("a known e-mail is verified against its own hash, not the dummy", async () => {
    const user = await createUser();
    vi.mocked(password.verifyAgainstDummy).mockClear();
    vi.mocked(argon2.verify).mockClear();
    expect(await signIn(user.email, "wrong password entirely", undefined, new Date())).toStrictEqual(INVALID);
    expect(password.verifyAgainstDummy).not.toHaveBeenCalled();
    expect(argon2.verify).toHaveBeenCalledTimes(1);
  });
});

describe("signInWithPassword: sessions", () => {
  test("each sign-in opens a new session id, and only its SHA-256 is stored", async () => {
    const user = await createUser();
    const now = midTotpStep();
    const first = await signIn(user.email, user.password, codeFor(user, now), now);
    const later = new Date(now.getTime() + STEP);
    const second = await signIn(user.email, user.password, codeFor(user, later), later);
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits

    const rows = await db().session.findMany({ where: { userId: user.id }, select: { idHash: true } });
    const sha256 = (id: string) => createHash("sha256").update(id).digest("hex");
    expect(rows.map((r) => r.idHash).sort()).toEqual([sha256(first.sessionId), sha256(second.sessionId)].sort());
    const everything = await databaseText();
    expect(everything).not.toContain(first.sessionId);
    expect(everything).not.toContain(second.sessionId);
  });
});
