import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { getCaseDetail, listCases } from "../lib/cases/queries";
import { CaseListFilterSchema } from "../lib/cases/schemas";
import { changeStatus } from "../lib/cases/mutations";
import { FORWARD } from "../lib/cases/transitions";
import { getDashboard } from "../lib/dashboard/queries";
import { DashboardFilterSchema } from "../lib/dashboard/schemas";
import { db, disconnectDb, listenToQueries, type QueryEvent } from "../lib/db/client";
import { isPortFree, startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { appRoleUrl, ensureAppRole } from "../lib/db/roles";
import { buildAggregateReport } from "../lib/reports/export";
import { sessionCookieFor, SESSION_COOKIE } from "../lib/testing/e2e-session";
import { actorFor, createSessionFor } from "../lib/testing/factories";
import { generateLoad, LOAD_PASSWORD } from "../prisma/seed/load-generator";
import type { Actor } from "../lib/auth/session";
import { fail } from "./lib/cli";
import { DATA_DIR, loadLocalSecrets } from "./lib/local-runtime";
import { buildIsStale, buildNext } from "./lib/next-process";

const HELP = `npm run bench — load-test the production build at scale

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
  -h, --help               show this help`;

const { values } = parseArgs({
  options: {
    help: { type: "boolean", short: "h" },
    cases: { type: "string" },
    connections: { type: "string" },
    duration: { type: "string" },
    only: { type: "string" },
    profile: { type: "boolean" },
    "no-report": { type: "boolean" },
    hold: { type: "boolean" },
    "node-options": { type: "string" },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const CASES = Number(values.cases ?? 100_000);
const LEVELS = (values.connections ?? "1,10,50").split(",").map(Number);
const DURATION = Number(values.duration ?? 10);
const ONLY = values.only ? new Set(values.only.split(",")) : null;
// The production image's Node.js flags for the server (its CMD line), unless --node-options says otherwise.
const SERVER_NODE_FLAGS = (
  values["node-options"] ??
  /^CMD \["node", (.*), "server\.js"\]$/m.exec(readFileSync("Dockerfile", "utf8"))?.[1]?.replaceAll('"', "").replaceAll(",", " ") ??
  ""
)
  .split(/\s+/)
  .filter(Boolean);
const PORT = 3400;
const PG_PORT = 54339;
const step = (line: string) => console.log(`▸ ${line}`);

interface Scenario {
  name: string;
  title: string;
  /** Who makes the requests. */
  as: "caseworker" | "coordinator";
  method: "GET" | "POST";
  /** A request's path and body; called for every request. */
  next: () => { path: string; body?: Buffer; contentType?: string };
  /** The same work in-process, for the SQL floor. */
  floor: () => Promise<unknown>;
  /** Counts how many requests succeeded, for write scenarios (else: HTTP 2xx). */
  succeeded?: (since: Date) => Promise<number>;
}

interface Row {
  scenario: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  floorMs: number;
  /** The server's peak resident memory during this level, MB. */
  peakMb: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function rssOf(pid: number): number {
  // The server and its children (next start may fork): sum their resident memory.
  let total = 0;
  const walk = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      if (children) children.split(/\s+/).map(Number).forEach(walk);
    } catch {
      // gone
    }
  };
  walk(pid);
  return total;
}

async function main() {
  if (!(await isPortFree(PORT))) throw new Error(`port ${PORT} is in use; stop what runs there`);
  await loadLocalSecrets(step);

  // 1. The bench database.
  step(`bench database (embedded PostgreSQL in .data/bench-postgres, port ${PG_PORT})`);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "bench-postgres"),
    port: PG_PORT,
    persistent: true,
    log: (m) => {
      if (/FATAL|PANIC|shutdown|terminat/i.test(m)) console.error(`  [postgres] ${m}`);
    },
  });
  server.takeOverShutdown();
  let app: ChildProcess | undefined;
  const cleanup = async () => {
    if (app && app.exitCode === null) {
      // The app first, so that its in-flight requests finish before the database goes away.
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    await disconnectDb();
    await server.stop();
  };
  process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    const admin = new pg.Client({ connectionString: server.adminUrl });
    admin.on("error", () => {});
    await admin.connect();
    if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'bench'")).rowCount) await admin.query("CREATE DATABASE bench");
    const url = server.urlFor("bench");
    process.env.DATABASE_URL = url;
    await migrate(url);
    const probe = new pg.Client({ connectionString: url });
    probe.on("error", () => {});
    await probe.connect();
    const have = (await probe.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]!.n;
    await probe.end();
    if (have < CASES) {
      if (have > 0) {
        step(`the bench database holds ${have} cases, fewer than ${CASES}: recreating it`);
        await admin.query("DROP DATABASE bench WITH (FORCE)");
        await admin.query("CREATE DATABASE bench");
        await migrate(url);
      }
      step(`generating ${CASES} cases`);
      const generated = await generateLoad(url, {
        cases: CASES,
        caseworkers: 50,
        password: LOAD_PASSWORD,
        onProgress: (done, total) => process.stderr.write(`\r  ${done}/${total}`),
      });
      process.stderr.write("\n");
      step(`generated ${generated.cases} cases (${generated.rows} rows) in ${generated.seconds.toFixed(0)} s`);
      const vacuum = new pg.Client({ connectionString: url });
      await vacuum.connect();
      await vacuum.query("VACUUM ANALYZE");
      await vacuum.end();
    } else {
      step(`reusing ${have} cases`);
    }
    const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    await admin.end();
    const appRole = { name: "waypoint_bench_app", password: "bench-app-role-password" };
    await ensureAppRole(url, appRole);
    process.env.DATABASE_URL = url;

    // 2. The app.
    const appUrl = `http://127.0.0.1:${PORT}`;
    const env = {
      ...process.env,
      DATABASE_URL: appRoleUrl(url, appRole),
      APP_URL: appUrl,
      NODE_ENV: "production" as const,
      LOG_LEVEL: "warn",
      DATABASE_POOL_SIZE: "10",
    };
    if (buildIsStale()) {
      step("building the app");
      await buildNext(env);
    }
    step("starting the app (next start)");
    // --cpu-prof is refused in NODE_OPTIONS: node runs Next's CLI itself when profiling.
    const nextArgs = [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"];
    const nodeArgs = [...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(DATA_DIR, "profiles")}`] : []), ...SERVER_NODE_FLAGS];
    app = spawn(process.execPath, [...nodeArgs, ...nextArgs], {
      env: { ...env, NODE_OPTIONS: "" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`${appUrl}/api/health`)).ok) break;
      } catch {
        // not yet
      }
      if (i > 120) throw new Error("the app did not become healthy within 60 s");
      await new Promise((r) => setTimeout(r, 500));
    }

    // 3. Who asks.
    const captured: QueryEvent[] = [];
    listenToQueries((e) => captured.push(e));
    const caseworkerUser = await db().user.findFirstOrThrow({ where: { email: "caseworker1@load.example" } });
    const coordinatorUser = await db().user.findFirstOrThrow({ where: { email: "coordinator1@load.example" } });
    const caseworker: Actor = await actorFor(caseworkerUser);
    const coordinator: Actor = await actorFor(coordinatorUser);
    const cookie = async (userId: string) => `${SESSION_COOKIE}=${await sessionCookieFor((await createSessionFor(userId)).sessionId)}`;
    const cookies = { caseworker: await cookie(caseworkerUser.id), coordinator: await cookie(coordinatorUser.id) };

    // Server action ids from the build.
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
      node: Record<string, { filename: string; exportedName: string }>;
    };
    const actionId = (file: string, name: string) =>
      Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name)?.[0] ??
      (() => {
        throw new Error(`no action ${file}#${name} in the build`);
      })();
    const require = createRequire(import.meta.url);
    const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
      encodeReply: (v: unknown) => Promise<FormData | string>;
    };
    const actionBody = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const reply = await encodeReply([null, form]);
      const response = new Response(reply);
      return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type") ?? "text/plain" };
    };

    // Cases for the scenarios.
    const myCases = await db().case.findMany({ where: { assignedToId: caseworker.userId }, select: { code: true }, take: 200 });
    const movable = await db().case.findMany({
      // Not VERIFYING: leaving it needs two sign-offs, which the generated data does not have, so
      // those moves would be (rightly) refused and counted as errors.
      where: { status: { in: ["NEW", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING"] } },
      select: { code: true, version: true, status: true },
      orderBy: { id: "asc" },
      take: 60_000,
    });
    let myCursor = 0;
    let moveCursor = 0;
    const changeStatusId = actionId("app/(app)/cases/[code]/actions.ts", "changeStatusAction");
    const intakeId = actionId("app/(app)/cases/new/actions.ts", "createCaseAction");
    // Each status change moves another case one step forward, with the version it has; a few
    // cases are kept apart for measuring the floor in-process.
    const floorMoves = movable.slice(-Math.min(200, Math.floor(movable.length / 10)));
    const statusBodies = await Promise.all(
      movable.slice(0, Math.min(20_000, movable.length - floorMoves.length)).map(async (c) => ({
        code: c.code,
        ...(await actionBody({ code: c.code, version: String(c.version), to: FORWARD[c.status as keyof typeof FORWARD][0]! })),
      })),
    );
    const intake = await actionBody({
      ageBand: "AGE_25_34",
      serviceCategory: "MOBILISED",
      peopleTravelling: "1",
      language: "ru",
      riskLevel: "HIGH",
      currentCountry: "KZ",
      placeCity: "1526384",
      contactChannel: "Signal @bench_intake",
    });
    let floorMove = 0;

    const allScenarios: Scenario[] = [
      {
        name: "list",
        title: "Case list (caseworker, default)",
        as: "caseworker",
        method: "GET",
        next: () => ({ path: "/cases" }),
        floor: () => listCases(caseworker, CaseListFilterSchema.parse({})),
      },
      {
        name: "list-filtered",
        title: "Case list (coordinator, filtered)",
        as: "coordinator",
        method: "GET",
        next: () => ({ path: "/cases?status=IN_THIRD_COUNTRY&jurisdiction=EXTRADITION_RISK&sort=risk" }),
        floor: () =>
          listCases(
            coordinator,
            CaseListFilterSchema.parse({ status: "IN_THIRD_COUNTRY", jurisdiction: "EXTRADITION_RISK", sort: "risk" }),
          ),
      },
      {
        name: "list-coordinator",
        title: "Case list (coordinator, all open)",
        as: "coordinator",
        method: "GET",
        next: () => ({ path: "/cases" }),
        floor: () => listCases(coordinator, CaseListFilterSchema.parse({})),
      },
      {
        name: "case",
        title: "Case page (caseworker)",
        as: "caseworker",
        method: "GET",
        next: () => ({ path: `/cases/${myCases[myCursor++ % myCases.length]!.code}` }),
        floor: () => getCaseDetail(caseworker, myCases[0]!.code),
      },
      {
        name: "status",
        title: "Status change (server action)",
        as: "coordinator",
        method: "POST",
        next: () => {
          const body = statusBodies[moveCursor++ % statusBodies.length]!;
          return { path: `/cases/${body.code}`, body: body.body, contentType: body.contentType };
        },
        floor: async () => {
          const c = floorMoves[floorMove++ % floorMoves.length]!;
          const fresh = await db().case.findUniqueOrThrow({ where: { code: c.code }, select: { version: true, status: true } });
          const next = FORWARD[fresh.status as keyof typeof FORWARD]?.[0];
          if (next) await changeStatus(coordinator, { code: c.code, version: fresh.version, to: next as never });
        },
        succeeded: async (since) => db().caseStatusChange.count({ where: { at: { gte: since }, actorId: coordinator.userId } }),
      },
      {
        name: "intake",
        title: "Intake (server action)",
        as: "caseworker",
        method: "POST",
        next: () => ({ path: "/cases/new", body: intake.body, contentType: intake.contentType }),
        floor: () => listCases(caseworker, CaseListFilterSchema.parse({ q: "WP-22" })),
        succeeded: async (since) => db().case.count({ where: { createdAt: { gte: since }, createdById: caseworker.userId } }),
      },
      {
        name: "dashboard",
        title: "Dashboard",
        as: "coordinator",
        method: "GET",
        next: () => ({ path: "/dashboard" }),
        floor: () => getDashboard(coordinator, DashboardFilterSchema.parse({})),
      },
      {
        name: "dashboard-filtered",
        title: "Dashboard (filtered)",
        as: "coordinator",
        method: "GET",
        next: () => ({ path: "/dashboard?country=KZ&risk=HIGH" }),
        floor: () => getDashboard(coordinator, DashboardFilterSchema.parse({ country: "KZ", risk: "HIGH" })),
      },
      {
        name: "export",
        title: "Report export (CSV)",
        as: "coordinator",
        method: "GET",
        next: () => ({ path: "/dashboard/export" }),
        floor: () => buildAggregateReport(coordinator, DashboardFilterSchema.parse({})),
      },
    ];
    const scenarios = allScenarios.filter((s) => !ONLY || ONLY.has(s.name));
    if (values.hold) {
      step(`holding: the app answers at ${appUrl}; Ctrl-C stops it and the database`);
      console.log(`  caseworker  Cookie: ${cookies.caseworker}`);
      console.log(`  coordinator Cookie: ${cookies.coordinator}`);
      await new Promise(() => {});
    }

    // The floor: the SQL each scenario's data-layer call runs, replayed directly on PostgreSQL.
    const replay = new pg.Client({ connectionString: url });
    replay.on("error", () => {});
    await replay.connect();
    const floors = new Map<string, number>();
    for (const scenario of scenarios) {
      const runs: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        captured.length = 0;
        await scenario.floor();
        const statements = captured.filter((q) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(q.query));
        // Reads are replayed directly; writes (and sequence or lock calls) cannot be, so for them
        // the database's own time per statement, as the driver measured it, is taken.
        const replayable = (sql: string) =>
          /^\s*(SELECT|WITH)\b/i.test(sql) && !/nextval|pg_advisory|FOR UPDATE|INSERT|UPDATE|DELETE/i.test(sql);
        let total = 0;
        for (const q of statements) {
          if (replayable(q.query)) {
            const started = performance.now();
            await replay.query(q.query, JSON.parse(q.params) as unknown[]);
            total += performance.now() - started;
          } else {
            total += q.duration;
          }
        }
        runs.push(total);
      }
      runs.sort((a, b) => a - b);
      floors.set(scenario.name, runs[Math.floor(runs.length / 2)]!);
    }
    await replay.end();

    // 4. Load.
    // The load tool stops sending after each level, but the server may still be working off a
    // queue of requests it accepted; the next level would then measure that queue. Wait until the
    // health check answers quickly three times in a row (at most two minutes).
    const settle = async () => {
      const until = Date.now() + 120_000;
      for (let quick = 0; quick < 3 && Date.now() < until;) {
        const started = performance.now();
        await fetch(`${appUrl}/api/health`)
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
        quick = performance.now() - started < 50 ? quick + 1 : 0;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const rows: Row[] = [];
    let peakRss = 0;
    let levelPeak = 0;
    const sampler = setInterval(() => {
      if (!app?.pid) return;
      const rss = rssOf(app.pid);
      peakRss = Math.max(peakRss, rss);
      levelPeak = Math.max(levelPeak, rss);
    }, 250);
    for (const scenario of scenarios) {
      for (const connections of LEVELS) {
        const latencies: number[] = [];
        const since = new Date();
        levelPeak = 0;
        let non2xx = 0;
        const options: autocannon.Options = {
          url: appUrl,
          connections,
          duration: DURATION,
          pipelining: 1,
          timeout: 30,
          requests: [
            {
              method: scenario.method,
              setupRequest: (request) => {
                const next = scenario.next();
                return {
                  ...request,
                  method: scenario.method,
                  path: next.path,
                  body: next.body,
                  headers: {
                    cookie: cookies[scenario.as],
                    ...(scenario.method === "POST"
                      ? {
                          "next-action": scenario.name === "status" ? changeStatusId : intakeId,
                          origin: appUrl,
                          accept: "text/x-component",
                          "content-type": next.contentType ?? "text/plain",
                        }
                      : {}),
                  },
                };
              },
            },
          ],
        };
        const result = await new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
          instance.on("response", (_client, statusCode, _bytes, responseTime) => {
            latencies.push(responseTime);
            if (statusCode < 200 || statusCode >= 300) non2xx += 1;
          });
        });
        latencies.sort((a, b) => a - b);
        const requests = latencies.length;
        const failedWrites = scenario.succeeded ? Math.max(0, requests - (await scenario.succeeded(since))) : 0;
        const row: Row = {
          scenario: scenario.title,
          connections,
          requests,
          rps: result.requests.average,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors: result.errors + result.timeouts + non2xx + failedWrites,
          floorMs: floors.get(scenario.name) ?? 0,
          peakMb: levelPeak / 2 ** 20,
        };
        rows.push(row);
        await settle();
        console.log(
          `  ${scenario.title.padEnd(34)} c=${String(connections).padStart(2)}  ${row.rps.toFixed(1).padStart(7)} req/s  p50 ${row.p50.toFixed(0).padStart(5)} ms  p95 ${row.p95.toFixed(0).padStart(5)} ms  p99 ${row.p99.toFixed(0).padStart(5)} ms  errors ${row.errors}  floor ${row.floorMs.toFixed(1)} ms  ×${(row.p50 / Math.max(row.floorMs, 0.1)).toFixed(1)}  ${row.peakMb.toFixed(0)} MB`,
        );
      }
    }
    clearInterval(sampler);

    // 5. Report.
    const cpus = os.cpus();
    const machine = `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node.js ${process.version}, PostgreSQL ${pgVersion} (embedded, default settings), app and database on the same machine, server started with \`node ${SERVER_NODE_FLAGS.join(" ") || "(no flags)"}\``;
    const at10 = (name: string) => rows.find((r) => r.scenario === scenarios.find((s) => s.name === name)?.title && r.connections === 10);
    const target = (name: string, limit: number) => {
      const r = at10(name);
      if (!r) return "not measured";
      // No answer within the run is not a fast answer.
      if (r.requests === 0) return `no request completed within ${DURATION} s (target < ${limit} ms): MISSED`;
      return `${r.p95.toFixed(0)} ms (target < ${limit} ms): ${r.p95 < limit ? "met" : "MISSED"}`;
    };
    const markdown = `# Performance

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, with ${CASES.toLocaleString("en")} cases in the database
(and their ~10 timeline events each, documents, applications, next steps, notes, audit entries), 50 caseworkers.

**Machine:** ${machine}.
Each scenario ran ${DURATION} s per concurrency level with autocannon against \`next start\` (production build).
Latencies are per request, measured by the load tool. The floor is the median time of the same SQL
statements the scenario's data-access call runs, replayed directly on PostgreSQL (for writes, the
database's own time per statement), so the ratio shows what the web layer adds.

| scenario | connections | requests | req/s | p50 ms | p95 ms | p99 ms | errors | SQL floor ms | p50 ÷ floor | peak MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.scenario} | ${r.connections} | ${r.requests} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.errors} | ${r.floorMs.toFixed(1)} | ${(r.p50 / Math.max(r.floorMs, 0.1)).toFixed(1)} | ${r.peakMb.toFixed(0)} |`).join("\n")}

**Peak server memory (RSS):** ${(peakRss / 2 ** 20).toFixed(0)} MB (target < 500 MB: ${peakRss < 500 * 2 ** 20 ? "met" : "MISSED"}).

## Targets at 10 connections

- Case list p95: ${target("list", 150)}
- Case page p95: ${target("case", 150)}
- Dashboard p95: ${target("dashboard", 300)}
- Status change p95: ${target("status", 150)}
- Errors: ${rows.filter((r) => r.connections === 10).reduce((a, r) => a + r.errors, 0)} at 10 connections (target 0)

## Notes

${existsSync("docs/performance-notes.md") ? readFileSync("docs/performance-notes.md", "utf8") : "(see docs/performance-notes.md)"}
`;
    const profiled = values.profile
      ? `; CPU profile in ${path.relative(process.cwd(), path.join(DATA_DIR, "profiles"))}/ once the server stopped`
      : "";
    if (values["no-report"] || values.profile) {
      console.log(
        `✔ bench done: ${rows.length} measurements; peak server memory ${(peakRss / 2 ** 20).toFixed(0)} MB; docs/performance.md unchanged${profiled}`,
      );
    } else {
      await writeFile("docs/performance.md", markdown);
      console.log(
        `✔ bench done: ${rows.length} measurements; peak server memory ${(peakRss / 2 ** 20).toFixed(0)} MB; results in docs/performance.md`,
      );
    }
  } catch (error) {
    // Said before the cleanup stops the database (which makes idle connections complain).
    console.error(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  } finally {
    await cleanup().catch(() => undefined);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => fail(error),
);
