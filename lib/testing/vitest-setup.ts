import { randomBytes } from "node:crypto";
import { afterAll, inject, vi } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { adminQuery } from "./postgres-server";
import { testSecrets } from "./test-env";

// Each integration test file gets its own database, copied from the migrated template: tests in
// different files never see each other's rows, and nothing is mocked.
const adminUrl = inject("pgAdminUrl");
const database = `${inject("pgDatabasePrefix")}_${randomBytes(5).toString("hex")}`;
await adminQuery(adminUrl, `CREATE DATABASE ${database} TEMPLATE ${inject("pgTemplateDatabase")}`);
const url = new URL(adminUrl);
url.pathname = `/${database}`;
Object.assign(process.env, { DATABASE_URL: url.toString(), ...testSecrets() });
resetEnvCache();

afterAll(async () => {
  await disconnectDb();
});

/**
 * Switches this test file to a brand-new database copied from the template, for tests about
 * whole-database facts (the audit chain, totals) that other tests in the file would disturb.
 */
export async function switchToFreshDatabase(): Promise<void> {
  const fresh = `${inject("pgDatabasePrefix")}_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${fresh} TEMPLATE ${inject("pgTemplateDatabase")}`);
  const freshUrl = new URL(adminUrl);
  freshUrl.pathname = `/${fresh}`;
  await disconnectDb();
  process.env.DATABASE_URL = freshUrl.toString();
  resetEnvCache();
}

/**
 * An empty database (not copied from the template: nothing migrated), for tests of the migrations
 * themselves. `drop` removes every one made so far (call it from afterEach/afterAll).
 */
export const emptyDatabases = {
  made: [] as string[],
  async create(label: string): Promise<string> {
    const name = `${inject("pgDatabasePrefix")}_${label}_${randomBytes(3).toString("hex")}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    this.made.push(name);
    const empty = new URL(adminUrl);
    empty.pathname = `/${name}`;
    return empty.toString();
  },
  async drop(): Promise<void> {
    for (const name of this.made.splice(0)) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  },
};

/** Runs this test file with the given master keys (`id:base64,…`) and active key id, until vi.unstubAllEnvs. */
export function useMasterKeys(keys: string, active: string): void {
  vi.stubEnv("WAYPOINT_MASTER_KEYS", keys);
  vi.stubEnv("WAYPOINT_ACTIVE_KEY", active);
  resetEnvCache();
}
