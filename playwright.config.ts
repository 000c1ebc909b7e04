import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a production build (`next start`) in Chromium. Run through
 * `npm run test:e2e` (scripts/test-e2e.ts), which prepares a fresh database with the demo data and
 * the environment this file expects.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// System Chromium on our machines (Playwright cannot download its own here); Playwright's own elsewhere.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-GB",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /scale-out\.spec\.ts$/ },
    // Two app instances of their own against a primary with a streaming replica, all started by the
    // spec: its own worker, so that its fixtures' database never mixes with the suite's.
    { name: "scale-out", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /scale-out\.spec\.ts$/ },
  ],
  webServer: {
    // Also into test-results/server.log, so that specs can check what the server logged (e2e/support/server-log.ts).
    command: `sh -c 'mkdir -p test-results && node_modules/.bin/next start -p ${port} -H 127.0.0.1 2>&1 | tee test-results/server.log'`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // The test process resolves `server-only` with the react-server condition; the app must not.
    // The app connects as the least-privilege role that scripts/test-e2e.ts creates.
    // Specs that run at once share one database and check dashboard figures right after creating
    // cases, so the figure cache is off here (lib/dashboard/cache.integration.test.ts covers it).
    env: {
      ...process.env,
      DATABASE_URL: process.env.APP_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
      NODE_OPTIONS: "",
      NEXT_TELEMETRY_DISABLED: "1",
      DASHBOARD_CACHE_SECONDS: "0",
    } as Record<string, string>,
  },
});
