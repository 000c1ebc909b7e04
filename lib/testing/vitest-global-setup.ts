import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/migrations/migrate";
import { adminQuery, startTestServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
    pgDatabasePrefix: string;
  }
}

/** Starts PostgreSQL once per run and migrates a template database that every test file copies. */
export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const prefix = `wp_test_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  await adminQuery(server.adminUrl, `CREATE DATABASE ${template}`);
  await migrate(server.urlFor(template));
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplateDatabase", template);
  project.provide("pgDatabasePrefix", prefix);
  return async () => {
    if (process.env.TEST_DATABASE_ADMIN_URL) {
      const pg = await import("pg");
      const client = new pg.default.Client({ connectionString: server.adminUrl });
      await client.connect();
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await client.end();
    }
    await server.stop();
  };
}
