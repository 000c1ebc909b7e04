import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { isPortFree } from "../../lib/db/embedded";
import { runNext, waitForExit } from "../lib/next-process";

/**
 * The servers the benchmark drives: one or more `next start` processes of a project (the app, or
 * the reference app in bench/reference), behind one port. With more than one, a small round-robin
 * TCP proxy in the bench process hands each new connection to the next instance, as a load
 * balancer in front of the production replicas would.
 */

export const REFERENCE_DIR = "bench/reference";

export interface ServerGroup {
  name: string;
  /** The one address the load goes to (the proxy's, or the only instance's). */
  url: string;
  /** Each instance's `next start` process. */
  children: ChildProcess[];
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** The Next.js project folder: "." for the app. */
  dir: string;
  port: number;
  /** Ports of the instances when there are several (the proxy listens on `port`). */
  instancePorts: number[];
  env: NodeJS.ProcessEnv;
  node: string;
  nodeFlags: string[];
  profileDir: string | null;
  healthPath: string;
}

export async function startServers(options: StartOptions): Promise<ServerGroup> {
  const ports = options.instancePorts.length > 1 ? options.instancePorts : [options.port];
  for (const port of [options.port, ...ports])
    if (!(await isPortFree(port))) throw new Error(`port ${port} is in use; stop what runs there`);
  const children = ports.map((port) => startInstance(options, port));
  const proxy = ports.length > 1 ? await roundRobin(options.port, ports) : null;
  const group: ServerGroup = {
    name: options.name,
    url: `http://127.0.0.1:${options.port}`,
    children,
    async stop() {
      proxy?.close();
      await Promise.all(children.map(stopChild));
    },
  };
  try {
    await Promise.all(ports.map((port) => healthy(`http://127.0.0.1:${port}${options.healthPath}`, children)));
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}

function startInstance(options: StartOptions, port: number): ChildProcess {
  // --cpu-prof is refused in NODE_OPTIONS: node runs Next's CLI itself when profiling.
  const nextArgs = [path.resolve("node_modules/next/dist/bin/next"), "start", options.dir, "-p", String(port), "-H", "127.0.0.1"];
  const profile = options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [];
  return spawn(options.node, [...profile, ...options.nodeFlags, ...nextArgs], {
    env: { ...options.env, NODE_OPTIONS: "", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function healthy(url: string, children: ChildProcess[]): Promise<void> {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    const dead = children.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`a server process exited (code ${dead.exitCode}) before answering ${url}`);
    if (i > 120) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Stops an instance first, so that its in-flight requests finish before the database goes away. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
}

/** Per-connection round robin: the load tool keeps its connections open, so each stays on one instance. */
async function roundRobin(port: number, backends: number[]): Promise<net.Server> {
  let next = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(backends[next++ % backends.length]!, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return server;
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
