import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { ClientInfo } from "@/lib/auth/client-info";
import { verifyPassword } from "@/lib/auth/password";
import { hashRecoveryCode } from "@/lib/auth/recovery-codes";
import { checkSession, hashSessionId } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { totpCodeAt } from "@/lib/auth/totp";
import { db } from "@/lib/db/client";
import { InvalidInputError, NotFoundError, TooManyRequestsError, UnauthenticatedError } from "@/lib/errors";
import { actorFor, createSessionFor, createUser, databaseText, midTotpStep, type CreatedUser } from "@/lib/testing/factories";
import { changePassword, endOwnSessionByRef, regenerateRecoveryCodes, setLocale, signOutEverywhere } from "./account";
import { getAccount } from "./overview";

const CLIENT: ClientInfo = { network: "unknown", label: "Safari on macOS" };
/** The request's client for step-up: a network of its own per call, so tests never share a throttle counter. */
function client(): ClientInfo {
  return { network: `10.${randomInt(256)}.${randomInt(256)}.0/24`, label: "Safari on macOS" };
}

/** The current TOTP code of a user, at a time in the middle of its step. */
function fresh(user: CreatedUser, at = midTotpStep()): { code: string; now: Date } {
  return { code: totpCodeAt(user.totpSecret!, at.getTime()), now: at };
}
const GOOD = "violet tractor sings at dawn";
const NEW_GOOD = "seven quiet herons over the lake";
const INVALID = { ok: false, reason: "invalid" };

async function isLive(sessionId: string): Promise<boolean> {
  return "live" in (await checkSession(sessionId));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

function signInWithRecoveryCode(user: CreatedUser, password: string, code: string) {
  return signInWithPassword({ email: user.email, password, code }, CLIENT);
}

describe("account: password", () => {
  test("changing the password needs the right current password; a wrong one changes nothing", async () => {
    const user = await createUser({ password: GOOD });
    const actor = await actorFor(user);
    const other = await createSessionFor(user.id);
    const before = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, passwordChangedAt: true } });

    const { code, now } = fresh(user);
    const error = await rejection(
      changePassword(actor, { currentPassword: `${GOOD}!`, newPassword: NEW_GOOD, confirmPassword: NEW_GOOD, code }, client(), now),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: "wrong_password", fieldErrors: { currentPassword: ["wrong_password"] } });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, passwordChangedAt: true } })).toEqual(
      before,
    );
    expect(await isLive(other.sessionId)).toBe(true);
    expect(await db().auditLog.count({ where: { actorId: user.id, action: "auth.step_up_failed" } })).toBe(1);
  });

  test("changing the password needs a fresh code: none, a wrong one or a replayed one changes nothing", async () => {
    const user = await createUser({ password: GOOD });
    const actor = await actorFor(user);
    const other = await createSessionFor(user.id);
    const before = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    const { code, now } = fresh(user);
    const input = { currentPassword: GOOD, newPassword: NEW_GOOD, confirmPassword: NEW_GOOD };

    expect(
      await rejection(changePassword(actor, { ...input, code: code === "000000" ? "111111" : "000000" }, client(), now)),
    ).toMatchObject({ code: "step_up_code_invalid" });
    // The code was used to sign in (or for another step-up) already.
    await db().user.update({ where: { id: user.id }, data: { totpLastStep: Math.floor(now.getTime() / 30_000) } });
    expect(await rejection(changePassword(actor, { ...input, code }, client(), now))).toMatchObject({
      code: "step_up_code_invalid",
      fieldErrors: { code: ["step_up_code_invalid"] },
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })).toEqual(before);
    expect(await isLive(other.sessionId)).toBe(true);

    // The next step's code works.
    const next = fresh(user, new Date(now.getTime() + 30_000));
    expect(await changePassword(actor, { ...input, code: next.code }, client(), next.now)).toEqual({ sessionsEnded: 1 });
  });

  test("guessing the current password from a session is throttled like sign-in, and ends the session after five failures", async () => {
    const user = await createUser({ password: GOOD });
    const actor = await actorFor(user);
    const thief = client();
    const { code, now } = fresh(user);
    const guess = (i: number) =>
      changePassword(actor, { currentPassword: `guess number ${i}`, newPassword: NEW_GOOD, confirmPassword: NEW_GOOD, code }, thief, now);
    for (let i = 0; i < 4; i += 1) expect(await rejection(guess(i))).toMatchObject({ code: "wrong_password" });
    expect(await rejection(guess(4))).toBeInstanceOf(UnauthenticatedError);
    expect(await isLive(actor.sessionId)).toBe(false);
    // Another stolen session from the same network waits, even with the right password.
    const second = await actorFor(user);
    const held = await rejection(
      changePassword(second, { currentPassword: GOOD, newPassword: NEW_GOOD, confirmPassword: NEW_GOOD, code }, thief, now),
    );
    expect(held).toBeInstanceOf(TooManyRequestsError);
  });

  test("a weak new password, or the same one again, is refused", async () => {
    const user = await createUser({ password: GOOD, email: `natalia.k-${Date.now()}@test.example` });
    const actor = await actorFor(user);
    const local = user.email.split("@")[0]!;
    const refused: Array<[string, string]> = [
      ["too short", "password_too_short"],
      ["qwerty123456", "password_common"],
      ["abcdefghijklmnop", "password_repetitive"],
      [`it is ${local} here`, "password_contains_email"],
      [GOOD, "password_unchanged"],
    ];
    for (const [newPassword, reason] of refused) {
      const error = await rejection(
        changePassword(actor, { currentPassword: GOOD, newPassword, confirmPassword: newPassword, code: "000000" }, client()),
      );
      expect(error, newPassword).toBeInstanceOf(InvalidInputError);
      expect(error, newPassword).toMatchObject({ code: "weak_password", fieldErrors: { newPassword: [reason] } });
    }
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, GOOD)).toBe(true);
    // Refused before the step-up: no attempt was counted against the session.
    expect(await db().auditLog.count({ where: { actorId: user.id, action: { startsWith: "auth.step_up" } } })).toBe(0);
  });

  test("a new password ends the user's other sessions but not the current one, and replaces the old", async () => {
    const user = await createUser({ password: GOOD });
    const actor = await actorFor(user);
    const others = [await createSessionFor(user.id), await createSessionFor(user.id)];
    const bystander = await createSessionFor((await createUser()).id);

    const { code, now } = fresh(user);
    expect(
      await changePassword(actor, { currentPassword: GOOD, newPassword: NEW_GOOD, confirmPassword: NEW_GOOD, code }, client(), now),
    ).toEqual({ sessionsEnded: 2 });
    expect(await isLive(actor.sessionId)).toBe(true);
    for (const { sessionId } of others) expect(await checkSession(sessionId)).toEqual({ ended: "revoked" });
    expect(await isLive(bystander.sessionId)).toBe(true);

    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, NEW_GOOD)).toBe(true);
    expect(await verifyPassword(passwordHash, GOOD)).toBe(false);
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("account: sessions", () => {
  test("the session list shows only the user's own full sessions and marks the current one", async () => {
    const user = await createUser();
    const actor = await actorFor(user);
    const other = await createSessionFor(user.id);
    await createSessionFor(user.id, { enrolmentOnly: true });
    await createSessionFor((await createUser()).id);
    const account = await getAccount(actor);
    expect(account.sessions.map((s) => [s.ref, s.current]).sort()).toEqual(
      [
        [actor.sessionIdHash.slice(0, 16), true],
        [hashSessionId(other.sessionId).slice(0, 16), false],
      ].sort(),
    );
  });

  test("a user cannot end another user's session by its reference (not found), and it stays live", async () => {
    const victim = await createUser();
    const victimSession = await createSessionFor(victim.id);
    const attacker = await actorFor(await createUser());
    const ref = hashSessionId(victimSession.sessionId).slice(0, 16);

    await expect(endOwnSessionByRef(attacker, ref)).rejects.toBeInstanceOf(NotFoundError);
    expect(await isLive(victimSession.sessionId)).toBe(true);
    expect(await isLive(attacker.sessionId)).toBe(true);
  });

  test("a user ends one of their own sessions by reference, the current one included", async () => {
    const user = await createUser();
    const actor = await actorFor(user);
    const other = await createSessionFor(user.id);
    const otherRef = hashSessionId(other.sessionId).slice(0, 16);

    expect(await endOwnSessionByRef(actor, otherRef)).toEqual({ endedCurrent: false });
    expect(await isLive(other.sessionId)).toBe(false);
    expect(await isLive(actor.sessionId)).toBe(true);
    await expect(endOwnSessionByRef(actor, otherRef)).rejects.toBeInstanceOf(NotFoundError);

    expect(await endOwnSessionByRef(actor, actor.sessionIdHash.slice(0, 16))).toEqual({ endedCurrent: true });
    expect(await isLive(actor.sessionId)).toBe(false);
  });

  test("signing out everywhere ends all of the user's sessions, this one included, and nobody else's", async () => {
    const user = await createUser();
    const actor = await actorFor(user);
    const others = [await createSessionFor(user.id), await createSessionFor(user.id, { enrolmentOnly: true })];
    const bystander = await createSessionFor((await createUser()).id);

    const { code, now } = fresh(user);
    expect(await signOutEverywhere(actor, { code }, client(), now)).toBe(3);
    expect(await isLive(actor.sessionId)).toBe(false);
    for (const { sessionId } of others) expect(await isLive(sessionId)).toBe(false);
    expect(await isLive(bystander.sessionId)).toBe(true);
  });

  test("signing out everywhere needs a fresh code: without one, nobody is signed out", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const actor = await actorFor(user);
    const other = await createSessionFor(user.id);
    const { code, now } = fresh(user);
    await db().user.update({ where: { id: user.id }, data: { totpLastStep: Math.floor(now.getTime() / 30_000) } });
    expect(await rejection(signOutEverywhere(actor, { code }, client(), now))).toMatchObject({ code: "step_up_code_invalid" });
    expect(await rejection(signOutEverywhere(actor, { code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ" }, client(), now))).toMatchObject({
      code: "step_up_code_invalid",
    });
    expect(await isLive(actor.sessionId)).toBe(true);
    expect(await isLive(other.sessionId)).toBe(true);
    // A recovery code does it.
    expect(await signOutEverywhere(actor, { code: user.recoveryCodes[0]! }, client(), now)).toBe(2);
  });
});

describe("account: recovery codes", () => {
  test("regenerating needs the password; a wrong one leaves the old codes working", async () => {
    const user = await createUser({ password: GOOD, withRecoveryCodes: true });
    const actor = await actorFor(user);
    const error = await rejection(
      regenerateRecoveryCodes(actor, { currentPassword: "not my password at all", code: user.recoveryCodes[1]! }, client()),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: "wrong_password" });
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
    expect((await signInWithRecoveryCode(user, GOOD, user.recoveryCodes[0]!)).ok).toBe(true);
  });

  test("regenerating needs a fresh code too: the password alone, with a wrong or replayed code, leaves the old codes", async () => {
    const user = await createUser({ password: GOOD, withRecoveryCodes: true });
    const actor = await actorFor(user);
    const { code, now } = fresh(user);
    await db().user.update({ where: { id: user.id }, data: { totpLastStep: Math.floor(now.getTime() / 30_000) } });
    expect(await rejection(regenerateRecoveryCodes(actor, { currentPassword: GOOD, code }, client(), now))).toMatchObject({
      code: "step_up_code_invalid",
    });
    expect(
      await rejection(regenerateRecoveryCodes(actor, { currentPassword: GOOD, code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ" }, client(), now)),
    ).toMatchObject({ code: "step_up_code_invalid" });
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored.map((r) => r.codeHash).sort()).toEqual(user.recoveryCodes.map(hashRecoveryCode).sort());
  });

  test("new codes replace every old one, and are stored only as keyed hashes", async () => {
    const user = await createUser({ password: GOOD, withRecoveryCodes: true });
    const actor = await actorFor(user);
    const { code, now } = fresh(user);
    const made = await regenerateRecoveryCodes(actor, { currentPassword: GOOD, code }, client(), now);
    expect(made).toHaveLength(10);
    expect(made.filter((c) => user.recoveryCodes.includes(c))).toEqual([]);

    const stored = await db().recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored.map((s) => s.codeHash).sort()).toEqual(made.map(hashRecoveryCode).sort());
    const everything = await databaseText();
    for (const code of made) expect(everything).not.toContain(code);
    expect((await getAccount(actor)).unusedRecoveryCodes).toBe(10);

    for (const old of user.recoveryCodes.slice(0, 3)) expect(await signInWithRecoveryCode(user, GOOD, old)).toStrictEqual(INVALID);
    expect((await signInWithRecoveryCode(user, GOOD, made[0]!)).ok).toBe(true);
    expect((await getAccount(actor)).unusedRecoveryCodes).toBe(9);
  });
});

describe("account: language", () => {
  test("the chosen language is saved and seen by the next session check", async () => {
    const user = await createUser({ locale: "en" });
    const actor = await actorFor(user);
    await setLocale(actor, "ru");
    expect(await checkSession(actor.sessionId)).toMatchObject({ live: { user: { locale: "ru" } } });
  });
});
