import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { auditChainKey, env, EnvError, resetEnvCache } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(overrides: Record<string, string | undefined>) {
  process.env = { ...saved, ...overrides } as NodeJS.ProcessEnv;
  resetEnvCache();
}

function problems(): string {
  try {
    env();
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems.join("\n");
  }
}

describe("audit anchoring settings", () => {
  test("the chain key and the signing key are required, and a missing one is named", () => {
    withEnv({ AUDIT_CHAIN_KEY: undefined, AUDIT_SIGNING_KEY: "" });
    expect(problems()).toMatch(/AUDIT_CHAIN_KEY is missing[\s\S]*AUDIT_SIGNING_KEY is missing/);
  });

  test("malformed keys are refused without echoing them", () => {
    const short = randomBytes(16).toString("base64");
    const x25519 = generateKeyPairSync("x25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    withEnv({ AUDIT_CHAIN_KEY: short, AUDIT_SIGNING_KEY: x25519 });
    const text = problems();
    expect(text).toMatch(/AUDIT_CHAIN_KEY is malformed/);
    expect(text).toMatch(/AUDIT_SIGNING_KEY is malformed/);
    expect(text).not.toContain(short);
    expect(text).not.toContain(x25519);
  });

  test("a valid signing key gives its public key and key id; PEM works too; checkpoints every 15 minutes by default", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    withEnv({ AUDIT_SIGNING_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), AUDIT_CHECKPOINT_MINUTES: undefined });
    expect(env().AUDIT_SIGNING_KEY.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(env().AUDIT_SIGNING_KEY.publicKey.asymmetricKeyType).toBe("ed25519");
    expect(env().AUDIT_CHECKPOINT_MINUTES).toBe(15);
    expect(env().AUDIT_CHECKPOINT_FILE).toBeUndefined();
  });

  test("the chain key alone is enough for the migration runner, which may run without the other settings", () => {
    const key = randomBytes(32);
    withEnv({ AUDIT_CHAIN_KEY: key.toString("base64"), AUTH_SECRET: undefined, WAYPOINT_MASTER_KEYS: undefined, DATABASE_URL: undefined });
    expect(auditChainKey().equals(key)).toBe(true);
    withEnv({ AUDIT_CHAIN_KEY: undefined });
    expect(() => auditChainKey()).toThrow(EnvError);
  });
});
