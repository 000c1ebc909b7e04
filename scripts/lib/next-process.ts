import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const NEXT_BIN = path.resolve(process.cwd(), "node_modules/.bin/next");
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = ["next.config.js", "proxy.ts", "instrumentation.ts", "package-lock.json", "postcss.config.mjs"];

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  SOURCE_DIRS.forEach((dir) => walk(path.resolve(dir)));
  for (const file of SOURCE_FILES) if (existsSync(file)) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/** True when .next holds no production build, or one older than the sources. */
export function buildIsStale(): boolean {
  const buildId = path.resolve(".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  return statSync(buildId).mtimeMs < newestSourceMtime();
}

export function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(NEXT_BIN, args, { stdio: "inherit", env: { NEXT_TELEMETRY_DISABLED: "1", ...env } });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs `next build`, resolving when it succeeds, rejecting with a helpful message when it fails. */
export async function buildNext(env: NodeJS.ProcessEnv): Promise<void> {
  const code = await waitForExit(runNext(["build"], env));
  if (code !== 0) throw new Error(`next build failed (exit ${code}); the errors are printed above`);
}
