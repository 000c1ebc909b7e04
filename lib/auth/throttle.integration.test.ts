import { randomBytes, randomInt } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createUser, type CreatedUser } from "@/lib/testing/factories";
import { clientInfo, type ClientInfo } from "./client-info";
import { signInWithPassword, type SignInResult } from "./sign-in";
import { throttleKeys } from "./throttle";
import { totpCodeAt } from "./totp";

const INVALID = { ok: false, reason: "invalid" };

// One reverse proxy in front of the app, so the client's address comes from X-Forwarded-For.
beforeEach(() => {
  vi.stubEnv("TRUSTED_PROXY_COUNT", "1");
  resetEnvCache();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

/** A /24 of its own for each test, so that tests never share a network counter. */
function freshNetwork(): string {
  return `10.${randomInt(256)}.${randomInt(256)}`;
}

function from(address: string): ClientInfo {
  return clientInfo(new Headers({ "x-forwarded-for": address, "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" }));
}

function wrongPassword(email: string, client: ClientInfo, now = new Date()): Promise<SignInResult> {
  return signInWithPassword({ email, password: "not-the-password-42", code: undefined }, client, now);
}

function rightCredentials(user: CreatedUser, client: ClientInfo, now = new Date()): Promise<SignInResult> {
  return signInWithPassword({ email: user.email, password: user.password, code: totpCodeAt(user.totpSecret!, now.getTime()) }, client, now);
}

function throttleRow(key: string | null) {
  return db().loginThrottle.findUnique({ where: { key: key ?? "" } });
}

function lockMs(row: { lockedUntil: Date | null; lastFailureAt: Date } | null): number {
  if (!row?.lockedUntil) return 0;
  return row.lockedUntil.getTime() - row.lastFailureAt.getTime();
}

function unknownEmail(): string {
  return `nobody-${randomBytes(5).toString("hex")}@test.example`;
}

describe("sign-in throttle", () => {
  test("after 5 failures for one e-mail from one network, the next attempt from there is throttled even with the right password and code", async () => {
    const user = await createUser();
    const net = freshNetwork();
    for (let i = 0; i < 5; i += 1) expect(await wrongPassword(user.email, from(`${net}.7`))).toStrictEqual(INVALID);

    const result = await rightCredentials(user, from(`${net}.7`));
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (result.ok) return;
    expect(result.retryAfterSeconds).toBeGreaterThan(0);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(30);
    // Another address of the same /24 is the same network.
    expect(await rightCredentials(user, from(`${net}.200`))).toMatchObject({ ok: false, reason: "throttled" });
    // The lock does not spill over to other accounts on the same network.
    const neighbour = await createUser();
    expect((await rightCredentials(neighbour, from(`${net}.8`))).ok).toBe(true);
  });

  test("failures from other networks do not lock the owner out from their own network, up to 50 for the account from all networks", async () => {
    const user = await createUser();
    const home = from(`${freshNetwork()}.10`);
    // An attacker who knows the e-mail guesses from nine networks until each is locked: 45 failures.
    for (let n = 0; n < 9; n += 1) {
      const elsewhere = from(`${freshNetwork()}.66`);
      for (let i = 0; i < 5; i += 1) expect(await wrongPassword(user.email, elsewhere)).toStrictEqual(INVALID);
      expect(await wrongPassword(user.email, elsewhere)).toMatchObject({ ok: false, reason: "throttled" });
    }
    const keys = throttleKeys(user.email, home.network);
    expect((await throttleRow(keys.account))?.failures).toBe(45);
    // The owner signs in from home, where nothing failed.
    expect((await rightCredentials(user, home)).ok).toBe(true);
    // A tenth network brings the account to 50: now it waits from everywhere, home included.
    const tenth = from(`${freshNetwork()}.66`);
    for (let i = 0; i < 5; i += 1) expect(await wrongPassword(user.email, tenth)).toStrictEqual(INVALID);
    expect((await throttleRow(keys.account))?.failures).toBe(50);
    expect(await rightCredentials(user, home)).toMatchObject({ ok: false, reason: "throttled" });
  });

  test("a burst of parallel guesses gets no more attempts than sequential ones: the sixth and later are throttled", async () => {
    const user = await createUser();
    const client = from(`${freshNetwork()}.9`);
    const results = await Promise.all(Array.from({ length: 20 }, () => wrongPassword(user.email, client)));
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(5);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(15);
  });

  test("four failures do not lock the account", async () => {
    const user = await createUser();
    const net = freshNetwork();
    for (let i = 0; i < 4; i += 1) await wrongPassword(user.email, from(`${net}.1`));
    expect((await rightCredentials(user, from(`${net}.1`))).ok).toBe(true);
  });

  test("the wait doubles with every failure after the lock ends (locked_until moves further out)", async () => {
    const user = await createUser();
    const client = from(`${freshNetwork()}.9`);
    const key = throttleKeys(user.email, client.network).accountNetwork;
    for (let i = 0; i < 5; i += 1) await wrongPassword(user.email, client);
    const first = await throttleRow(key);
    expect(first?.failures).toBe(5);
    expect(Math.abs(lockMs(first) - 30_000)).toBeLessThan(2_000);

    // Once the first lock has run out, one more failure locks for 60 s, then 120 s.
    expect(await wrongPassword(user.email, client, new Date(first!.lockedUntil!.getTime() + 1_000))).toStrictEqual(INVALID);
    const second = await throttleRow(key);
    expect(second?.failures).toBe(6);
    expect(second!.lockedUntil!.getTime()).toBeGreaterThan(first!.lockedUntil!.getTime());
    expect(Math.abs(lockMs(second) - 60_000)).toBeLessThan(2_000);

    expect(await wrongPassword(user.email, client, new Date(second!.lockedUntil!.getTime() + 1_000))).toStrictEqual(INVALID);
    const third = await throttleRow(key);
    expect(third!.lockedUntil!.getTime()).toBeGreaterThan(second!.lockedUntil!.getTime());
    expect(Math.abs(lockMs(third) - 120_000)).toBeLessThan(2_000);

    const now = await rightCredentials(user, client);
    expect(now).toMatchObject({ ok: false, reason: "throttled" });
    if (!now.ok) expect(now.retryAfterSeconds).toBeGreaterThan(60);
  });

  test("attempts while locked are not counted: they neither extend the lock nor count as failures", async () => {
    const user = await createUser();
    const client = from(`${freshNetwork()}.3`);
    const key = throttleKeys(user.email, client.network).accountNetwork;
    for (let i = 0; i < 5; i += 1) await wrongPassword(user.email, client);
    const locked = await throttleRow(key);
    for (let i = 0; i < 3; i += 1) expect(await wrongPassword(user.email, client)).toMatchObject({ reason: "throttled" });
    expect(await throttleRow(key)).toEqual(locked);
  });

  test("an unknown e-mail is counted and throttled exactly like an existing one", async () => {
    const known = await createUser();
    const ghost = unknownEmail();
    const answers = async (email: string, client: ClientInfo) => {
      const results: SignInResult[] = [];
      for (let i = 0; i < 7; i += 1) results.push(await wrongPassword(email, client));
      return results;
    };
    const knownClient = from(`${freshNetwork()}.20`);
    const ghostClient = from(`${freshNetwork()}.20`);
    const knownAnswers = await answers(known.email, knownClient);
    const ghostAnswers = await answers(ghost, ghostClient);

    const shape = (r: SignInResult) => (r.ok ? r : { ok: r.ok, reason: r.reason, waits: r.retryAfterSeconds !== undefined });
    expect(knownAnswers.map(shape)).toEqual(ghostAnswers.map(shape));
    expect(knownAnswers.map((r) => !r.ok && r.reason)).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "throttled",
      "throttled",
    ]);
    // Both locks are the first one: at most 30 s.
    for (const r of [...knownAnswers, ...ghostAnswers]) {
      if (!r.ok && r.reason === "throttled") expect(r.retryAfterSeconds).toBeGreaterThan(0);
      if (!r.ok && r.reason === "throttled") expect(r.retryAfterSeconds).toBeLessThanOrEqual(30);
    }

    const knownRow = await throttleRow(throttleKeys(known.email, knownClient.network).accountNetwork);
    const ghostRow = await throttleRow(throttleKeys(ghost, ghostClient.network).accountNetwork);
    expect(knownRow?.failures).toBe(5);
    expect(ghostRow?.failures).toBe(5);
    expect(Math.abs(lockMs(knownRow) - lockMs(ghostRow))).toBeLessThan(2_000);
    // And the right password does not get through the lock for the existing account.
    expect(await rightCredentials(known, knownClient)).toMatchObject({ ok: false, reason: "throttled" });
  });

  test("30 failures from one /24 network, across different e-mails, lock further attempts from that network", async () => {
    const net = freshNetwork();
    const known = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    const emails = [...known.map((u) => u.email), ...Array.from({ length: 5 }, unknownEmail)];
    let host = 1;
    // Three failures per e-mail: no account reaches its own limit, the network reaches 30.
    for (let round = 0; round < 3; round += 1) {
      for (const email of emails) {
        expect(await wrongPassword(email, from(`${net}.${host}`))).toStrictEqual(INVALID);
        host = (host % 250) + 1;
      }
    }
    const networkKey = throttleKeys("x@test.example", from(`${net}.1`).network).network;
    expect((await throttleRow(networkKey))?.failures).toBe(30);

    const victim = await createUser();
    // Another address in the same /24 is the same network.
    expect(await rightCredentials(victim, from(`${net}.251`))).toMatchObject({ ok: false, reason: "throttled" });
    expect(await wrongPassword(unknownEmail(), from(`${net}.252`))).toMatchObject({ ok: false, reason: "throttled" });
    // The same person from another network is let in.
    expect((await rightCredentials(victim, from(`${freshNetwork()}.1`))).ok).toBe(true);
    // No single account was locked.
    for (const email of emails) {
      const row = await throttleRow(throttleKeys(email, "unknown").account);
      expect(row?.failures).toBe(3);
      expect(row?.lockedUntil).toBeNull();
    }
  });

  test("29 failures from a network leave it open", async () => {
    const net = freshNetwork();
    for (let i = 0; i < 29; i += 1) await wrongPassword(unknownEmail(), from(`${net}.${i + 1}`));
    const user = await createUser();
    expect((await rightCredentials(user, from(`${net}.100`))).ok).toBe(true);
  });

  test("a successful sign-in clears the account's counter for its network, and gives back only its own attempt to the account's and the network's", async () => {
    const user = await createUser();
    const client = from(`${freshNetwork()}.44`);
    const keys = throttleKeys(user.email, client.network);
    for (let i = 0; i < 4; i += 1) await wrongPassword(user.email, client);
    expect((await throttleRow(keys.accountNetwork))?.failures).toBe(4);

    expect((await rightCredentials(user, client)).ok).toBe(true);
    expect(await throttleRow(keys.accountNetwork)).toBeNull();
    expect((await throttleRow(keys.account))?.failures).toBe(4);
    expect((await throttleRow(keys.network))?.failures).toBe(4);

    // The account starts again from zero on this network: four more failures still do not lock it.
    for (let i = 0; i < 4; i += 1) expect(await wrongPassword(user.email, client)).toStrictEqual(INVALID);
    expect((await rightCredentials(user, client, new Date(Date.now() + 30_000))).ok).toBe(true);
    expect((await throttleRow(keys.account))?.failures).toBe(8);
    expect((await throttleRow(keys.network))?.failures).toBe(8);
  });

  test("the throttle table holds no e-mail and no address in clear", async () => {
    const user = await createUser({ email: `maria.throttled-${randomBytes(3).toString("hex")}@test.example` });
    const address = `${freshNetwork()}.77`;
    const client = from(address);
    await wrongPassword(user.email, client);
    await wrongPassword(unknownEmail(), client);

    const rows = await db().$queryRaw<{ row: string }[]>`SELECT row_to_json(t)::text AS row FROM login_throttles t`;
    const text = rows.map((r) => r.row).join("\n");
    expect(rows.length).toBeGreaterThan(0);
    expect(text).not.toContain("@");
    expect(text).not.toContain(user.email.split("@")[0]!);
    expect(text).not.toContain(address);
    expect(text).not.toContain(client.network);
    expect(text).not.toContain(address.split(".").slice(0, 3).join("."));
    for (const { key } of await db().loginThrottle.findMany({ select: { key: true } })) expect(key).toMatch(/^(a|an|n):[A-Za-z0-9_-]{43}$/);
  });
});
