import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { env, EnvError, resetEnvCache } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(overrides: Record<string, string | undefined>) {
  process.env = { ...saved, ...overrides } as NodeJS.ProcessEnv;
  resetEnvCache();
}

function problems(): string[] {
  try {
    env();
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("environment", () => {
  test("a valid keyring is parsed and the first key is active by default", () => {
    withEnv({
      WAYPOINT_MASTER_KEYS: `a:${randomBytes(32).toString("base64")},b:${randomBytes(32).toString("base64")}`,
      WAYPOINT_ACTIVE_KEY: undefined,
    });
    expect(env().WAYPOINT_ACTIVE_KEY).toBe("a");
    expect([...env().WAYPOINT_MASTER_KEYS.keys()]).toEqual(["a", "b"]);
  });

  test("the duplicate check's key is required and 32 bytes; the outbound hook is off by default and needs its secret, and https in production", () => {
    withEnv({ CONTACT_INDEX_KEY: undefined });
    expect(problems().join("\n")).toMatch(/CONTACT_INDEX_KEY is missing/);
    withEnv({ CONTACT_INDEX_KEY: randomBytes(16).toString("base64") });
    expect(problems().join("\n")).toMatch(/CONTACT_INDEX_KEY is malformed/);
    withEnv({ NOTIFICATION_HOOK_URL: undefined, NOTIFICATION_HOOK_SECRET: undefined });
    expect(env().NOTIFICATION_HOOK_URL).toBeUndefined();
    withEnv({ NOTIFICATION_HOOK_URL: "https://relay.example.org/hook", NOTIFICATION_HOOK_SECRET: undefined });
    expect(problems().join("\n")).toMatch(/NOTIFICATION_HOOK_SECRET is missing/);
    withEnv({ NOTIFICATION_HOOK_URL: "http://relay.example.org/hook", NOTIFICATION_HOOK_SECRET: "s".repeat(32), NODE_ENV: "production" });
    expect(problems().join("\n")).toMatch(/must be https in production/);
    withEnv({ NOTIFICATION_HOOK_URL: "ftp://relay.example.org/", NOTIFICATION_HOOK_SECRET: "s".repeat(32) });
    expect(problems().join("\n")).toMatch(/must be an http\(s\) URL/);
  });

  test("a missing master key stops start-up with a message naming the variable", () => {
    withEnv({ WAYPOINT_MASTER_KEYS: undefined });
    expect(problems().join("\n")).toMatch(/WAYPOINT_MASTER_KEYS is missing/);
  });

  test("a key of the wrong length is malformed, and the key itself is never echoed", () => {
    const short = randomBytes(16).toString("base64");
    withEnv({ WAYPOINT_MASTER_KEYS: `a:${short}` });
    const text = problems().join("\n");
    expect(text).toMatch(/malformed/);
    expect(text).not.toContain(short);
  });

  test("an active key that is not in the ring is refused", () => {
    withEnv({ WAYPOINT_MASTER_KEYS: `a:${randomBytes(32).toString("base64")}`, WAYPOINT_ACTIVE_KEY: "zzz" });
    expect(problems().join("\n")).toMatch(/WAYPOINT_ACTIVE_KEY "zzz" is not in WAYPOINT_MASTER_KEYS/);
  });

  test("a short AUTH_SECRET and a missing DATABASE_URL are both reported", () => {
    withEnv({ AUTH_SECRET: "short", DATABASE_URL: "" });
    const text = problems().join("\n");
    expect(text).toMatch(/AUTH_SECRET is too short/);
    expect(text).toMatch(/DATABASE_URL/);
  });
});
