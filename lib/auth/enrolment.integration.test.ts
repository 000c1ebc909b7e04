import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, InvalidInputError, UnauthenticatedError } from "@/lib/errors";
import { actorFor, actorForSession, createUser, databaseText, midTotpStep } from "@/lib/testing/factories";
import type { ClientInfo } from "./client-info";
import { confirmEnrolment, getEnrolment, openEnrolmentSession } from "./enrolment";
import { hashRecoveryCode } from "./recovery-codes";
import { checkSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { totpCodeAt } from "./totp";

const CLIENT: ClientInfo = { network: "unknown", label: "Chrome on Android" };
const STEP = 30_000;

/** An enrolment-only session, as an invitation or recovery link used with its code opens one. */
async function enrolmentSessionOf(userId: string, now = new Date()) {
  const { sessionId } = await db().$transaction((tx) => openEnrolmentSession(tx, userId, CLIENT, now));
  const actor = await actorForSession(sessionId, now);
  if (!actor?.enrolmentOnly) throw new Error("expected a live enrolment-only session");
  return { actor, sessionId };
}

/** A user who has not enrolled, in an enrolment-only session. */
async function enrollingUser(now = new Date()) {
  const user = await createUser({ totpSecret: null });
  return { user, ...(await enrolmentSessionOf(user.id, now)) };
}

describe("second-factor enrolment", () => {
  test("an enrolling user sees their pending secret, as text and as a server-rendered QR code", async () => {
    const { user, actor } = await enrollingUser();
    const enrolment = await getEnrolment(actor);
    expect(enrolment.email).toBe(user.email);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // The same pending secret on every visit of this session, until confirmed.
    expect((await getEnrolment(actor)).secret).toBe(enrolment.secret);
  });

  test("every enrolment session has its own secret: two sessions of one account never show the same, and one cannot confirm the other's", async () => {
    const now = midTotpStep();
    const user = await createUser({ totpSecret: null });
    const first = await enrolmentSessionOf(user.id, now);
    const second = await enrolmentSessionOf(user.id, now);
    const [a, b] = [(await getEnrolment(first.actor)).secret, (await getEnrolment(second.actor)).secret];
    expect(a).not.toBe(b);
    // The secret lives with the session (sealed, bound to its row), not with the account.
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretEnc).toBeNull();
    const rows = await db().session.findMany({ where: { userId: user.id }, select: { pendingTotpSecretEnc: true } });
    expect(rows.every((r) => r.pendingTotpSecretEnc && !r.pendingTotpSecretEnc.includes(a) && !r.pendingTotpSecretEnc.includes(b))).toBe(
      true,
    );
    await expect(confirmEnrolment(second.actor, totpCodeAt(a, now.getTime()), now)).rejects.toBeInstanceOf(InvalidInputError);
    await confirmEnrolment(second.actor, totpCodeAt(b, now.getTime()), now);
    // The account now has the second session's secret: codes from the first secret do not sign in.
    const later = new Date(now.getTime() + STEP);
    expect(
      await signInWithPassword({ email: user.email, password: user.password, code: totpCodeAt(a, later.getTime()) }, CLIENT, later),
    ).toMatchObject({ ok: false });
    expect(
      await signInWithPassword({ email: user.email, password: user.password, code: totpCodeAt(b, later.getTime()) }, CLIENT, later),
    ).toMatchObject({ ok: true });
    // The other session is of no more use.
    await expect(confirmEnrolment(first.actor, totpCodeAt(a, later.getTime()), later)).rejects.toBeInstanceOf(ConflictError);
  });

  test("an enrolment session opened without a secret gets one when the page is first shown, kept for that session", async () => {
    const user = await createUser({ totpSecret: null });
    const actor = await actorFor(user, { enrolmentOnly: true });
    const { secret } = await getEnrolment(actor);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await getEnrolment(actor)).secret).toBe(secret);
    const concurrent = await Promise.all([
      getEnrolment(await actorFor(user, { enrolmentOnly: true })),
      getEnrolment(await actorFor(user, { enrolmentOnly: true })),
    ]);
    expect(new Set([secret, ...concurrent.map((e) => e.secret)]).size).toBe(3);
  });

  test("a full session can neither see nor confirm an enrolment", async () => {
    const user = await createUser();
    const actor = await actorFor(user);
    await expect(getEnrolment(actor)).rejects.toBeInstanceOf(ConflictError);
    await expect(confirmEnrolment(actor, totpCodeAt(user.totpSecret!))).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  test("an enrolment-only actor of an account that already has a second factor is refused", async () => {
    const user = await createUser();
    const actor = await actorFor(user, { enrolmentOnly: true });
    await expect(getEnrolment(actor)).rejects.toBeInstanceOf(ConflictError);
    await expect(confirmEnrolment(actor, totpCodeAt(user.totpSecret!))).rejects.toBeInstanceOf(ConflictError);
  });

  test("a wrong code is refused and changes nothing", async () => {
    const now = midTotpStep();
    const { user, actor, sessionId } = await enrollingUser(now);
    const { secret } = await getEnrolment(actor);
    const wrong = [totpCodeAt(secret, now.getTime() + 3 * STEP), "000000", "abcdef", ""];
    for (const code of wrong) {
      await expect(confirmEnrolment(actor, code, now), code).rejects.toBeInstanceOf(InvalidInputError);
    }
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnrolledAt).toBeNull();
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await checkSession(sessionId, now)).toMatchObject({ live: { enrolmentOnly: true } });
  });

  test("the right code enrols, gives ten recovery codes, ends the enrolment session; then a full sign-in with a fresh code works", async () => {
    const now = midTotpStep();
    const { user, actor, sessionId } = await enrollingUser(now);
    const { secret } = await getEnrolment(actor);
    const enrolCode = totpCodeAt(secret, now.getTime());

    const { recoveryCodes } = await confirmEnrolment(actor, enrolCode, now);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnrolledAt).toEqual(now);
    expect(await checkSession(sessionId, now)).toEqual({ ended: "revoked" });

    // Recovery codes are stored only as keyed hashes: the raw codes are nowhere in the database.
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true, usedAt: true } });
    expect(stored.map((c) => c.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
    expect(stored.every((c) => c.usedAt === null)).toBe(true);
    const everything = await databaseText();
    for (const code of recoveryCodes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace(/-/g, ""));
    }
    expect(everything).not.toContain(secret);
    // The pending secret left the session: only the account's (sealed) copy remains.
    expect(
      (await db().session.findMany({ where: { userId: user.id }, select: { pendingTotpSecretEnc: true } })).map(
        (r) => r.pendingTotpSecretEnc,
      ),
    ).toEqual([null]);

    // The code used to enrol cannot be replayed to sign in ...
    const replay = await signInWithPassword({ email: user.email, password: user.password, code: enrolCode }, CLIENT, now);
    expect(replay).toStrictEqual({ ok: false, reason: "invalid" });
    // ... but the next code gives a full session (a new session id).
    const later = new Date(now.getTime() + STEP);
    const full = await signInWithPassword(
      { email: user.email, password: user.password, code: totpCodeAt(secret, later.getTime()) },
      CLIENT,
      later,
    );
    expect(full).toMatchObject({ ok: true, userId: user.id });
    if (full.ok) expect(full.sessionId).not.toBe(sessionId);
    // ... and a password alone no longer does.
    const passwordOnly = await signInWithPassword({ email: user.email, password: user.password, code: undefined }, CLIENT, later);
    expect(passwordOnly).toStrictEqual({ ok: false, reason: "invalid" });
    // A recovery code from enrolment works too.
    const recovery = await signInWithPassword({ email: user.email, password: user.password, code: recoveryCodes[0] }, CLIENT, later);
    expect(recovery).toMatchObject({ ok: true });
  });

  test("an enrolment cannot be confirmed twice (second tab, same session)", async () => {
    const now = midTotpStep();
    const { actor } = await enrollingUser(now);
    const { secret } = await getEnrolment(actor);
    await confirmEnrolment(actor, totpCodeAt(secret, now.getTime()), now);
    const later = new Date(now.getTime() + STEP);
    await expect(confirmEnrolment(actor, totpCodeAt(secret, later.getTime()), later)).rejects.toBeInstanceOf(ConflictError);
  });
});
