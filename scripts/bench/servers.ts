import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isPortFree } from "../../lib/db/embedded";
import { runNext, waitForExit } from "../lib/next-process";

/**
 * The servers the benchmark drives: one or more `next start` processes of a project (the app, or
 * the reference app in bench/reference), on one port. With more than one, they run as a Node.js
 * cluster (scripts/bench/cluster.mjs): its primary hands each new connection to the next worker, as
 * a load balancer in front of the production replicas would, without relaying a byte. (A proxy in
 * the bench process made two instances slower than one on two cores: it shared a core with the
 * load tool and copied every response.)
 */

export const REFERENCE_DIR = "bench/reference";

export interface ServerGroup {
  name: string;
  /** The one address the load goes to. */
  url: string;
  /** The process started: `next start`, or the cluster's primary. */
  child: ChildProcess;
  /** The processes that serve requests: `next start`, or the cluster's workers. */
  servers: number[];
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** The Next.js project folder: "." for the app. */
  dir: string;
  port: number;
  instances: number;
  env: NodeJS.ProcessEnv;
  node: string;
  nodeFlags: string[];
  profileDir: string | null;
  healthPath: string;
}

export async function startServers(options: StartOptions): Promise<ServerGroup> {
  if (!(await isPortFree(options.port))) throw new Error(`port ${options.port} is in use; stop what runs there`);
  const child = startProcess(options);
  const workers =
    options.instances > 1
      ? new Promise<number[]>((resolve) => child.on("message", (m: { ready?: number[] }) => m.ready && resolve(m.ready)))
      : null;
  const group: ServerGroup = {
    name: options.name,
    url: `http://127.0.0.1:${options.port}`,
    child,
    servers: [],
    stop: () => stopChild(child),
  };
  try {
    await healthy(`${group.url}${options.healthPath}`, child);
    group.servers = workers ? await workers : [child.pid!];
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}

function startProcess(options: StartOptions): ChildProcess {
  // --cpu-prof is refused in NODE_OPTIONS: node runs Next's CLI itself when profiling (a cluster's
  // workers inherit the primary's flags, so each writes its own profile).
  const next = path.resolve("node_modules/next/dist/bin/next");
  const nextArgs = ["start", options.dir, "-p", String(options.port), "-H", "127.0.0.1"];
  const script = options.instances > 1 ? [path.resolve("scripts/bench/cluster.mjs"), String(options.instances), next] : [next];
  const profile = options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [];
  return spawn(options.node, [...profile, ...options.nodeFlags, ...script, ...nextArgs], {
    env: { ...options.env, NODE_OPTIONS: "", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit", ...(options.instances > 1 ? (["ipc"] as const) : [])],
  });
}

async function healthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (child.exitCode !== null) throw new Error(`the server process exited (code ${child.exitCode}) before answering ${url}`);
    if (i > 120) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Stops the servers first, so that their in-flight requests finish before the database goes away. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
}

/** The production image's Node.js major version (Dockerfile): the servers' default runtime. */
export const PRODUCTION_NODE = "24";

/** The Node.js that runs the servers: this one, a binary's path, or a version from the npm registry's `node` package. */
export function resolveNode(given: string = PRODUCTION_NODE): string {
  if (given === "current") return process.execPath;
  if (given.includes("/") || existsSync(given)) {
    if (!existsSync(given)) throw new Error(`--node: no such file ${given}`);
    return path.resolve(given);
  }
  if (!/^v?\d+(\.\d+){0,2}$/.test(given)) throw new Error(`--node takes a path or a version such as 24 or 24.11.0, not "${given}"`);
  // npx caches the package; the binary it runs is the one `process.execPath` names.
  const version = given.replace(/^v/, "");
  return execFileSync("npx", ["-y", `node@${version}`, "-e", "console.log(process.execPath)"], { encoding: "utf8" }).trim();
}

export function nodeVersion(node: string): string {
  return execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".next" || entry.name === "next-env.d.ts") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the reference app when it has no build, or one older than its sources or the lockfile. */
export async function buildReferenceIfStale(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const buildId = path.join(REFERENCE_DIR, ".next/BUILD_ID");
  const sources = Math.max(newestMtime(REFERENCE_DIR), statSync("package-lock.json").mtimeMs);
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= sources) return;
  log(`building the reference app (${REFERENCE_DIR})`);
  const code = await waitForExit(runNext(["build", REFERENCE_DIR], env));
  if (code !== 0) throw new Error(`next build ${REFERENCE_DIR} failed (exit ${code}); the errors are printed above`);
}
