import autocannon from "autocannon";
import pg from "pg";
import { listenToQueries, type QueryEvent } from "../../lib/db/client";
import { rssOf, type RunningApp } from "./setup";
import type { Scenario } from "./scenarios";

/** How the benchmark measures: the SQL floor of each scenario, then each load level with autocannon. */

export interface Row {
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

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The load tool stops sending after each level, but the server may still be working off a queue of
 * requests it accepted; the next level would then measure that queue. Waits until the health check
 * answers quickly three times in a row (at most two minutes).
 */
async function settle(appUrl: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (let quick = 0; quick < 3 && Date.now() < until;) {
    const started = performance.now();
    await fetch(`${appUrl}/api/health`)
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    quick = performance.now() - started < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One scenario at one concurrency for `duration` seconds: latencies as the load tool saw them. */
async function drive(appUrl: string, scenario: Scenario, connections: number, duration: number) {
  const latencies: number[] = [];
  let non2xx = 0;
  const options: autocannon.Options = {
    url: appUrl,
    connections,
    duration,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: scenario.method,
        setupRequest: (request) => {
          const next = scenario.next();
          // POSTs come from the app's own pages (proxy.ts refuses another origin).
          const post = scenario.method === "POST" ? { origin: appUrl, "content-type": next.contentType ?? "text/plain" } : {};
          const action = scenario.action ? { "next-action": scenario.action, accept: "text/x-component" } : {};
          return {
            ...request,
            method: scenario.method,
            path: next.path,
            body: next.body,
            headers: { cookie: scenario.cookie, ...post, ...action },
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
  return { latencies, rps: result.requests.average, failed: result.errors + result.timeouts + non2xx };
}

/** Every scenario at every level, in order; `onRow` hears each measurement as it is made. */
export async function runLevels(
  app: RunningApp,
  scenarios: Scenario[],
  options: { levels: number[]; duration: number; floors: Map<string, number>; onRow: (row: Row) => void },
): Promise<{ rows: Row[]; peakRss: number }> {
  const rows: Row[] = [];
  const memory = { peak: 0, level: 0 };
  const sampler = setInterval(() => {
    if (!app.child.pid) return;
    const rss = rssOf(app.child.pid);
    memory.peak = Math.max(memory.peak, rss);
    memory.level = Math.max(memory.level, rss);
  }, 250);
  try {
    for (const scenario of scenarios) {
      for (const connections of options.levels) {
        const since = new Date();
        memory.level = 0;
        const { latencies, rps, failed } = await drive(app.url, scenario, connections, options.duration);
        const requests = latencies.length;
        const failedWrites = scenario.succeeded ? Math.max(0, requests - (await scenario.succeeded(since))) : 0;
        const row: Row = {
          scenario: scenario.title,
          connections,
          requests,
          rps,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors: failed + failedWrites,
          floorMs: options.floors.get(scenario.name) ?? 0,
          peakMb: memory.level / 2 ** 20,
        };
        rows.push(row);
        await settle(app.url);
        options.onRow(row);
      }
    }
  } finally {
    clearInterval(sampler);
  }
  return { rows, peakRss: memory.peak };
}
