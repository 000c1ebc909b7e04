import path from "node:path";
import { runCli, UsageError } from "../lib/cli";
import { DATA_DIR } from "../lib/local-runtime";
import { isPortFree } from "../../lib/db/embedded";
import { writeFile } from "node:fs/promises";
import { profilesSince } from "./profile";
import { compareProfiles, comparisonMarkdown, comparisonText } from "./profile-compare";
import { consoleLine, machine, statementMixText, writeReport } from "./report";
import { listenForFloors, measureFloors, runLevels } from "./runner";
import { scenarios as allScenarios, signIn } from "./scenarios";
import { nodeVersion, resolveNode } from "./servers";
import { APP_PORT, openBenchDatabase, REFERENCE_PORT, serverNodeFlags, startApp, startReference, step, type DataSet } from "./setup";
import { statementCounter } from "./usage";
import { takeCheckpoint } from "../../lib/audit/checkpoints";
import { db } from "../../lib/db/client";

/** npm run bench: the steps in order; scenarios.ts says what is asked, runner.ts measures, report.ts writes. */

const PROFILES = path.join(DATA_DIR, "profiles");

await runCli({
  help: `npm run bench — load-test the production build at scale

Starts a dedicated embedded PostgreSQL (data kept in .data/bench-postgres between runs), fills it
with --cases synthetic cases if it holds fewer (npm run db:generate's generator), builds the app and
the reference app (bench/reference: Next.js alone, pages of the same shapes with static data) if
their sources changed, starts both with \`next start\` and the same Node.js and flags, signs in as a
caseworker and a coordinator, and drives each scenario with autocannon at each concurrency, then
its reference page at the same concurrency: case list (default, filtered), case page, a status
change, intake, the signed-in redirect, a not-found, dashboard (default, filtered), report export.
For each it prints requests per second, p50/p95 latency and errors, the ratios to the reference
page (its req/s ÷ ours, our p50 and p95 ÷ its), server and PostgreSQL CPU ms per request (from
/proc), SQL statements per request (pg_stat_statements), the time of the same SQL run directly (the
floor), and the server's peak memory per process. Results go to docs/performance.md
(docs/performance-demo.md with --data demo).

Options:
      --cases <n>          cases in the bench database (default 100000)
      --connections <list> concurrency levels (default 1,10,50)
      --duration <s>       seconds per scenario and level (default 10)
      --warmup <s>         unmeasured seconds at 1 connection before each scenario, on both apps
                           (default 2; 0 for none)
      --only <names>       comma-separated scenario names (default: all): list, list-filtered,
                           list-coordinator, case, status, intake, home-redirect, not-found,
                           dashboard, dashboard-filtered, export
      --data <set>         generated (default: --cases generated cases) or demo (npm run demo's
                           data, seeded afresh in .data/bench-postgres-demo; --cases is ignored)
      --instances <n>      server processes per app (default 1); with more, they serve one port as
                           a Node.js cluster (the primary hands each connection to the next
                           worker), as in production behind a load balancer
      --node <path|ver>    the Node.js that runs both servers: a version fetched with npx from the
                           npm registry's node package (default: 24, the production image's), a
                           binary's path, or "current" for the Node.js running this command
      --profile            run both servers under V8's CPU profiler (.data/profiles/) and, for each
                           measurement, print where our CPU per request went beside the reference
                           page's, by owner (Next.js/React, Node.js, GC, Prisma, pg, next-intl,
                           the app's code) through the builds' source maps, with the extra's share,
                           and the functions we spend the most more time in; written to docs/performance-profile.md (docs/performance.md is left
                           alone: figures are slower while profiling). Open a profile in Chrome
                           DevTools or speedscope for more
      --statements         after each measurement, list the SQL statements per request one by one
                           (pg_stat_statements' normalised text, the most frequent first)
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
    warmup: { type: "string" },
    only: { type: "string" },
    profile: { type: "boolean" },
    statements: { type: "boolean" },
    "no-report": { type: "boolean" },
    hold: { type: "boolean" },
    "node-options": { type: "string" },
    data: { type: "string" },
    instances: { type: "string" },
    node: { type: "string" },
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
      warmup: values.warmup === "0" ? 0 : whole("warmup", Number(values.warmup ?? 2)),
      only: values.only ? new Set(values.only.split(",")) : null,
      nodeFlags: serverNodeFlags(values["node-options"]),
      data: (values.data ?? "generated") as DataSet,
      instances: whole("instances", Number(values.instances ?? 1)),
      node: resolveNode(values.node),
    };
    if (config.data !== "generated" && config.data !== "demo") throw new UsageError("--data must be generated or demo");
    for (const port of [APP_PORT, REFERENCE_PORT])
      if (!(await isPortFree(port))) throw new Error(`port ${port} is in use; stop what runs there`);
    return config;
  },
  secrets: true,
  log: step,
  async run({ values, input: config, progress, onInterrupt }) {
    // Before the first db() call, which the demo seed makes.
    listenForFloors();
    const database = await openBenchDatabase(config.cases, config.data, progress);
    const running: { app?: Awaited<ReturnType<typeof startApp>>; reference?: Awaited<ReturnType<typeof startReference>> } = {};
    const startedAt = Date.now();
    let stopped: Promise<void> | undefined;
    const cleanup = () =>
      (stopped ??= (async () => {
        await running.reference?.stop();
        await running.app?.stop();
        await database.stop();
      })());
    onInterrupt(cleanup);
    try {
      const serverOptions = { instances: config.instances, node: config.node, nodeFlags: config.nodeFlags };
      // Each run profiles into its own folders, one per app: a measurement's window is cut out of both.
      const profiles = { app: path.join(PROFILES, `${startedAt}`, "app"), reference: path.join(PROFILES, `${startedAt}`, "reference") };
      const app = (running.app = await startApp(database.appUrl, { ...serverOptions, profileDir: values.profile ? profiles.app : null }));
      const reference = (running.reference = await startReference({
        ...serverOptions,
        profileDir: values.profile ? profiles.reference : null,
      }));
      const who = await signIn(database.accounts);
      const every = await allScenarios(who);
      const unknown = [...(config.only ?? [])].filter((name) => !every.some((s) => s.name === name));
      if (unknown.length) throw new UsageError(`--only: no scenario named ${unknown.join(", ")} (see --help)`);
      const scenarios = every.filter((s) => !config.only || config.only.has(s.name));
      if (values.hold) {
        step(`holding: the app answers at ${app.url}, the reference app at ${reference.url}; Ctrl-C stops them and the database`);
        console.log(`  caseworker  Cookie: ${who.caseworker.cookie}`);
        console.log(`  coordinator Cookie: ${who.coordinator.cookie}`);
        await new Promise(() => {});
      }
      const floors = await measureFloors(database.url, scenarios);
      const statements = await statementCounter(database.url, database.appRole);
      if (!statements.available) step("pg_stat_statements is not available: statements per request are not measured");
      const measured = await runLevels({ app, reference, pgPid: database.pgPid, statements }, scenarios, {
        ...config,
        floors,
        // The servers verify the audit chain since the last checkpoint every AUDIT_CHECKPOINT_MINUTES
        // (15): due in the middle of a measurement, that walk (the first one over a freshly generated
        // log of millions of entries) was counted as the scenario's CPU. Taken here before each
        // scenario, none falls due while one is measured.
        beforeScenario: async () => {
          const outcome = await takeCheckpoint(db(), { force: true });
          if (outcome.status === "broken") throw new Error(`the bench database's audit chain does not verify: ${outcome.failure.detail}`);
        },
        onRow: (row) => console.log(values.statements ? `${consoleLine(row)}\n${statementMixText(row)}` : consoleLine(row)),
      }).finally(() => statements.end());
      const memory = `peak server memory ${measured.peakRss.map((b) => `${(b / 2 ** 20).toFixed(0)} MB`).join(", ")}`;
      const done = `bench done: ${measured.rows.length} measurements; ${memory}`;
      const context = {
        serverNode: nodeVersion(config.node),
        serverNodeFlags: config.nodeFlags,
        pgVersion: database.pgVersion,
        instances: config.instances,
      };
      if (values.profile) {
        // Each server process writes its profile as it exits.
        await cleanup();
        const compared = compareProfiles(
          measured.rows,
          profilesSince(profiles.app, startedAt),
          profilesSince(profiles.reference, startedAt),
        );
        for (const row of compared) console.log(`\n${comparisonText(row)}`);
        const where = `CPU profiles in ${path.relative(process.cwd(), path.dirname(profiles.app))}/ (open one in Chrome DevTools › Performance)`;
        if (values["no-report"]) return `${done}; ${where}`;
        const report = "docs/performance-profile.md";
        const date = new Date().toISOString().slice(0, 10);
        await writeFile(
          report,
          comparisonMarkdown(compared, { date, machine: machine(context), cases: config.data === "demo" ? null : config.cases }),
        );
        return `${done}; where the CPU went in ${report} (docs/performance.md unchanged: profiling slows the servers); ${where}`;
      }
      if (values["no-report"]) return `${done}; docs/performance.md unchanged`;
      // The demo data's figures go beside the 100,000-case ones, not over them.
      const report = config.data === "demo" ? "docs/performance-demo.md" : "docs/performance.md";
      await writeReport(report, {
        ...measured,
        scenarios,
        cases: config.data === "demo" ? null : config.cases,
        duration: config.duration,
        ...context,
      });
      return `${done}; results in ${report}`;
    } catch (error) {
      // runCli says a usage error itself, with the pointer to --help (after the cleanup below).
      if (error instanceof UsageError) throw error;
      // Said before the cleanup stops the database (which makes idle connections complain).
      console.error(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { exitCode: 1 };
    } finally {
      await cleanup().catch(() => undefined);
    }
  },
});
