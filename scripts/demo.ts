import { parseArgs } from "node:util";
import { disconnectDb } from "../lib/db/client";
import { isPortFree } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../prisma/seed/demo-seed";
import { fail, loadLocalSecrets, openDatabase } from "./lib/local-runtime";
import { buildIsStale, buildNext, runNext, waitForExit } from "./lib/next-process";

const HELP = `npm run demo — run Waypoint with demo data at http://localhost:3000

Starts an embedded PostgreSQL under .data/ (unless DATABASE_URL is set), applies migrations,
loads the demo data (once), builds the app when the sources changed, and serves it.
Ctrl-C stops the app and the database cleanly; the data stays in .data/ for the next run.

Options:
  -p, --port <n>   HTTP port (default 3000, or PORT)
      --dev        run the development server (hot reload) instead of a production build
  -h, --help       show this help`;

const { values } = parseArgs({
  options: { help: { type: "boolean", short: "h" }, port: { type: "string", short: "p" }, dev: { type: "boolean" } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const port = Number(values.port ?? process.env.PORT ?? 3000);
const step = (line: string) => console.log(`▸ ${line}`);

try {
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} is already in use. Stop what is running there, or choose another port: npm run demo -- --port 3100`);
  }
  await loadLocalSecrets(step);
  const database = await openDatabase(step);
  let stopping = false;
  const running: { app?: ReturnType<typeof runNext> } = {};
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping`);
    const { app } = running;
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await waitForExit(app);
    }
    await database.release();
    console.log("✔ stopped; data kept in .data/");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  step("applying migrations");
  const migrated = await migrate(database.url);
  if (migrated.applied.length) step(`applied ${migrated.applied.length} migration(s)`);
  step("loading demo data");
  const seeded = await seedDemo({ log: (line) => console.log(`    ${line}`) });
  await disconnectDb();

  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const env = { ...process.env, DATABASE_URL: database.url, APP_URL: appUrl, PORT: String(port) };
  if (!values.dev && buildIsStale()) {
    step("building the app (first run, or the sources changed; about a minute)");
    await buildNext(env);
  }
  const app = (running.app = runNext(values.dev ? ["dev", "-p", String(port)] : ["start", "-p", String(port)], env));

  console.log(`
Waypoint is starting at ${appUrl}  (${seeded.cases} demo cases)
Sign in with one of these accounts (password: ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(26)} ${a.role}`).join("\n")}
The authenticator code: npm run demo:code -- <email>   (or add the TOTP secret from the README to an app)
Ctrl-C stops the app and the database.
`);
  const code = await waitForExit(app);
  if (!stopping) {
    await database.release();
    if (code !== 0) throw new Error(`the app exited with code ${code}; see the messages above`);
  }
} catch (error) {
  fail(error);
}
