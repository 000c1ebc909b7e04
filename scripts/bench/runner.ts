import pg from "pg";
import { listenToQueries, type QueryEvent } from "../../lib/db/client";
import { drive, percentile, settle } from "./load";
import { REFERENCE_PAGES, type Scenario } from "./scenarios";
import type { ServerGroup } from "./servers";
import { rssOf } from "./setup";
import { cpuMs, statementsPerRequest, type StatementCounter } from "./usage";

/**
 * How the benchmark measures: the SQL floor of each scenario, then each load level with autocannon,
 * the reference app's page of the same shape right after it.
 */

export interface Row {
  scenario: string;
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  floorMs: number;
  /** The largest peak resident memory of one server process during this level, MB. */
  peakMb: number;
  /** Mean response size, KiB as sent. */
  kb: number;
  /** CPU ms per request of the server processes (all instances), and of PostgreSQL's process tree. */
  serverCpuMs: number;
  pgCpuMs: number | null;
  /** SQL statements per request (pg_stat_statements), null without the extension. */
  statements: number | null;
  /** The same, statement by statement (normalised SQL), most frequent first; empty without the extension. */
  statementMix: { query: string; perRequest: number }[];
  /**
   * When each side was driven, on the monotonic clock V8's CPU profiles use (µs): the profile's
   * samples inside a window are that measurement's (scripts/bench/profile.ts).
   */
  windows: { app: Window; reference: Window };
  /** The reference page at the same level, measured right after. */
  reference: { page: string; requests: number; rps: number; p50: number; p95: number; errors: number; kb: number; serverCpuMs: number };
}

/** [from, to] in µs of CLOCK_MONOTONIC, the clock of V8's profile timestamps and of process.hrtime. */
export type Window = [number, number];
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const captured: QueryEvent[] = [];

/** Hears the data-access layer's SQL for the floors; call it before the first db() call. */
export function listenForFloors(): void {
  listenToQueries((e) => captured.push(e));
}

// Reads are replayed directly; writes (and sequence or lock calls) cannot be, so for them the
// database's own time per statement, as the driver measured it, is taken.
const replayable = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql) && !/nextval|pg_advisory|FOR UPDATE|INSERT|UPDATE|DELETE/i.test(sql);

/** The floor: the median time of the SQL each scenario's data-layer call runs, replayed directly on PostgreSQL. */
export async function measureFloors(url: string, scenarios: Scenario[]): Promise<Map<string, number>> {
  const replay = new pg.Client({ connectionString: url });
  replay.on("error", () => {});
  await replay.connect();
  const floors = new Map<string, number>();
  try {
    for (const scenario of scenarios) {
      const runs: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        captured.length = 0;
        await scenario.floor();
        let total = 0;
        for (const q of captured.filter((q) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(q.query))) {
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
  } finally {
    await replay.end();
  }
  return floors;
}

export interface Measure {
  app: ServerGroup;
  reference: ServerGroup;
  /** The postmaster's pid, for PostgreSQL's CPU; null when unknown. */
  pgPid: number | null;
  statements: StatementCounter;
}

/** The process tree whose CPU is counted: `next start`, or a cluster's primary and its workers. */
const rootOf = (group: ServerGroup) => [group.child.pid!];
const perRequest = (total: number, requests: number) => (requests > 0 ? total / requests : 0);

/**
 * Every scenario at every level, in order, each followed at once by its reference page at the same
 * level (so both see the same machine); `onRow` hears each measurement as it is made. CPU and
 * statements are read before the level and after the server settled, and divided by the requests
 * the load tool saw completed.
 */
export async function runLevels(
  servers: Measure,
  scenarios: Scenario[],
  options: {
    levels: number[];
    duration: number;
    warmup: number;
    floors: Map<string, number>;
    onRow: (row: Row) => void;
    /** Unmeasured work before each scenario (the audit checkpoint, so the servers' own is not due in a measurement). */
    beforeScenario?: () => Promise<void>;
  },
): Promise<{ rows: Row[]; peakRss: number[] }> {
  const { app, reference } = servers;
  const rows: Row[] = [];
  const memory = { peak: app.servers.map(() => 0), level: app.servers.map(() => 0) };
  const sampler = setInterval(() => {
    app.servers.forEach((pid, i) => {
      const rss = rssOf(pid);
      memory.peak[i] = Math.max(memory.peak[i]!, rss);
      memory.level[i] = Math.max(memory.level[i]!, rss);
    });
  }, 250);
  try {
    for (const scenario of scenarios) {
      const page = REFERENCE_PAGES[scenario.reference];
      const referenceTarget = { url: reference.url, method: "GET" as const, next: () => ({ path: page.path }), status: page.status };
      await options.beforeScenario?.();
      // Unmeasured: the first requests of a route compile its code paths (JIT) and fill Next's module caches.
      if (options.warmup > 0) {
        await drive({ ...scenario, url: app.url }, 1, options.warmup);
        await drive(referenceTarget, 1, options.warmup);
        await settle(`${app.url}/api/health`);
      }
      for (const connections of options.levels) {
        const since = new Date();
        memory.level.fill(0);
        const before = { server: cpuMs(rootOf(app)), pg: servers.pgPid ? cpuMs([servers.pgPid]) : 0, sql: await servers.statements.read() };
        const appFrom = monotonicUs();
        const measured = await drive({ ...scenario, url: app.url }, connections, options.duration);
        await settle(`${app.url}/api/health`);
        const appWindow: Window = [appFrom, monotonicUs()];
        const after = { server: cpuMs(rootOf(app)), pg: servers.pgPid ? cpuMs([servers.pgPid]) : 0, sql: await servers.statements.read() };
        const requests = measured.latencies.length;
        const failedWrites = scenario.succeeded ? Math.max(0, requests - (await scenario.succeeded(since))) : 0;

        const referenceCpu = cpuMs(rootOf(reference));
        const refFrom = monotonicUs();
        const ref = await drive(referenceTarget, connections, options.duration);
        await settle(`${reference.url}/api/data`);
        const refWindow: Window = [refFrom, monotonicUs()];
        const refRequests = ref.latencies.length;
        const row: Row = {
          scenario: scenario.title,
          name: scenario.name,
          connections,
          requests,
          rps: measured.rps,
          p50: percentile(measured.latencies, 50),
          p95: percentile(measured.latencies, 95),
          p99: percentile(measured.latencies, 99),
          errors: measured.failed + failedWrites,
          floorMs: options.floors.get(scenario.name) ?? 0,
          peakMb: Math.max(...memory.level) / 2 ** 20,
          kb: measured.bytes / 1024,
          serverCpuMs: perRequest(after.server - before.server, requests),
          pgCpuMs: servers.pgPid ? perRequest(after.pg - before.pg, requests) : null,
          statements: before.sql !== null && after.sql !== null ? perRequest(after.sql.total - before.sql.total, requests) : null,
          statementMix: before.sql !== null && after.sql !== null ? statementsPerRequest(before.sql, after.sql, requests) : [],
          windows: { app: appWindow, reference: refWindow },
          reference: {
            page: page.path,
            requests: refRequests,
            rps: ref.rps,
            p50: percentile(ref.latencies, 50),
            p95: percentile(ref.latencies, 95),
            errors: ref.failed,
            kb: ref.bytes / 1024,
            serverCpuMs: perRequest(cpuMs(rootOf(reference)) - referenceCpu, refRequests),
          },
        };
        rows.push(row);
        options.onRow(row);
      }
    }
  } finally {
    clearInterval(sampler);
  }
  return { rows, peakRss: memory.peak };
}
