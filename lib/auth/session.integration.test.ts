import { beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { createSessionFor, createUser } from "@/lib/testing/factories";
import { auth } from "./next-auth";
import { getActor, requireActor, requireEnrollingActor, requirePageActor } from "./session";
import { revokeSession } from "./sessions";

// Only Auth.js' token decoding is replaced (it needs a request): the session id it would have
// decrypted from the cookie is handed over directly. Everything after that is the real lookup.
vi.mock("./next-auth", () => ({ auth: vi.fn() }));

function withCookie(sessionId: string | undefined): void {
  vi.mocked(auth as unknown as () => Promise<{ sid?: string } | null>).mockResolvedValue(sessionId ? { sid: sessionId } : null);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => "resolved", (error: unknown) => error);
}

describe("the request's actor", () => {
  beforeEach(() => {
    vi.mocked(auth).mockReset();
  });

  test("a live session gives the actor, read from the database", async () => {
    const user = await createUser({ role: "COORDINATOR", locale: "ru" });
    const { sessionId, idHash } = await createSessionFor(user.id);
    withCookie(sessionId);
    expect(await requireActor("dashboard:view")).toMatchObject({
      userId: user.id,
      email: user.email,
      role: "COORDINATOR",
      locale: "ru",
      sessionIdHash: idHash,
      enrolmentOnly: false,
    });
  });

  test("no cookie, or one that cannot be decrypted, is unauthenticated", async () => {
    withCookie(undefined);
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    vi.mocked(auth as unknown as () => Promise<unknown>).mockRejectedValue(new Error("JWEDecryptionFailed"));
    expect(await getActor()).toBeNull();
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  test("a revoked session or a deactivated user is unauthenticated at once, and the page says why", async () => {
    const user = await createUser();
    const revoked = await createSessionFor(user.id);
    await db().$transaction((tx) => revokeSession(tx, revoked.idHash));
    withCookie(revoked.sessionId);
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/login?ended=revoked") as unknown });

    const other = await createUser();
    const live = await createSessionFor(other.id);
    withCookie(live.sessionId);
    await db().user.update({ where: { id: other.id }, data: { status: "DEACTIVATED" } });
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/login?ended=deactivated") as unknown });
  });

  test("an enrolment-only session is unauthenticated for everything but the enrolment page", async () => {
    const user = await createUser({ role: "ADMIN", totpSecret: null });
    const { sessionId } = await createSessionFor(user.id, { enrolmentOnly: true });
    withCookie(sessionId);
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(requireActor("user:manage")).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/enrol") as unknown });
    expect(await requireEnrollingActor()).toMatchObject({ userId: user.id, enrolmentOnly: true });
  });

  test("a permission the role lacks is forbidden for actions and not found for pages", async () => {
    const user = await createUser({ role: "CASEWORKER" });
    const { sessionId } = await createSessionFor(user.id);
    withCookie(sessionId);
    await expect(requireActor("user:manage")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requireActor("audit:read")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rejection(requirePageActor("user:manage"))).toMatchObject({ digest: expect.stringContaining("404") as unknown });
    await expect(requireActor("case:read")).resolves.toMatchObject({ userId: user.id });
  });

  test("a role change applies to the very next request", async () => {
    const user = await createUser({ role: "ADMIN" });
    const { sessionId } = await createSessionFor(user.id);
    withCookie(sessionId);
    await expect(requireActor("user:manage")).resolves.toMatchObject({ role: "ADMIN" });
    await db().user.update({ where: { id: user.id }, data: { role: "CASEWORKER" } });
    await expect(requireActor("user:manage")).rejects.toBeInstanceOf(ForbiddenError);
  });
});
