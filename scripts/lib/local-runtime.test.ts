import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { env, resetEnvCache } from "@/lib/env";

/**
 * The embedded demo's secrets (.data/secrets.json): generated on first use, and completed — not
 * replaced, not refused — when a .data/ made by an earlier version lacks a key added since.
 */

const saved = { ...process.env };
const cwd = process.cwd();
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "wp-local-secrets-"));
  process.chdir(dir);
  for (const name of [
    "DATABASE_URL",
    "WAYPOINT_MASTER_KEYS",
    "WAYPOINT_ACTIVE_KEY",
    "AUTH_SECRET",
    "AUDIT_CHAIN_KEY",
    "AUDIT_SIGNING_KEY",
    "CONTACT_INDEX_KEY",
  ])
    delete process.env[name];
  vi.resetModules();
});
afterEach(async () => {
  process.chdir(cwd);
  process.env = { ...saved };
  resetEnvCache();
  await rm(dir, { recursive: true, force: true });
});

async function load(log: string[]) {
  const { loadLocalSecrets } = await import("./local-runtime");
  await loadLocalSecrets((line) => log.push(line));
}

describe("local secrets of the embedded mode", () => {
  test("a .data/secrets.json from before the audit keys and the contact index key gets them added, its own keys kept", async () => {
    const old = {
      WAYPOINT_MASTER_KEYS: `local1:${randomBytes(32).toString("base64")}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    };
    await mkdir(".data");
    await writeFile(".data/secrets.json", JSON.stringify(old), { mode: 0o600 });
    const log: string[] = [];
    await load(log);
    expect(log).toEqual([
      expect.stringMatching(/^added AUDIT_CHAIN_KEY and AUDIT_SIGNING_KEY and CONTACT_INDEX_KEY to \.data\/secrets\.json/),
    ]);
    const stored = JSON.parse(await readFile(".data/secrets.json", "utf8")) as Record<string, string>;
    expect(stored).toMatchObject(old);
    expect(process.env).toMatchObject({ ...old, AUDIT_CHAIN_KEY: stored.AUDIT_CHAIN_KEY, AUDIT_SIGNING_KEY: stored.AUDIT_SIGNING_KEY });
    expect((await stat(".data/secrets.json")).mode & 0o777).toBe(0o600);
    process.env.DATABASE_URL = "postgresql://demo@127.0.0.1:1/demo";
    resetEnvCache();
    expect(env().AUDIT_SIGNING_KEY.keyId).toMatch(/^[0-9a-f]{16}$/);

    // The next run reads them back unchanged.
    for (const name of ["WAYPOINT_MASTER_KEYS", "AUTH_SECRET", "AUDIT_CHAIN_KEY", "AUDIT_SIGNING_KEY", "CONTACT_INDEX_KEY", "DATABASE_URL"])
      delete process.env[name];
    vi.resetModules();
    const again: string[] = [];
    await load(again);
    expect(again).toEqual([]);
    expect(process.env.AUDIT_CHAIN_KEY).toBe(stored.AUDIT_CHAIN_KEY);
  });

  test("a fresh .data/ gets every key", async () => {
    const log: string[] = [];
    await load(log);
    expect(log).toEqual([expect.stringMatching(/^generated local keys/)]);
    const stored = JSON.parse(await readFile(".data/secrets.json", "utf8")) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual([
      "AUDIT_CHAIN_KEY",
      "AUDIT_SIGNING_KEY",
      "AUTH_SECRET",
      "CONTACT_INDEX_KEY",
      "WAYPOINT_MASTER_KEYS",
    ]);
  });

  test("with DATABASE_URL set, missing keys are named and nothing is generated", async () => {
    process.env.DATABASE_URL = "postgresql://someone@db.example:5432/waypoint";
    process.env.WAYPOINT_MASTER_KEYS = `k1:${randomBytes(32).toString("base64")}`;
    process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
    await expect(load([])).rejects.toThrow(/DATABASE_URL is set but AUDIT_CHAIN_KEY, AUDIT_SIGNING_KEY, CONTACT_INDEX_KEY are not/);
  });
});
