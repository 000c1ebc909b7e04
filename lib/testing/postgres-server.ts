import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";

/**
 * A PostgreSQL server for a test run: TEST_DATABASE_ADMIN_URL when set (a role that may CREATE
 * DATABASE), otherwise a throw-away embedded cluster in a temporary directory.
 */
export interface TestServer {
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  if (external) {
    const base = new URL(external);
    return {
      adminUrl: external,
      urlFor: (database) => {
        const url = new URL(base);
        url.pathname = `/${database}`;
        return url.toString();
      },
      stop: async () => {},
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "waypoint-test-pg-"));
  // The postgres OS user (used when running as root) must be able to enter the directory.
  await import("node:fs/promises").then((fs) => fs.chmod(dir, 0o755));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await freePort(), persistent: false });
  return {
    adminUrl: server.adminUrl,
    urlFor: server.urlFor,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
