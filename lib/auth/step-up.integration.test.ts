import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { InvalidInputError, TooManyRequestsError, UnauthenticatedError } from "@/lib/errors";
import { actorFor, createSessionFor, createUser, databaseText, midTotpStep } from "@/lib/testing/factories";
import type { ClientInfo } from "./client-info";
import { checkSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { STEP_UP_SESSION_FAILURES, verifyFreshCode, verifyStepUp } from "./step-up";
import { totpCodeAt } from "./totp";

const STEP_MS = 30_000;

/** A /24 of its own for each test, so that tests never share a network counter. */
function freshClient(): ClientInfo {
  return { network: `10.${randomInt(256)}.${randomInt(256)}.0/24`, label: "Firefox on Linux" };
}

function context(client: ClientInfo = freshClient()) {
  return { client, purpose: "test.step_up" };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

/** Six digits that are the code of none of the steps around `at`. */
function wrongCode(secret: string, at: Date): string {
  const accepted = new Set([-2, -1, 0, 1, 2].map((step) => totpCodeAt(secret, at.getTime() + step * STEP_MS)));
  let code: string;
  do code = String(randomInt(1_000_000)).padStart(6, "0");
  while (accepted.has(code));
  return code;
}

async function stepUpEntries(userId: string) {
  return db().auditLog.findMany({
    where: { actorId: userId, action: { startsWith: "auth.step_up" } },
    orderBy: { id: "asc" },
    select: { action: true, meta: true },
  });
}

describe("step-up", () => {
  test("a fresh authenticator code passes once; the same code again, or one already used at sign-in, is refused as replayed", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const actor = await actorFor(user);
    const now = midTotpStep();
    const code = totpCodeAt(user.totpSecret!, now.getTime());

    expect(await verifyFreshCode(actor, code, context(), now)).toEqual({ secondFactor: "totp" });
    const replay = await rejection(verifyFreshCode(actor, code, context(), now));
    expect(replay).toBeInstanceOf(InvalidInputError);
    expect(replay).toMatchObject({ code: "step_up_code_invalid", fieldErrors: { code: ["step_up_code_invalid"] } });

    // The next step's code was used to sign in elsewhere: step-up cannot reuse it either.
    const next = new Date(now.getTime() + STEP_MS);
    const nextCode = totpCodeAt(user.totpSecret!, next.getTime());
    expect((await signInWithPassword({ email: user.email, password: user.password, code: nextCode }, freshClient(), next)).ok).toBe(true);
    expect(await rejection(verifyFreshCode(actor, nextCode, context(), next))).toMatchObject({ code: "step_up_code_invalid" });
    expect((await stepUpEntries(user.id)).map((e) => [e.action, (e.meta as { reason?: string }).reason])).toEqual([
      ["auth.step_up_failed", "replayed_code"],
      ["auth.step_up_failed", "replayed_code"],
    ]);
  });

  test("an unused recovery code passes and is used up; a wrong code is refused and nothing is consumed", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const actor = await actorFor(user);
    const now = midTotpStep();

    expect(await rejection(verifyFreshCode(actor, wrongCode(user.totpSecret!, now), context(), now))).toMatchObject({
      code: "step_up_code_invalid",
    });
    expect(await rejection(verifyFreshCode(actor, "ABCD-EFGH-JKLM-NPQR", context(), now))).toMatchObject({ code: "step_up_code_invalid" });
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);

    // Lower case and without dashes, as people type them.
    const recovery = user.recoveryCodes[3]!;
    expect(await verifyFreshCode(actor, recovery.replace(/-/g, "").toLowerCase(), context(), now)).toEqual({
      secondFactor: "recovery_code",
    });
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
    expect(await rejection(verifyFreshCode(actor, recovery, context(), now))).toMatchObject({ code: "step_up_code_invalid" });
  });

  test("with a current password: a wrong one is refused on its own field and uses up no code", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const actor = await actorFor(user);
    const now = midTotpStep();
    const code = totpCodeAt(user.totpSecret!, now.getTime());

    const wrong = await rejection(verifyStepUp(actor, { currentPassword: `${user.password}!`, code }, context(), now));
    expect(wrong).toBeInstanceOf(InvalidInputError);
    expect(wrong).toMatchObject({ code: "wrong_password", fieldErrors: { currentPassword: ["wrong_password"] } });
    expect(
      await rejection(verifyStepUp(actor, { currentPassword: `${user.password}!`, code: user.recoveryCodes[0]! }, context(), now)),
    ).toMatchObject({ code: "wrong_password" });
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);

    // The code was not spent by the refusals: it still works with the right password.
    expect(await verifyStepUp(actor, { currentPassword: user.password, code }, context(), now)).toEqual({ secondFactor: "totp" });
    // The right password with a wrong code is refused on the code.
    expect(
      await rejection(verifyStepUp(actor, { currentPassword: user.password, code: wrongCode(user.totpSecret!, now) }, context(), now)),
    ).toMatchObject({
      code: "step_up_code_invalid",
    });
  });

  test(`after ${STEP_UP_SESSION_FAILURES} failures the session is ended; the owner's other sessions are not`, async () => {
    const user = await createUser();
    const actor = await actorFor(user);
    const other = await createSessionFor(user.id);
    const now = midTotpStep();
    // Each guess from its own network, as a careful thief would: the session's own count still ends it.
    for (let i = 1; i < STEP_UP_SESSION_FAILURES; i += 1) {
      expect(await rejection(verifyStepUp(actor, { currentPassword: `guess-${i}`, code: "123456" }, context(), now))).toBeInstanceOf(
        InvalidInputError,
      );
    }
    expect("live" in (await checkSession(actor.sessionId))).toBe(true);

    const last = await rejection(verifyFreshCode(actor, wrongCode(user.totpSecret!, now), context(), now));
    expect(last).toBeInstanceOf(UnauthenticatedError);
    expect(last).toMatchObject({ code: "step_up_session_ended" });
    expect(await checkSession(actor.sessionId)).toEqual({ ended: "revoked" });
    expect("live" in (await checkSession(other.sessionId))).toBe(true);
    const entries = await stepUpEntries(user.id);
    expect(entries.map((e) => e.action)).toEqual([
      ...Array<string>(STEP_UP_SESSION_FAILURES - 1).fill("auth.step_up_failed"),
      "auth.step_up_session_ended",
    ]);
    expect(entries.at(-1)!.meta).toMatchObject({ purpose: "test.step_up", reason: "bad_code", failures: STEP_UP_SESSION_FAILURES });
  });

  test("a success forgets the session's failures", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const actor = await actorFor(user);
    const now = midTotpStep();
    for (let i = 0; i < STEP_UP_SESSION_FAILURES - 1; i += 1)
      await rejection(verifyFreshCode(actor, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", context(), now));
    await verifyFreshCode(actor, user.recoveryCodes[0]!, context(), now);
    for (let i = 0; i < STEP_UP_SESSION_FAILURES - 1; i += 1)
      await rejection(verifyFreshCode(actor, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", context(), now));
    expect("live" in (await checkSession(actor.sessionId))).toBe(true);
  });

  test("the throttle is the sign-in throttle: failed sign-ins from a network hold step-up from there, and failed step-ups hold sign-in", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const client = freshClient();
    const now = midTotpStep();
    for (let i = 0; i < 5; i += 1) {
      expect(await signInWithPassword({ email: user.email, password: `wrong-${i}`, code: "123456" }, client, now)).toMatchObject({
        ok: false,
        reason: "invalid",
      });
    }
    const actor = await actorFor(user);
    const held = await rejection(verifyFreshCode(actor, user.recoveryCodes[0]!, context(client), now));
    expect(held).toBeInstanceOf(TooManyRequestsError);
    expect(held).toMatchObject({ code: "too_many_attempts" });
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } }), "a held attempt checks nothing").toBe(10);
    expect((await stepUpEntries(user.id)).map((e) => e.action)).toEqual(["auth.step_up_throttled"]);
    // From another network the owner is not held.
    expect(await verifyFreshCode(actor, user.recoveryCodes[0]!, context(), now)).toEqual({ secondFactor: "recovery_code" });

    // The other way round: guessing the current password in sessions counts like guessing at sign-in.
    const victim = await createUser();
    const thief = freshClient();
    for (let i = 0; i < 5; i += 1) {
      const session = await actorFor(victim);
      await rejection(verifyStepUp(session, { currentPassword: `guess-${i}`, code: "123456" }, context(thief), now));
    }
    expect(
      await signInWithPassword(
        { email: victim.email, password: victim.password, code: totpCodeAt(victim.totpSecret!, now.getTime()) },
        thief,
        now,
      ),
    ).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  test("neither the password nor the code is stored anywhere", async () => {
    const user = await createUser({ withRecoveryCodes: true });
    const actor = await actorFor(user);
    const now = midTotpStep();
    const guess = `guessed-password-${randomInt(1e9)}`;
    await rejection(verifyStepUp(actor, { currentPassword: guess, code: user.recoveryCodes[5]! }, context(), now));
    await rejection(verifyFreshCode(actor, "RSTU-VWXY-Z234-5678", context(), now));
    const text = await databaseText();
    expect(text).not.toContain(guess);
    expect(text).not.toContain("RSTU-VWXY-Z234-5678");
    expect(text).not.toContain(user.recoveryCodes[5]!);
  });
});
