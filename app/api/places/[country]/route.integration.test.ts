import { beforeEach, describe, expect, test, vi } from "vitest";
import { sessionIdOfRequest } from "@/lib/auth/next-auth";
import { db } from "@/lib/db/client";
import { citiesOf } from "@/lib/places/cities";
import { createSessionFor, createUser } from "@/lib/testing/factories";
import { GET } from "./route";

// Only Auth.js' token decoding is replaced (it needs a request): the session id it would have read
// from the cookie is handed over directly; the session lookup and the permission check are real.
vi.mock("@/lib/auth/next-auth", () => ({ sessionIdOfRequest: vi.fn() }));
// A plain browser request's headers: the request counts as the person's activity.
vi.mock("next/headers", () => ({ headers: vi.fn(async () => new Headers()) }));

function withCookie(sessionId: string | undefined): void {
  vi.mocked(sessionIdOfRequest).mockResolvedValue(sessionId);
}

async function signedIn(role: "CASEWORKER" | "COORDINATOR" | "ADMIN", options: { enrolmentOnly?: boolean } = {}): Promise<void> {
  const user = await createUser({ role });
  withCookie((await createSessionFor(user.id, options)).sessionId);
}

function get(country: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/places/${encodeURIComponent(country)}`), { params: Promise.resolve({ country }) });
}

describe("GET /api/places/[country]", () => {
  beforeEach(() => {
    vi.mocked(sessionIdOfRequest).mockReset();
  });

  test("a caseworker and a coordinator get the country's cities, cacheable privately for a day, and nothing is audited", async () => {
    for (const role of ["CASEWORKER", "COORDINATOR"] as const) {
      await signedIn(role);
      const auditBefore = await db().auditLog.count();
      const response = await get("kz");
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, max-age=86400");
      const body: unknown = await response.json();
      expect(body).toEqual({ country: "KZ", cities: citiesOf("KZ").map(({ key, name }) => ({ key, name })) });
      expect(body).toMatchObject({ cities: expect.arrayContaining([{ key: "1526384", name: "Almaty" }]) as unknown });
      expect(await db().auditLog.count(), "a vocabulary read is not audited").toBe(auditBefore);
    }
  });

  test("a country without a listed city answers an empty list", async () => {
    await signedIn("CASEWORKER");
    const response = await get("AQ");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ country: "AQ", cities: [] });
  });

  test("no session, or a session still enrolling, is 401; an admin is 403; nothing cacheable", async () => {
    withCookie(undefined);
    const anonymous = await get("KZ");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");

    await signedIn("CASEWORKER", { enrolmentOnly: true });
    expect((await get("KZ")).status).toBe(401);

    await signedIn("ADMIN");
    const admin = await get("KZ");
    expect(admin.status).toBe(403);
    expect(await admin.json()).toEqual({ error: "forbidden" });
    expect(admin.headers.get("cache-control")).toBe("no-store");
  });

  test("a country code that is not one is 422, after the caller is known (anonymous callers learn nothing)", async () => {
    await signedIn("CASEWORKER");
    for (const bad of ["XX", "KAZ", "", "K", "../dashboard", "%00"]) {
      const response = await get(bad);
      expect(response.status, bad).toBe(422);
      expect(await response.json()).toMatchObject({ error: "invalid_input" });
    }
    withCookie(undefined);
    expect((await get("XX")).status).toBe(401);
  });
});
