import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { AuditFilterSchema } from "@/lib/audit/schemas";
import { CaseListFilterSchema } from "@/lib/cases/schemas";
import { db } from "@/lib/db/client";
import { SESSION_COOKIE } from "@/lib/testing/e2e-session";
import { expect, ownNetwork, test } from "./fixtures";
import { inputsFor, tableActionKeys, toFormData, ACTION_INPUTS } from "./support/action-inputs";
import { discoverPages, discoverRouteHandlers, fillRoute } from "./support/app-routes";
import { dbFingerprint, fingerprintChanges, type DbFingerprint } from "./support/db-fingerprint";
import { hostileString, summarise } from "./support/hostile";
import { encodeHostileArgs, hostileArgs } from "./support/hostile-requests";
import { PRINCIPALS, type Principal } from "./support/principals";
import { checkProperty, FC_BASE_SEED } from "./support/property";
import { getRsc } from "./support/rsc";
import {
  actionPagePath,
  callServerAction,
  describeOutcome,
  findAction,
  manifestActions,
  postServerAction,
  refusalOf,
  type ActionOutcome,
} from "./support/server-actions";
import { buildWorld, withFreshSessions, type World } from "./support/world";

/**
 * Every server action (from the build's manifest) and every route handler, called over HTTP with
 * hostile input by every kind of principal: values of the wrong type, huge strings (up to and past
 * the 256 kB server-action body limit), deep nesting, unicode tricks, bytes that are not UTF-8,
 * injections, and ids of other people's objects.
 *
 * The input can never be valid: for a caller the action lets in, "poison" fields make it invalid
 * whatever the rest holds (a stale version, a wrong password, an id that names nothing; see
 * support/action-inputs.ts), so a success is a bug. The answer must be a 4xx: the action's result
 * says `ok:false` with a 4xx status, or the request is refused before it with a 4xx (a caller the
 * action does not let in gets 401/403 or is sent to /login). Never a 5xx, never `internal_error`.
 * And nothing changes: the database fingerprint (support/db-fingerprint.ts) is the same after every
 * call.
 *
 * fast-check is seeded: a failure prints FC_SEED=… to replay the run.
 */

/** Runs per action and principal: the roles get the most, anonymous and enrolling callers fewer. */
const RUNS: Record<Principal, number> = { anonymous: 6, enrolling: 6, CASEWORKER: 15, COORDINATOR: 15, ADMIN: 15 };

/** A page each signed-in principal can open only while its session is live. */
const LIVE_SESSION_PAGE: Record<Principal, string | null> = {
  anonymous: null,
  enrolling: "/enrol",
  CASEWORKER: "/account",
  COORDINATOR: "/account",
  ADMIN: "/account",
};

/** The answer refuses the call: 4xx before the action, or the action's own `ok:false` with a 4xx. */
function isRefusedWith4xx(outcome: ActionOutcome): boolean {
  if (outcome.httpStatus >= 400 && outcome.httpStatus < 500) return true;
  if (outcome.httpStatus >= 500 || outcome.redirect !== null) return false;
  const result = outcome.result as { ok?: unknown; status?: unknown; error?: unknown } | undefined;
  return Boolean(
    result &&
    result.ok === false &&
    typeof result.status === "number" &&
    result.status >= 400 &&
    result.status < 500 &&
    result.error !== "internal_error",
  );
}

/** Every UTF-8 byte of the text as a %XX escape (lone surrogates become U+FFFD). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
}

/**
 * The properties of this file change nothing (every call is checked against the database
 * fingerprint), so they share one world per worker instead of adding six users per test: the
 * admins' user list shows every user, and a few hundred more slow the admin specs that follow.
 * Sessions are new for every test, as some probes end them (sign out, sign out everyone). The tests
 * that do change something (same origin, body size) make their own world.
 */
let sharedWorld: Promise<World> | undefined;
async function readOnlyWorld(): Promise<World> {
  sharedWorld ??= buildWorld();
  return withFreshSessions(await sharedWorld);
}

async function expectUnchanged(before: DbFingerprint, what: string): Promise<void> {
  const changes = fingerprintChanges(before, await dbFingerprint());
  expect(changes, `${what}: the database changed`).toEqual([]);
}

test.describe("hostile input: server actions", () => {
  test.beforeAll(() => {
    console.log(`fast-check base seed ${FC_BASE_SEED} (replay with FC_SEED=${FC_BASE_SEED})`);
  });

  test("the input table names every server action of the build", () => {
    const built = manifestActions()
      .map((a) => `${a.filename}#${a.exportedName}`)
      .sort();
    expect(
      built.filter((a) => !tableActionKeys().includes(a)),
      "actions without a row in e2e/support/action-inputs.ts",
    ).toEqual([]);
    expect(
      tableActionKeys().filter((a) => !built.includes(a)),
      "rows in e2e/support/action-inputs.ts without a built action",
    ).toEqual([]);
  });

  for (const [file, actions] of Object.entries(ACTION_INPUTS)) {
    for (const name of Object.keys(actions)) {
      test(`${name}: hostile input from every principal is refused with a 4xx and changes nothing`, async ({ httpClient, baseURL }) => {
        test.setTimeout(300_000);
        const inputs = inputsFor(file, name);
        const action = findAction(file, name);
        const world = await readOnlyWorld();
        const path = actionPagePath(action, { code: world.targets.caseCode, token: "not-a-valid-invitation-token" });
        const skipped: string[] = [];

        for (const principal of PRINCIPALS) {
          const client = await httpClient(world.principals[principal].cookie);
          const call = async (body: string | Buffer, headers: Record<string, string>) =>
            postServerAction(client, { id: action.id, path, origin: baseURL!, body, headers: { ...headers, ...ownNetwork() } });

          // Does the action let this caller in? A harmless, well-formed call says (the access matrix checks who should).
          const probe = await callServerAction(client, {
            id: action.id,
            path,
            origin: baseURL!,
            args: [null, toFormData(inputs.harmless(world.targets))],
            headers: ownNetwork(),
          });
          expect(probe.httpStatus, `${principal} → ${name} (harmless): ${describeOutcome(probe)}`).toBeLessThan(500);
          const letIn = refusalOf(probe) === null;
          if (letIn && inputs.noInput) {
            // It reads no argument, so nothing can make its input invalid: it would simply run.
            skipped.push(principal);
            continue;
          }

          const before = await dbFingerprint();
          await checkProperty(
            `${name} as ${principal}`,
            hostileArgs(inputs, world.pools, { poisoned: letIn }),
            async (args) => {
              const { body, headers } = await encodeHostileArgs(args);
              const outcome = await call(body, headers);
              const what = `${principal} → ${name} (${args.kind}, ${Buffer.byteLength(body)} bytes): ${describeOutcome(outcome)}`;
              expect(outcome.httpStatus, `${what}: no server error`).toBeLessThan(500);
              // A read-only action falls back to its defaults: answered or refused, never an internal error.
              if (letIn && inputs.readOnly)
                expect(
                  isRefusedWith4xx(outcome) || (outcome.result as { ok?: unknown } | undefined)?.ok === true,
                  `${what}: answered or refused with a 4xx`,
                ).toBe(true);
              else if (letIn) expect(isRefusedWith4xx(outcome), `${what}: refused with a 4xx`).toBe(true);
              else expect(outcome.httpStatus >= 400 || refusalOf(outcome) !== null, `${what}: refused (401/403 or to /login)`).toBe(true);
              await expectUnchanged(before, what);
            },
            { numRuns: RUNS[principal] },
          );
          // Still signed in: had the session ended on the way, the refusals above would prove nothing.
          const live = LIVE_SESSION_PAGE[principal];
          if (live)
            expect((await client.get(live, { maxRedirects: 0 })).status(), `${principal}: the session is live after the ${name} runs`).toBe(
              200,
            );
        }
        if (skipped.length)
          test
            .info()
            .annotations.push({ type: "no input", description: `${name} reads no argument; not fuzzed for ${skipped.join(", ")}` });
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------

test.describe("hostile input: route handlers", () => {
  /** `sample` fills a dynamic segment for the plain request; the hostile ones also try hostile segments. */
  /** `query`: the fields a route reads (a POST route's form fields, tried in the body and the query). */
  const ROUTES: Array<{ method: string; path: string; sample?: string; query: string[] }> = [
    { method: "GET", path: "/", query: [] },
    { method: "POST", path: "/admin/audit/export", query: Object.keys(AuditFilterSchema.shape) },
    { method: "POST", path: "/budget/donor-report/csv", query: ["from", "to"] },
    { method: "GET", path: "/api/health", query: [] },
    { method: "GET", path: "/api/places/[country]", sample: "/api/places/KZ", query: [] },
    { method: "POST", path: "/dashboard/export", query: ["from", "to", "country", "assignee", "risk", "staleDays"] },
  ];

  /** Text an HTTP client lets into a header (printable ASCII), however hostile. */
  const headerText = fc.oneof(
    fc.constantFrom(
      "",
      "*",
      "zz-ZZ-x-y",
      "*;q=abc, en;q=2, ru;q=-1",
      "unknown",
      "::1, 127.0.0.1",
      "10.0.0.1, 300.1.1.1",
      "' OR 1=1 --",
      "<script>",
    ),
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
    fc.integer({ min: 1000, max: 12_000 }).map((n) => "a,".repeat(n / 2)),
  );
  /** Query text: hostile strings percent-encoded from their UTF-8 bytes, or broken percent-encoding as it is. */
  const queryText = fc.oneof(
    hostileString()
      .map(percentEncoded)
      .filter((q) => q.length <= 3000),
    fc.constantFrom("%", "%ZZ", "%C0%80", "%ED%A0%80", "%FF%FE", "%00", "a&b=c", "2025-13-45", "9999-12-31", "0001-01-01"),
  );

  const routeSegment = fc.oneof(
    hostileString()
      .filter((s) => s.length > 0)
      .map(percentEncoded)
      .filter((q) => q.length <= 3000),
    fc.constantFrom("kz", "KZ%20", "XX", "KAZ", "..", "%2e%2e", "%2F", "KZ%00", "__proto__", "a".repeat(3000)),
  );

  test("the route table names every route handler", () => {
    expect(discoverRouteHandlers()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of ROUTES) {
    test(`${route.method} ${route.path}: hostile queries, methods and headers get no 5xx and change nothing`, async ({
      httpClient,
      baseURL,
    }) => {
      test.setTimeout(300_000);
      const world = await readOnlyWorld();
      for (const principal of PRINCIPALS) {
        const client = await httpClient(world.principals[principal].cookie);
        const plain = await client.fetch(route.sample ?? route.path, {
          method: route.method,
          maxRedirects: 0,
          headers: route.method === "GET" ? {} : { Origin: baseURL! },
        });
        const allowed = plain.status() < 300;
        const before = await dbFingerprint();
        const request = fc.record({
          segment: route.sample ? fc.oneof(fc.constant(null), routeSegment) : fc.constant(null),
          method: fc.oneof(
            { weight: 5, arbitrary: fc.constant(route.method) },
            { weight: 2, arbitrary: fc.constantFrom("HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS") },
          ),
          query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...route.query, "x", "_rsc"), queryText), queryText), { maxLength: 6 }),
          headers: fc.record(
            {
              "X-Forwarded-For": headerText,
              "User-Agent": headerText,
              "Accept-Language": headerText,
              Cookie: fc.oneof(
                headerText.map((v) => `waypoint.session=${v}`),
                fc.constant("waypoint.session=; NEXT_LOCALE=zz"),
              ),
              RSC: fc.constant("1"),
              "Next-Router-State-Tree": headerText,
              "Next-Action": headerText,
              Origin: fc.constantFrom(baseURL!, "https://evil.example", "null"),
              "Content-Type": fc.constantFrom(
                "application/json",
                "multipart/form-data; boundary=x",
                "text/plain",
                "application/x-www-form-urlencoded",
              ),
            },
            { requiredKeys: [] },
          ),
          body: fc.option(
            fc.oneof(
              hostileString(),
              // A form, as the export buttons send one: the route's fields with hostile values.
              fc
                .array(fc.tuple(fc.oneof(fc.constantFrom(...route.query, "x", "__proto__"), queryText), queryText), { maxLength: 6 })
                .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&")),
            ),
            { nil: undefined },
          ),
        });
        await checkProperty(
          `${route.method} ${route.path} as ${principal}`,
          request,
          async ({ segment, method, query, headers, body }) => {
            const path = segment === null ? (route.sample ?? route.path) : route.path.replace(/\[[^\]]+\]/g, segment);
            const url = `${path}${query.length ? "?" : ""}${query.map(([k, v]) => `${k}=${v}`).join("&")}`;
            // A principal's own session cookie stays in the client's jar; a Cookie header replaces it for this request.
            const response = await client.fetch(url, {
              method,
              headers,
              maxRedirects: 0,
              ...(body !== undefined && !["GET", "HEAD"].includes(method) ? { data: body } : {}),
            });
            const what = `${principal} ${method} ${url.slice(0, 200)} ${summarise(headers)}: HTTP ${response.status()}`;
            expect(response.status(), `${what}: no server error`).toBeLessThan(500);
            if (response.status() < 300 && method === "OPTIONS") {
              // Next.js answers OPTIONS itself, for anyone: the allowed methods, no body.
              expect(await response.text(), `${what}: OPTIONS says nothing but the methods`).toBe("");
            } else if (response.status() < 300) {
              // Only the route's own method succeeds (and HEAD for a GET route): a GET never runs an export.
              expect(route.method === "GET" ? ["GET", "HEAD"] : [route.method], `${what}: only the route's method succeeds`).toContain(
                method,
              );
              expect(allowed, `${what}: succeeds only for a caller the plain request lets in`).toBe(true);
            }
            await expectUnchanged(before, what);
          },
          { numRuns: RUNS[principal] },
        );
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------

test.describe("server actions accept only same-origin requests of a bounded size", () => {
  /** A caseworker, their case, and a valid "add note" call on it: it would change the case. */
  async function aValidNoteCall(world: Awaited<ReturnType<typeof buildWorld>>, body = "Consulate slot requested.") {
    const action = findAction("app/(app)/cases/[code]/actions.ts", "addNoteAction");
    const version = (await db().case.findUniqueOrThrow({ where: { code: world.targets.caseCode }, select: { version: true } })).version;
    return { action, path: `/cases/${world.targets.caseCode}`, form: { code: world.targets.caseCode, version: String(version), body } };
  }

  test("an action POST from another origin, from origin null or without an Origin header is refused with 403 and changes nothing", async ({
    httpClient,
    baseURL,
  }) => {
    const world = await buildWorld();
    const caseworker = await httpClient(world.principals.CASEWORKER.cookie);
    const admin = await httpClient(world.principals.ADMIN.cookie);
    const note = await aValidNoteCall(world);
    const everyone = findAction("app/(app)/admin/users/actions.ts", "signOutEveryoneAction");
    const before = await dbFingerprint();

    for (const origin of [
      "https://evil.example",
      "null",
      `${baseURL!.replace("127.0.0.1", "localhost")}`,
      `${baseURL}.evil.example`,
      null,
    ]) {
      const what = `Origin ${origin ?? "(none)"}`;
      const add = await callServerAction(caseworker, { id: note.action.id, path: note.path, origin, args: [null, toFormData(note.form)] });
      expect(add.httpStatus, `${what} → addNoteAction: ${describeOutcome(add)}`).toBe(403);
      const signOut = await callServerAction(admin, { id: everyone.id, path: "/admin/users", origin, args: [null] });
      expect(signOut.httpStatus, `${what} → signOutEveryoneAction: ${describeOutcome(signOut)}`).toBe(403);
      // The same from a form posted without JavaScript (no Next-Action header; the action id is a field).
      const form = toFormData(note.form);
      form.append(`$ACTION_ID_${note.action.id}`, "");
      const headers: Record<string, string> = origin === null ? {} : { Origin: origin };
      const plain = await caseworker.post(note.path, { multipart: form, headers, maxRedirects: 0 });
      expect(plain.status(), `${what} → addNoteAction as a plain form post`).toBe(403);
      await expectUnchanged(before, what);
    }

    // The very same calls from the app's own origin go through: the refusals above were the origin's doing.
    const added = await callServerAction(caseworker, {
      id: note.action.id,
      path: note.path,
      origin: baseURL!,
      args: [null, toFormData(note.form)],
    });
    expect(added.result, describeOutcome(added)).toMatchObject({ ok: true });
    const ended = await callServerAction(admin, { id: everyone.id, path: "/admin/users", origin: baseURL!, args: [null] });
    expect(ended.result, describeOutcome(ended)).toMatchObject({ ok: true });
  });

  test("an action whose body is over the 256 kB limit is refused with 413 and changes nothing; under it, it runs", async ({
    httpClient,
    baseURL,
  }) => {
    const world = await buildWorld();
    const caseworker = await httpClient(world.principals.CASEWORKER.cookie);
    const note = await aValidNoteCall(world);
    const before = await dbFingerprint();

    // Padding in a field the action does not read: only the size is wrong.
    const over = await callServerAction(caseworker, {
      id: note.action.id,
      path: note.path,
      origin: baseURL!,
      args: [null, toFormData({ ...note.form, padding: "x".repeat(270_000) })],
    });
    expect(over.httpStatus, describeOutcome(over)).toBe(413);
    await expectUnchanged(before, "a body over the limit");

    // The same body sent in chunks, without a Content-Length.
    const { body, headers } = await encodeHostileArgs({
      kind: "form",
      prev: null,
      form: Object.entries({ ...note.form, padding: "x".repeat(270_000) }),
      extra: [],
    });
    const chunked = await postChunked(`${baseURL}${note.path}`, body, {
      ...headers,
      "Next-Action": note.action.id,
      Origin: baseURL!,
      Cookie: `${SESSION_COOKIE}=${world.principals.CASEWORKER.cookie}`,
    });
    // The proxy measures a body that declares no length (Next.js itself would answer 500).
    expect(chunked.status, `chunked body over the limit: ${chunked.text.slice(0, 200)}`).toBe(413);
    await expectUnchanged(before, "a chunked body over the limit");

    // Under the limit, the same call (with a smaller padding) adds the note.
    const under = await callServerAction(caseworker, {
      id: note.action.id,
      path: note.path,
      origin: baseURL!,
      args: [null, toFormData({ ...note.form, padding: "x".repeat(200_000) })],
    });
    expect(under.result, describeOutcome(under)).toMatchObject({ ok: true });
  });

  test("an action Next.js forwards to the page that holds it (a chunked body from the server itself) still runs", async ({
    httpClient,
    baseURL,
  }) => {
    const world = await buildWorld();
    const coordinator = await httpClient(world.principals.COORDINATOR.cookie);
    // setLocaleAction lives in /account's bundle; posted to /cases, Next.js forwards it there.
    const action = findAction("app/(app)/account/actions.ts", "setLocaleAction");
    const outcome = await callServerAction(coordinator, {
      id: action.id,
      path: "/cases",
      origin: baseURL!,
      args: [null, toFormData({ locale: "ru" })],
    });
    expect(outcome.httpStatus, describeOutcome(outcome)).toBe(200);
    const user = await db().user.findUniqueOrThrow({ where: { id: world.principals.COORDINATOR.userId! }, select: { locale: true } });
    expect(user.locale).toBe("ru");
  });
});

/** POSTs a body with `Transfer-Encoding: chunked` (no Content-Length), as Playwright's client cannot. */
async function postChunked(url: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", (error) => {
      // The server may close the connection as soon as it has refused the request.
      if ((error as NodeJS.ErrnoException).code === "EPIPE" || (error as NodeJS.ErrnoException).code === "ECONNRESET")
        resolve({ status: 0, text: String(error) });
      else reject(error);
    });
    const bytes = Buffer.from(body);
    for (let at = 0; at < bytes.length; at += 16_384) request.write(bytes.subarray(at, at + 16_384));
    request.end();
  });
}

// ---------------------------------------------------------------------------------------------

test.describe("input Next.js itself cannot decode", () => {
  /**
   * Next.js decodes an action's body (multipart, then React's reply format) before any app code
   * runs, and answers what it cannot decode with a 500 (a generic error row with a digest). The app
   * cannot turn those into 4xx answers; this checks that they leak nothing and change nothing.
   */
  test("malformed bodies, too many arguments and nesting past the decoder's stack leak nothing and change nothing", async ({
    httpClient,
    baseURL,
  }) => {
    const world = await readOnlyWorld();
    const admin = await httpClient(world.principals.ADMIN.cookie);
    const action = findAction("app/(app)/admin/users/actions.ts", "signOutEveryoneAction");
    const before = await dbFingerprint();
    const deep = (n: number) => `[null,${"[".repeat(n)}"x"${"]".repeat(n)}]`;
    const multipart = (name: string) =>
      Buffer.from(`--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n["$K1"]\r\n--b--\r\n`, "latin1");
    const bodies: Array<[string, string | Buffer, Record<string, string>]> = [
      ["not JSON", "]]]garbage", { "Content-Type": "text/plain;charset=UTF-8" }],
      ["references to nothing", '["$K1","$Q2","$@3"]', { "Content-Type": "text/plain;charset=UTF-8" }],
      ["a server reference to nothing", '"$h0"', { "Content-Type": "text/plain;charset=UTF-8" }],
      ["1,100 arguments", JSON.stringify(Array.from({ length: 1100 }, () => null)), { "Content-Type": "text/plain;charset=UTF-8" }],
      ["nesting 20,000 deep", deep(20_000), { "Content-Type": "text/plain;charset=UTF-8" }],
      ["a part header with a control character", multipart("\u000b"), { "Content-Type": "multipart/form-data; boundary=b" }],
      [
        "a multipart body without its end",
        Buffer.from('--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[', "latin1"),
        { "Content-Type": "multipart/form-data; boundary=b" },
      ],
    ];
    for (const [what, body, headers] of bodies) {
      const outcome = await postServerAction(admin, { id: action.id, path: "/admin/users", origin: baseURL!, body, headers });
      expect(outcome.httpStatus, `${what}: ${describeOutcome(outcome)}`).toBeGreaterThanOrEqual(400);
      if (outcome.httpStatus >= 500) {
        // Only React's generic error row: a digest, no message, no stack.
        expect(outcome.body, `${what}: no internals`).toMatch(/^0:\{[^\n]*\}\n1:E\{"digest":"\d+"\}\n$/);
      }
      await expectUnchanged(before, what);
    }
  });
});

// ---------------------------------------------------------------------------------------------

test.describe("hostile input: pages", () => {
  /** Every query parameter a page reads (case list, dashboard, audit log, login notices), plus strangers. */
  const QUERY_KEYS = [
    ...new Set([
      ...Object.keys(CaseListFilterSchema.shape),
      ...Object.keys(AuditFilterSchema.shape),
      "from",
      "to",
      "country",
      "assignee",
      "risk",
      "staleDays",
      "ended",
      "notice",
      "created",
      "x",
    ]),
  ];
  /** Query text: hostile strings percent-encoded from their UTF-8 bytes, near misses of valid values, broken escapes. */
  // (Not longer than a few kB: Next.js echoes the URL into the Location of its `_rsc` redirect, and
  // the HTTP client refuses response headers over 16 kB.)
  const queryValue = fc.oneof(
    hostileString()
      .map(percentEncoded)
      .filter((q) => q.length <= 3000),
    fc.constantFrom(
      "2025-13-45",
      "2025-02-30",
      "0000-00-00",
      "9999-12-31",
      "9999999999999999999",
      "-1",
      "0",
      "366",
      "1e3",
      "none",
      "all",
      "open",
      "WP-2222-2222",
      "a@b.c",
      "%",
      "%ZZ",
      "%C0%80",
      "%00",
    ),
  );
  const pathSegment = fc.oneof(
    hostileString()
      .filter((s) => s.length > 0)
      .map(percentEncoded)
      .filter((q) => q.length <= 3000),
    fc.constantFrom("WP-2222-2222", "wp-2222-2222", "..", "%2e%2e", "%2F", "WP-2222-2222%00", "a".repeat(3000)),
  );

  /** Values that pass a parameter's pattern yet are not what it means (a 13th month, a bigint past 64 bits…). */
  const EDGE_VALUES = [
    "2025-13-45",
    "2025-02-30",
    "0000-00-00",
    "9999-12-31",
    "9999999999999999999",
    "99999999999999999999",
    "-1",
    "0",
    "1e3",
    "none",
    "WP-2222-2222",
    "a@b.c",
    "%00",
    "%ED%A0%80",
    "x".repeat(300),
  ];
  const PAGE_PARAMETERS = [
    { path: "/cases", role: "COORDINATOR", keys: Object.keys(CaseListFilterSchema.shape) },
    { path: "/dashboard", role: "COORDINATOR", keys: ["from", "to", "country", "assignee", "risk", "staleDays"] },
    { path: "/admin/audit", role: "ADMIN", keys: Object.keys(AuditFilterSchema.shape) },
    { path: "/login", role: "anonymous", keys: ["ended", "notice"] },
  ] as const;

  for (const { path, role, keys } of PAGE_PARAMETERS) {
    test(`${path}: each query parameter set to edge values, one at a time, gets no 5xx (as ${role})`, async ({ httpClient }) => {
      test.setTimeout(300_000);
      const world = await readOnlyWorld();
      const client = await httpClient(world.principals[role].cookie);
      const failures: string[] = [];
      for (const key of keys) {
        for (const value of EDGE_VALUES) {
          const url = `${path}?${key}=${value}`;
          const response = await client.get(url, { maxRedirects: 0 });
          if (response.status() >= 500) failures.push(`${url.slice(0, 120)} → HTTP ${response.status()}`);
        }
      }
      expect(failures, "requests answered with a server error").toEqual([]);
    });
  }

  for (const pattern of discoverPages()) {
    test(`${pattern}: hostile query strings${pattern.includes("[") ? " and path segments" : ""} get no 5xx`, async ({ httpClient }) => {
      test.setTimeout(300_000);
      const world = await readOnlyWorld();
      const before = await dbFingerprint();
      for (const principal of ["anonymous", "CASEWORKER", "COORDINATOR", "ADMIN"] as const) {
        const client = await httpClient(world.principals[principal].cookie);
        const request = fc.record({
          segment: fc.oneof(fc.constant(null), pathSegment),
          query: fc.array(
            fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: queryValue }), queryValue),
            { minLength: 1, maxLength: 5 },
          ),
          rsc: fc.boolean(),
        });
        await checkProperty(
          `${pattern} as ${principal}`,
          request,
          async ({ segment, query, rsc }) => {
            const sample = fillRoute(pattern, { code: world.targets.caseCode, token: "not-a-valid-invitation-token" });
            const path = segment === null ? sample : pattern.replace(/\[[^\]]+\]/g, segment);
            const url = `${path}?${query.map(([k, v]) => `${k}=${v}`).join("&")}`;
            const response = rsc ? await getRsc(client, url) : await client.get(url, { maxRedirects: 0 });
            expect(response.status(), `${principal} GET ${url.slice(0, 300)}${rsc ? " (RSC)" : ""}`).toBeLessThan(500);
          },
          { numRuns: RUNS[principal] - 4 },
        );
      }
      // Pages only read (a case read is audited, and the audit log is not in the fingerprint).
      await expectUnchanged(before, pattern);
    });
  }
});
