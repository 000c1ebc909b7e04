import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { indexUnindexedContacts } from "../../lib/cases/contact-index-backfill";
import { db, disconnectDb } from "../../lib/db/client";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/migrations/migrate";
import { appRoleUrl, ensureAppRole } from "../../lib/db/roles";
import { seedDemo } from "../../prisma/seed/demo-seed";
import { generateLoad, LOAD_PASSWORD } from "../../prisma/seed/load-generator";
import type { Progress } from "../lib/cli";
import { DATA_DIR } from "../lib/local-runtime";
import { buildIsStale, buildNext } from "../lib/next-process";
import { buildReferenceIfStale, REFERENCE_DIR, startServers, type ServerGroup } from "./servers";
import { postmasterPid, processTree } from "./usage";

/**
 * What the benchmark measures against: its own embedded PostgreSQL (kept in .data/bench-postgres
 * between runs, so 100,000 cases are generated once), the production build under `next start`, and
 * the reference app (bench/reference) served the same way.
 */

export const APP_PORT = 3400;
/** The reference app's port: next to the app's. */
export const REFERENCE_PORT = 3401;
const PG_PORT = 54339;
export const step = (line: string) => console.log(`▸ ${line}`);

export type DataSet = "generated" | "demo";

export interface BenchDatabase {
  /** The owner's URL (the bench's own queries); the app connects as the least-privilege role. */
  url: string;
  appUrl: string;
  /** The role the app connects as: its statements are the ones counted. */
  appRole: string;
  pgVersion: string;
  /** The postmaster's pid: PostgreSQL's CPU is its process tree's. */
  pgPid: number | null;
  /** The accounts the bench signs in as. */
  accounts: { caseworker: string; coordinator: string };
  stop(): Promise<void>;
}

// pg_stat_statements counts the statements per request; it must be loaded when the server starts.
// `max` is raised so that no entry is evicted (which would lower the sum of calls) during a run.
/**
 * The app reaches the bench database over its Unix socket, as production does (docker-compose.yml,
 * ADR 019); the bench's own connections (floors, counters, seeding) keep TCP. The socket lives in
 * the data directory, which belongs to the server's user (when run as root, a "postgres" user).
 */
const pgFlags = (socketDir: string) => [
  "-c",
  "shared_preload_libraries=pg_stat_statements",
  "-c",
  "pg_stat_statements.max=20000",
  "-c",
  `unix_socket_directories=${socketDir}`,
];

function overSocket(url: string, socketDir: string): string {
  const socketUrl = new URL(url);
  socketUrl.hostname = "localhost";
  socketUrl.searchParams.set("host", socketDir);
  return socketUrl.toString();
}

/**
 * Starts the bench database. The generated data set is filled with `cases` cases unless it holds
 * enough; the demo data set (what `npm run demo` seeds, in its own data directory) is seeded afresh
 * on every run, so that its few cases can all take a status change again.
 */
export async function openBenchDatabase(cases: number, data: DataSet, progress: Progress): Promise<BenchDatabase> {
  const dataDir = path.join(DATA_DIR, data === "demo" ? "bench-postgres-demo" : "bench-postgres");
  step(`bench database (embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)}, port ${PG_PORT}, the app over its socket)`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: PG_PORT,
    persistent: true,
    postgresFlags: pgFlags(dataDir),
    log: (m) => {
      if (/FATAL|PANIC|shutdown|terminat/i.test(m)) console.error(`  [postgres] ${m}`);
    },
  });
  server.takeOverShutdown();
  const stop = async () => {
    await disconnectDb();
    await server.stop();
  };
  try {
    const admin = await connected(server.adminUrl);
    if (data === "demo") await admin.query("DROP DATABASE IF EXISTS bench WITH (FORCE)");
    if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'bench'")).rowCount) await admin.query("CREATE DATABASE bench");
    const url = server.urlFor("bench");
    process.env.DATABASE_URL = url;
    await migrate(url);
    if (data === "demo") {
      step("seeding the demo data (npm run demo's)");
      const seeded = await seedDemo();
      step(`seeded ${seeded.cases} demo cases`);
    } else {
      await fillGenerated(admin, url, cases, progress);
    }
    // Each instance indexes unindexed contact channels at its start (ADR 031), in the background: in a
    // database filled before the index existed, that would run inside the first measurements.
    const indexed = await indexUnindexedContacts(db());
    if (indexed) step(`indexed ${indexed} contact channels first, so that no server does it while measured`);
    const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    await admin.end();
    const appRole = { name: "waypoint_bench_app", password: "bench-app-role-password" };
    await ensureAppRole(url, appRole);
    const accounts =
      data === "demo"
        ? { caseworker: "caseworker1@example.org", coordinator: "coordinator@example.org" }
        : { caseworker: "caseworker1@load.example", coordinator: "coordinator1@load.example" };
    return {
      url,
      appUrl: overSocket(appRoleUrl(url, appRole), dataDir),
      appRole: appRole.name,
      pgVersion,
      pgPid: postmasterPid(dataDir),
      accounts,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

async function fillGenerated(admin: pg.Client, url: string, cases: number, progress: Progress): Promise<void> {
  const probe = await connected(url);
  const have = (await probe.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n;
  await probe.end();
  if (have >= cases) {
    step(`reusing ${have} cases`);
    return;
  }
  if (have > 0) {
    step(`the bench database holds ${have} cases, fewer than ${cases}: recreating it`);
    await admin.query("DROP DATABASE bench WITH (FORCE)");
    await admin.query("CREATE DATABASE bench");
    await migrate(url);
  }
  step(`generating ${cases} cases`);
  const generated = await generateLoad(url, {
    cases,
    caseworkers: 50,
    password: LOAD_PASSWORD,
    onProgress: (done, total) => progress(`${done}/${total}`),
  });
  progress.end();
  step(`generated ${generated.cases} cases (${generated.rows} rows) in ${generated.seconds.toFixed(0)} s`);
  const vacuum = await connected(url);
  await vacuum.query("VACUUM ANALYZE");
  await vacuum.end();
}

async function connected(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  return client;
}

/** The production image's Node.js flags for the server (its CMD line), unless --node-options says otherwise. */
export function serverNodeFlags(given: string | undefined): string[] {
  const dockerfile = /^CMD \["node", (.*), "server\.js"\]$/m.exec(readFileSync("Dockerfile", "utf8"))?.[1];
  return (given ?? dockerfile?.replaceAll('"', "").replaceAll(",", " ") ?? "").split(/\s+/).filter(Boolean);
}

export interface ServerOptions {
  instances: number;
  node: string;
  nodeFlags: string[];
  profileDir: string | null;
}

/** Builds the app if the sources changed and starts `next start` (n instances); resolves once they answer their health check. */
export async function startApp(databaseUrl: string, options: ServerOptions): Promise<ServerGroup> {
  const url = `http://127.0.0.1:${APP_PORT}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    APP_URL: url,
    NODE_ENV: "production" as const,
    LOG_LEVEL: "warn",
    DATABASE_POOL_SIZE: "10",
  };
  if (buildIsStale()) {
    step("building the app");
    await buildNext(env);
  }
  step(`starting the app (next start${options.instances > 1 ? `, ${options.instances} instances on one port (a Node.js cluster)` : ""})`);
  return startServers({
    ...options,
    name: "app",
    dir: ".",
    port: APP_PORT,
    env,
    healthPath: "/api/health",
  });
}

/** Builds the reference app if its sources changed and starts it as the app is started (same Node, flags and instances). */
export async function startReference(options: ServerOptions): Promise<ServerGroup> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" as const };
  await buildReferenceIfStale(env, step);
  step(`starting the reference app (next start ${REFERENCE_DIR})`);
  return startServers({
    ...options,
    name: "reference",
    dir: REFERENCE_DIR,
    port: REFERENCE_PORT,
    env,
    healthPath: "/api/data",
  });
}

/** A server process's resident memory: the process and its children, summed. */
export function rssOf(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}
