import path from "node:path";
import { runCli, UsageError } from "../lib/cli";
import { DATA_DIR } from "../lib/local-runtime";
import { isPortFree } from "../../lib/db/embedded";
import { consoleLine, writeReport } from "./report";
import { listenForFloors, measureFloors, runLevels } from "./runner";
import { scenarios as allScenarios, signIn } from "./scenarios";
import { APP_PORT, openBenchDatabase, serverNodeFlags, startApp, step } from "./setup";

/** npm run bench: the steps in order; scenarios.ts says what is asked, runner.ts measures, report.ts writes. */

const PROFILES = path.join(DATA_DIR, "profiles");

await runCli({
  help: `npm run bench — load-test the production build at scale

Starts a dedicated embedded PostgreSQL (data kept in .data/bench-postgres between runs), fills it
with --cases synthetic cases if it holds fewer (npm run db:generate's generator), builds the app if
the sources changed, starts it with \`next start\`, signs in as a caseworker and a coordinator, and
drives each scenario with autocannon at each concurrency: case list (default, filtered), case page,
a status change, intake, dashboard (default, filtered), report export. For each it prints requests
per second, p50/p95/p99 latency and errors, the time of the same SQL run directly (the floor) and
the ratio, and the server's peak memory. Results go to docs/performance.md.

Options:
      --cases <n>          cases in the bench database (default 100000)
      --connections <list> concurrency levels (default 1,10,50)
      --duration <s>       seconds per scenario and level (default 10)
      --only <names>       comma-separated scenario names (default: all)
      --profile            write a V8 CPU profile of the server to .data/profiles/ (open it in
                           Chrome DevTools or speedscope); figures are slower while profiling
      --no-report          print the figures only; leave docs/performance.md alone
      --node-options=<s>   flags for the server's Node.js (default: those of the Dockerfile's CMD),
                           e.g. --node-options=--max-old-space-size=256
      --hold               after signing in, print the app's address and the session cookies and
                           keep everything running until Ctrl-C (for measuring by hand)
  -h, --help               show this help`,
  options: {
    cases: { type: "string" },
    connections: { type: "string" },
    duration: { type: "string" },
    only: { type: "string" },
    profile: { type: "boolean" },
    "no-report": { type: "boolean" },
    hold: { type: "boolean" },
    "node-options": { type: "string" },
  },
  async prepare(values) {
    const whole = (name: string, value: number) => {
      if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a positive whole number`);
      return value;
    };
    const config = {
      cases: whole("cases", Number(values.cases ?? 100_000)),
      levels: (values.connections ?? "1,10,50").split(",").map((level) => whole("connections", Number(level))),
      duration: whole("duration", Number(values.duration ?? 10)),
      only: values.only ? new Set(values.only.split(",")) : null,
      nodeFlags: serverNodeFlags(values["node-options"]),
    };
    if (!(await isPortFree(APP_PORT))) throw new Error(`port ${APP_PORT} is in use; stop what runs there`);
    return config;
  },
  secrets: true,
  log: step,
  async run({ values, input: config, progress, onInterrupt }) {
    const database = await openBenchDatabase(config.cases, progress);
    const running: { app?: Awaited<ReturnType<typeof startApp>> } = {};
    const cleanup = async () => {
      await running.app?.stop();
      await database.stop();
    };
    onInterrupt(cleanup);
    try {
      const app = (running.app = await startApp(database.appUrl, {
        nodeFlags: config.nodeFlags,
        profileDir: values.profile ? PROFILES : null,
      }));
      listenForFloors();
      const who = await signIn();
      const scenarios = (await allScenarios(who)).filter((s) => !config.only || config.only.has(s.name));
      if (values.hold) {
        step(`holding: the app answers at ${app.url}; Ctrl-C stops it and the database`);
        console.log(`  caseworker  Cookie: ${who.caseworker.cookie}`);
        console.log(`  coordinator Cookie: ${who.coordinator.cookie}`);
        await new Promise(() => {});
      }
      const floors = await measureFloors(database.url, scenarios);
      const measured = await runLevels(app, scenarios, { ...config, floors, onRow: (row) => console.log(consoleLine(row)) });
      const memory = `peak server memory ${(measured.peakRss / 2 ** 20).toFixed(0)} MB`;
      const done = `bench done: ${measured.rows.length} measurements; ${memory}`;
      if (values.profile)
        return `${done}; docs/performance.md unchanged; CPU profile in ${path.relative(process.cwd(), PROFILES)}/ once the server stopped`;
      if (values["no-report"]) return `${done}; docs/performance.md unchanged`;
      await writeReport({
        ...measured,
        scenarios,
        cases: config.cases,
        duration: config.duration,
        pgVersion: database.pgVersion,
        serverNodeFlags: config.nodeFlags,
      });
      return `${done}; results in docs/performance.md`;
    } catch (error) {
      // Said before the cleanup stops the database (which makes idle connections complain).
      console.error(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { exitCode: 1 };
    } finally {
      await cleanup().catch(() => undefined);
    }
  },
});
