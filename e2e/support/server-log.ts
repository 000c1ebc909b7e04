import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Everything the app server printed during this run (stdout and stderr): playwright.config.ts runs
 * `next start` through `tee` into this file.
 */
export const SERVER_LOG = path.resolve("test-results/server.log");

/** The server's output so far, after giving it a moment to flush the last lines. */
export async function readServerLog(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (!existsSync(SERVER_LOG))
    throw new Error(`${SERVER_LOG} is missing: the web server in playwright.config.ts must write its output there`);
  return readFileSync(SERVER_LOG, "utf8");
}
