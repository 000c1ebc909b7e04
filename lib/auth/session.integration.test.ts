import { beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { createSessionFor, createUser } from "@/lib/testing/factories";
import { encode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { sessionCookieName } from "./next-auth";
import { getActor, requireActor, requireBackgroundActor, requireEnrollingActor, requirePageActor } from "./session";
import { BACKGROUND_REQUEST_HEADER, revokeSession } from "./sessions";

// The request (there is none in a test): its headers (a plain browser request unless a test says
// otherwise) and its cookies, holding a token encrypted by Auth.js' own encoder as sign-in does.
vi.mock("next/headers", () => ({ headers: vi.fn(), cookies: vi.fn() }));

function withHeaders(init: Record<string, string> = {}): void {
  vi.mocked(headers as unknown as () => Promise<Headers>).mockResolvedValue(new Headers(init));
}

function withCookieValue(value: string | undefined): void {
  const jar = { get: (name: string) => (name === sessionCookieName() && value !== undefined ? { name, value } : undefined) };
  vi.mocked(cookies as unknown as () => Promise<typeof jar>).mockResolvedValue(jar);
}

async function withCookie(sessionId: string | undefined, maxAgeSeconds = 3600): Promise<void> {
  const token = sessionId
    ? await encode({ token: { sid: sessionId }, secret: env().AUTH_SECRET, salt: sessionCookieName(), maxAge: maxAgeSeconds })
    : undefined;
  withCookieValue(token);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "resolved",
    (error: unknown) => error,
  );
}

describe("the request's actor", () => {
  beforeEach(() => {
    vi.mocked(cookies).mockReset();
    withHeaders();
  });

  test("a live session gives the actor, read from the database", async () => {
    const user = await createUser({ role: "COORDINATOR", locale: "ru" });
    const { sessionId, idHash } = await createSessionFor(user.id);
    await withCookie(sessionId);
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
    await withCookie(undefined);
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    withCookieValue("not-a-token");
    expect(await getActor()).toBeNull();
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  test("a token under another secret, or past its expiry, is unauthenticated though its session lives", async () => {
    const user = await createUser();
    const { sessionId } = await createSessionFor(user.id);
    withCookieValue(await encode({ token: { sid: sessionId }, secret: "another-secret-of-at-least-32-chars!", salt: sessionCookieName() }));
    expect(await getActor()).toBeNull();
    await withCookie(sessionId, -60);
    expect(await getActor()).toBeNull();
    await withCookie(sessionId);
    expect(await getActor()).toMatchObject({ userId: user.id });
  });

  test("a revoked session or a deactivated user is unauthenticated at once, and the page says why", async () => {
    const user = await createUser();
    const revoked = await createSessionFor(user.id);
    await db().$transaction((tx) => revokeSession(tx, revoked.idHash));
    await withCookie(revoked.sessionId);
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/login?ended=revoked") as unknown });

    const other = await createUser();
    const live = await createSessionFor(other.id);
    await withCookie(live.sessionId);
    await db().user.update({ where: { id: other.id }, data: { status: "DEACTIVATED" } });
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/login?ended=deactivated") as unknown });
  });

  test("an enrolment-only session is unauthenticated for everything but the enrolment page", async () => {
    const user = await createUser({ role: "ADMIN", totpSecret: null });
    const { sessionId } = await createSessionFor(user.id, { enrolmentOnly: true });
    await withCookie(sessionId);
    await expect(requireActor()).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(requireActor("user:manage")).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/enrol") as unknown });
    expect(await requireEnrollingActor()).toMatchObject({ userId: user.id, enrolmentOnly: true });
  });

  test("a permission the role lacks is forbidden for actions and not found for pages", async () => {
    const user = await createUser({ role: "CASEWORKER" });
    const { sessionId } = await createSessionFor(user.id);
    await withCookie(sessionId);
    await expect(requireActor("user:manage")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requireActor("audit:read")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rejection(requirePageActor("user:manage"))).toMatchObject({ digest: expect.stringContaining("404") as unknown });
    await expect(requireActor("case:read")).resolves.toMatchObject({ userId: user.id });
  });

  test("a role change applies to the very next request", async () => {
    const user = await createUser({ role: "ADMIN" });
    const { sessionId } = await createSessionFor(user.id);
    await withCookie(sessionId);
    await expect(requireActor("user:manage")).resolves.toMatchObject({ role: "ADMIN" });
    await db().user.update({ where: { id: user.id }, data: { role: "CASEWORKER" } });
    await expect(requireActor("user:manage")).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("idle means idle: which requests renew a session", () => {
  beforeEach(() => {
    vi.mocked(cookies).mockReset();
    withHeaders();
  });

  /** A session last seen `minutesAgo` minutes ago, as the request's cookie. */
  async function sessionSeen(minutesAgo: number) {
    const user = await createUser({ role: "COORDINATOR" });
    const { sessionId, idHash } = await createSessionFor(user.id);
    const seen = new Date(Date.now() - minutesAgo * 60_000);
    await db().session.update({ where: { idHash }, data: { lastSeenAt: seen } });
    await withCookie(sessionId);
    const lastSeen = async () =>
      (await db().session.findUniqueOrThrow({ where: { idHash }, select: { lastSeenAt: true } })).lastSeenAt.getTime();
    return { seen: seen.getTime(), lastSeen };
  }

  test("what the person does renews it: a page, an action, the enrolment page", async () => {
    const page = await sessionSeen(5);
    await requirePageActor("dashboard:view");
    expect(await page.lastSeen()).toBeGreaterThan(Date.now() - 10_000);

    const action = await sessionSeen(5);
    await requireActor("dashboard:view");
    expect(await action.lastSeen()).toBeGreaterThan(Date.now() - 10_000);

    const enrolling = await sessionSeen(5);
    await requireEnrollingActor();
    expect(await enrolling.lastSeen()).toBeGreaterThan(Date.now() - 10_000);
  });

  test("a background refresh, a prefetch, a request marked as background, or merely reading the actor do not", async () => {
    const refresh = await sessionSeen(5);
    await expect(requireBackgroundActor("dashboard:view")).resolves.toMatchObject({ role: "COORDINATOR" });
    expect(await refresh.lastSeen()).toBe(refresh.seen);

    const markers: Array<Record<string, string>> = [
      { "next-router-prefetch": "1" },
      { "next-router-segment-prefetch": "/_tree" },
      { [BACKGROUND_REQUEST_HEADER]: "1" },
    ];
    for (const marker of markers) {
      const marked = await sessionSeen(5);
      withHeaders(marker);
      await requirePageActor("dashboard:view");
      await requireActor("dashboard:view");
      expect(await marked.lastSeen(), JSON.stringify(marker)).toBe(marked.seen);
      withHeaders();
    }

    const peek = await sessionSeen(5);
    await getActor();
    expect(await peek.lastSeen()).toBe(peek.seen);
  });

  test("past the idle limit, a background refresh is refused like anything else", async () => {
    await sessionSeen(31);
    await expect(requireBackgroundActor("dashboard:view")).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await rejection(requirePageActor())).toMatchObject({ digest: expect.stringContaining("/login?ended=idle") as unknown });
  });

  test("the background entry point still checks the permission", async () => {
    await sessionSeen(1);
    await expect(requireBackgroundActor("user:manage")).rejects.toBeInstanceOf(ForbiddenError);
  });
});
