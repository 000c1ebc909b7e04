import { isPortFree } from "../lib/db/embedded";
import { migrate } from "../lib/migrations/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../prisma/seed/demo-seed";
import { runCli, UsageError } from "./lib/cli";
import { buildIsStale, buildNext, runNext, waitForExit } from "./lib/next-process";

const step = (line: string) => console.log(`▸ ${line}`);

await runCli({
  help: `npm run demo — run Waypoint with demo data at http://localhost:3000

Starts an embedded PostgreSQL under .data/ (unless DATABASE_URL is set), applies migrations,
loads the demo data (once), builds the app when the sources changed, and serves it.
Ctrl-C stops the app and the database cleanly; the data stays in .data/ for the next run.

Options:
  -p, --port <n>   HTTP port (default 3000, or PORT)
      --dev        run the development server (hot reload) instead of a production build
  -h, --help       show this help`,
  options: { port: { type: "string", short: "p" }, dev: { type: "boolean" } },
  async prepare(values) {
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
    if (!(await isPortFree(port)))
      throw new Error(`port ${port} is already in use. Stop what is running there, or choose another port: npm run demo -- --port 3100`);
    return port;
  },
  secrets: true,
  database: true,
  log: step,
  async run({ values, input: port, database, onInterrupt }) {
    const running: { app?: ReturnType<typeof runNext> } = {};
    // Ctrl-C stops the app first, then runCli stops the database; the data stays for the next run.
    onInterrupt(async (signal) => {
      step(`${signal}: stopping`);
      const { app } = running;
      if (app && app.exitCode === null) {
        app.kill("SIGTERM");
        await waitForExit(app);
      }
      return "stopped; data kept in .data/";
    });

    step("applying migrations");
    const migrated = await migrate(database!.url);
    if (migrated.applied.length) step(`applied ${migrated.applied.length} migration(s)`);
    step("loading demo data");
    const seeded = await seedDemo({ log: (line) => console.log(`    ${line}`) });

    const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
    const env = { ...process.env, DATABASE_URL: database!.url, APP_URL: appUrl, PORT: String(port) };
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
    if (code !== 0) throw new Error(`the app exited with code ${code}; see the messages above`);
  },
});
