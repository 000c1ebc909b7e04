import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { adminQuery } from "@/lib/testing/postgres-server";
import { migrate } from "@/lib/migrations/migrate";
import { appRoleUrl, ensureAppRole } from "./roles";

const adminUrl = inject("pgAdminUrl");
const database = `${inject("pgDatabasePrefix")}_roles`;
const role = { name: `wp_app_${randomBytes(3).toString("hex")}`, password: randomBytes(18).toString("base64url") };
let ownerUrl: string;
let app: pg.Client;

beforeAll(async () => {
  await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  ownerUrl = url.toString();
  await migrate(ownerUrl);
  await ensureAppRole(ownerUrl, role);
  await ensureAppRole(ownerUrl, role); // idempotent
  app = new pg.Client({ connectionString: appRoleUrl(ownerUrl, role) });
  await app.connect();
});

afterAll(async () => {
  await app.end();
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(adminUrl, `DROP ROLE IF EXISTS ${role.name}`);
});

describe("the app's database role", () => {
  test("reads and writes rows", async () => {
    await app.query(`INSERT INTO country_risks (country_code, risk, updated_at) VALUES ('MN', 'TRANSIT', now())`);
    await app.query(`UPDATE country_risks SET risk = 'SAFE' WHERE country_code = 'MN'`);
    await app.query(`DELETE FROM country_risks WHERE country_code = 'MN'`);
    const { rows } = await app.query("SELECT count(*)::int AS n FROM cases");
    expect(rows[0].n).toBe(0);
  });

  test("may append to the audit log but not change or remove entries, even with the triggers off", async () => {
    await app.query(
      `INSERT INTO audit_log (at, action, meta, prev_hash, hash) VALUES (now(), 'test.entry', '{}', repeat('0', 64), repeat('a', 64))`,
    );
    await expect(app.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner|permission denied/);
  });

  test("cannot change the schema or the migration history", async () => {
    await expect(app.query(`CREATE TABLE intruder (id int)`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DROP TABLE cases`)).rejects.toThrow(/must be owner|permission denied/);
    await expect(app.query(`ALTER TABLE cases ADD COLUMN name text`)).rejects.toThrow(/must be owner|permission denied/);
    await expect(app.query(`SELECT * FROM _prisma_migrations`)).rejects.toThrow(/permission denied/);
  });
});
