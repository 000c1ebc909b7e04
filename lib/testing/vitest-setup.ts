import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
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
