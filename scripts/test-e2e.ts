import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { disconnectDb } from "../lib/db/client";
import { migrate } from "../lib/migrations/migrate";
import { appRoleUrl, ensureAppRole } from "../lib/db/roles";
import { adminQuery, startTestServer } from "../lib/testing/postgres-server";
import { testSecrets } from "../lib/testing/test-env";
import { seedDemo } from "../prisma/seed/demo-seed";
import { runCli } from "./lib/cli";
import { buildIsStale, buildNext } from "./lib/next-process";

await runCli({
  help: `npm run test:e2e — Playwright end-to-end tests against a production build

Starts a throw-away PostgreSQL (or uses TEST_DATABASE_ADMIN_URL), migrates a fresh database, loads
the demo data, builds the app when the sources changed, then runs Playwright (which starts
\`next start\`). Extra arguments go to Playwright, e.g. npm run test:e2e -- e2e/login.spec.ts

Options:
      --build    always rebuild the app first
  -h, --help     show this help`,
  options: { build: { type: "boolean" } },
  // Everything but our own options goes to Playwright unchanged (files, -g "pattern", --headed…).
  passThrough: true,
  // Its own throw-away PostgreSQL, not the local one: the tests must not touch .data/.
  async run({ values }) {
    const playwrightArgs = process.argv.slice(2).filter((arg) => arg !== "--build");
    const port = Number(process.env.E2E_PORT ?? 3100);
    const server = await startTestServer();
    let exitCode = 1;
    try {
      const database = `wp_e2e_${Date.now().toString(36)}`;
      await adminQuery(server.adminUrl, `CREATE DATABASE ${database}`);
      const url = server.urlFor(database);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...testSecrets(),
        LOG_LEVEL: "warn",
        DATABASE_URL: url,
        APP_URL: `http://127.0.0.1:${port}`,
        // The tests present client addresses through X-Forwarded-For, as the reverse proxy would.
        TRUSTED_PROXY_COUNT: "1",
        E2E_PORT: String(port),
      };
      Object.assign(process.env, env);
      await migrate(url);
      await seedDemo();
      await disconnectDb();
      // The app under test connects as the least-privilege role, as in production; the tests'
      // own fixtures keep the owner's connection.
      const appRole = { name: `wp_app_${randomBytes(4).toString("hex")}`, password: randomBytes(18).toString("base64url") };
      await ensureAppRole(url, appRole);
      env.APP_DATABASE_URL = appRoleUrl(url, appRole);
      process.env.APP_DATABASE_URL = env.APP_DATABASE_URL;
      if (values.build || buildIsStale()) {
        console.log("▸ building the app for the end-to-end tests");
        await buildNext({ ...env, NODE_ENV: "production" });
      }
      exitCode = await new Promise<number>((resolve) => {
        const child = spawn("node_modules/.bin/playwright", ["test", ...playwrightArgs], {
          stdio: "inherit",
          // Test fixtures import lib/ (factories, sessions), which is server code.
          env: { ...env, NODE_OPTIONS: "--conditions=react-server" },
        });
        child.on("exit", (code) => resolve(code ?? 1));
      });
    } finally {
      await server.stop();
    }
    // Playwright has reported; its exit code is the command's.
    return { exitCode };
  },
});
