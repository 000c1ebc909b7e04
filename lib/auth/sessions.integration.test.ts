import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { approveAsCoordinator } from "@/lib/testing/approvals";
import { actorFor, createSessionFor, createUser } from "@/lib/testing/factories";
import { changeUserRole } from "@/lib/users/management";
import { checkSession, hashSessionId, revokeSession } from "./sessions";

const MINUTE = 60_000;

async function lastSeenAt(sessionId: string): Promise<Date> {
  return (await db().session.findUniqueOrThrow({ where: { idHash: hashSessionId(sessionId) }, select: { lastSeenAt: true } })).lastSeenAt;
}

describe("checkSession", () => {
  test("a fresh session is live and names its user", async () => {
    const user = await createUser({ role: "COORDINATOR", locale: "ru" });
    const t0 = new Date();
    const { sessionId, idHash } = await createSessionFor(user.id, { now: t0 });
    expect(idHash).toBe(createHash("sha256").update(sessionId).digest("hex"));
    expect(await checkSession(sessionId, t0)).toEqual({
      live: {
        idHash,
        enrolmentOnly: false,
        createdAt: t0,
        lastSeenAt: t0,
        expiresAt: new Date(t0.getTime() + env().SESSION_MAX_HOURS * 3_600_000),
        // Test sessions have stepped up at their start (lib/testing/factories.ts); sign-in's have not.
        steppedUpAt: t0,
        user: { id: user.id, email: user.email, role: "COORDINATOR", locale: "ru" },
        frozenSince: null,
        // No zone of their own: the organisation's, UTC by default (ADR 030).
        timeZone: { effective: "UTC", organisation: "UTC" },
        // The version of the country tables held between requests (lib/cases/held-copies.ts).
        referenceVersion: expect.any(Number),
      },
    });
  });

  test("an unknown session id, or a stored hash used as an id, is missing", async () => {
    const user = await createUser();
    const { idHash } = await createSessionFor(user.id);
    expect(await checkSession("made-up-session-id")).toEqual({ ended: "missing" });
    expect(await checkSession(idHash)).toEqual({ ended: "missing" });
  });

  test("a revoked session has ended", async () => {
    const user = await createUser();
    const { sessionId, idHash } = await createSessionFor(user.id);
    await db().$transaction((tx) => revokeSession(tx, idHash));
    expect(await checkSession(sessionId)).toEqual({ ended: "revoked" });
  });

  test("a session in constant use still ends at its absolute expiry", async () => {
    const user = await createUser();
    const t0 = new Date(Date.now() - 13 * 60 * MINUTE);
    const { sessionId } = await createSessionFor(user.id, { now: t0 });
    const end = t0.getTime() + env().SESSION_MAX_HOURS * 60 * MINUTE;
    // Used every 20 minutes (so never idle) right up to the end.
    for (let at = t0.getTime() + 20 * MINUTE; at < end; at += 20 * MINUTE) {
      expect(await checkSession(sessionId, new Date(at)), new Date(at).toISOString()).toHaveProperty("live");
    }
    expect(await checkSession(sessionId, new Date(end - 1))).toHaveProperty("live");
    expect(await checkSession(sessionId, new Date(end))).toEqual({ ended: "expired" });
  });

  test(`a session left idle longer than SESSION_IDLE_MINUTES has ended`, async () => {
    const user = await createUser();
    const idle = env().SESSION_IDLE_MINUTES * MINUTE;
    const t0 = new Date();
    const used = await createSessionFor(user.id, { now: t0 });
    const left = await createSessionFor(user.id, { now: t0 });
    expect(await checkSession(used.sessionId, new Date(t0.getTime() + idle))).toHaveProperty("live");
    expect(await checkSession(left.sessionId, new Date(t0.getTime() + idle + 1_000))).toEqual({ ended: "idle" });
    // Use moves the idle deadline: the session used at t0 + idle is live until (t0 + idle) + idle.
    expect(await checkSession(used.sessionId, new Date(t0.getTime() + 2 * idle - 1_000))).toHaveProperty("live");
  });

  test("a session whose user is deactivated has ended, even with no revocation", async () => {
    const user = await createUser();
    const { sessionId } = await createSessionFor(user.id);
    await db().user.update({ where: { id: user.id }, data: { status: "DEACTIVATED", deactivatedAt: new Date() } });
    expect(await checkSession(sessionId)).toEqual({ ended: "deactivated" });
  });

  test("a role change is visible on the very next check", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ role: "CASEWORKER" });
    const { sessionId } = await createSessionFor(user.id);
    expect(await checkSession(sessionId)).toMatchObject({ live: { user: { role: "CASEWORKER" } } });
    // Widening waits for a coordinator's approval and applies with it; narrowing applies at once.
    await changeUserRole(await actorFor(admin), { userId: user.id, role: "COORDINATOR" });
    expect(await checkSession(sessionId)).toMatchObject({ live: { user: { role: "CASEWORKER" } } });
    await approveAsCoordinator({ subjectId: user.id });
    expect(await checkSession(sessionId)).toMatchObject({ live: { user: { role: "COORDINATOR" } } });
    await changeUserRole(await actorFor(admin), { userId: user.id, role: "CASEWORKER" });
    expect(await checkSession(sessionId)).toMatchObject({ live: { user: { role: "CASEWORKER" } } });
  });

  test("lastSeenAt is written at most once a minute", async () => {
    const user = await createUser();
    const t0 = new Date(Date.now() - 10 * MINUTE);
    const { sessionId } = await createSessionFor(user.id, { now: t0 });
    const at = (ms: number) => new Date(t0.getTime() + ms);

    await checkSession(sessionId, at(30_000));
    expect(await lastSeenAt(sessionId)).toEqual(t0);
    await checkSession(sessionId, at(60_000));
    expect(await lastSeenAt(sessionId)).toEqual(t0);
    await checkSession(sessionId, at(61_000));
    expect(await lastSeenAt(sessionId)).toEqual(at(61_000));
    await checkSession(sessionId, at(90_000));
    await checkSession(sessionId, at(120_000));
    expect(await lastSeenAt(sessionId)).toEqual(at(61_000));
    await checkSession(sessionId, at(122_000));
    expect(await lastSeenAt(sessionId)).toEqual(at(122_000));
  });

  test("an ended session is not touched", async () => {
    const user = await createUser();
    const t0 = new Date(Date.now() - 10 * MINUTE);
    const { sessionId, idHash } = await createSessionFor(user.id, { now: t0 });
    await db().$transaction((tx) => revokeSession(tx, idHash));
    await checkSession(sessionId, new Date(t0.getTime() + 5 * MINUTE));
    expect(await lastSeenAt(sessionId)).toEqual(t0);
  });

  test("an enrolment-only session lives at most 30 minutes", async () => {
    const user = await createUser({ totpSecret: null });
    const t0 = new Date();
    const { sessionId } = await createSessionFor(user.id, { enrolmentOnly: true, now: t0 });
    expect(await checkSession(sessionId, new Date(t0.getTime() + 20 * MINUTE))).toMatchObject({ live: { enrolmentOnly: true } });
    expect(await checkSession(sessionId, new Date(t0.getTime() + 30 * MINUTE))).toEqual({ ended: "expired" });
  });
});
