import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "../../lib/db/client";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/migrations/migrate";
import { appRoleUrl, ensureAppRole } from "../../lib/db/roles";
import { generateLoad, LOAD_PASSWORD } from "../../prisma/seed/load-generator";
import type { Progress } from "../lib/cli";
import { DATA_DIR } from "../lib/local-runtime";
import { buildIsStale, buildNext } from "../lib/next-process";

/**
 * What the benchmark measures against: its own embedded PostgreSQL (kept in .data/bench-postgres
 * between runs, so 100,000 cases are generated once) and the production build under `next start`.
 */

export const APP_PORT = 3400;
const PG_PORT = 54339;
export const step = (line: string) => console.log(`▸ ${line}`);

export interface BenchDatabase {
  /** The owner's URL (the bench's own queries); the app connects as the least-privilege role. */
  url: string;
  appUrl: string;
  pgVersion: string;
  stop(): Promise<void>;
}

/** Starts the bench database and fills it with `cases` generated cases unless it holds enough. */
export async function openBenchDatabase(cases: number, progress: Progress): Promise<BenchDatabase> {
  step(`bench database (embedded PostgreSQL in .data/bench-postgres, port ${PG_PORT})`);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "bench-postgres"),
    port: PG_PORT,
    persistent: true,
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
    if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'bench'")).rowCount) await admin.query("CREATE DATABASE bench");
    const url = server.urlFor("bench");
    process.env.DATABASE_URL = url;
    await migrate(url);
    const probe = await connected(url);
    const have = (await probe.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n;
    await probe.end();
    if (have < cases) {
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
    } else {
      step(`reusing ${have} cases`);
    }
    const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    await admin.end();
    const appRole = { name: "waypoint_bench_app", password: "bench-app-role-password" };
    await ensureAppRole(url, appRole);
    return { url, appUrl: appRoleUrl(url, appRole), pgVersion, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
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

/** Builds the app if the sources changed and starts `next start`; resolves once it answers its health check. */
export async function startApp(databaseUrl: string, options: { nodeFlags: string[]; profileDir: string | null }) {
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
  step("starting the app (next start)");
  // --cpu-prof is refused in NODE_OPTIONS: node runs Next's CLI itself when profiling.
  const nextArgs = [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(APP_PORT), "-H", "127.0.0.1"];
  const profile = options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, ...options.nodeFlags, ...nextArgs], {
    env: { ...env, NODE_OPTIONS: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const app = { url, child, stop: () => stopApp(child) };
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return app;
    } catch {
      // not yet
    }
    if (i > 120) {
      await app.stop();
      throw new Error("the app did not become healthy within 60 s");
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export type RunningApp = Awaited<ReturnType<typeof startApp>>;

/** Stops the app first, so that its in-flight requests finish before the database goes away. */
async function stopApp(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null) return;
  const exited = new Promise((resolve) => app.once("exit", resolve));
  app.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
}

/** The server's resident memory: `next start` and its children, summed. */
export function rssOf(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      if (children) children.split(/\s+/).map(Number).forEach(walk);
    } catch {
      // gone
    }
  };
  walk(pid);
  return total;
}
