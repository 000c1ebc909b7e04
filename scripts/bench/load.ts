import autocannon from "autocannon";

/** The load tool: one target at one concurrency, and the wait until a server has worked off its queue. */

export interface Target {
  /** The server's address (the cluster's one port, with several instances). */
  url: string;
  method: "GET" | "POST";
  cookie?: string;
  /** A server action's id: sent as React's client sends an action call. */
  action?: string;
  next: () => { path: string; body?: Buffer; contentType?: string };
  /** The expected status when it is not a 2xx (a redirect, a not-found). */
  status?: number;
}

export interface Driven {
  /** Each completed request's latency in ms, sorted. */
  latencies: number[];
  rps: number;
  failed: number;
  /** Mean response size in bytes (headers and body, as sent: compressed if the server compressed). */
  bytes: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One target at one concurrency for `duration` seconds: latencies as the load tool saw them. */
export async function drive(target: Target, connections: number, duration: number): Promise<Driven> {
  const latencies: number[] = [];
  let unexpected = 0;
  const options: autocannon.Options = {
    url: target.url,
    connections,
    duration,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: target.method,
        setupRequest: (request) => {
          const next = target.next();
          // POSTs come from the app's own pages (proxy.ts refuses another origin).
          const post = target.method === "POST" ? { origin: target.url, "content-type": next.contentType ?? "text/plain" } : {};
          const action = target.action ? { "next-action": target.action, accept: "text/x-component" } : {};
          const cookie = target.cookie ? { cookie: target.cookie } : {};
          return { ...request, method: target.method, path: next.path, body: next.body, headers: { ...cookie, ...post, ...action } };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      const expected = target.status ? statusCode === target.status : statusCode >= 200 && statusCode < 300;
      if (!expected) unexpected += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    rps: result.requests.average,
    failed: result.errors + result.timeouts + unexpected,
    bytes: result.requests.total ? result.throughput.total / result.requests.total : 0,
  };
}

/**
 * The load tool stops sending after each level, but the server may still be working off a queue of
 * requests it accepted; the next level would then measure that queue. Waits until the health check
 * answers quickly three times in a row (at most two minutes).
 */
export async function settle(url: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (let quick = 0; quick < 3 && Date.now() < until;) {
    const started = performance.now();
    await fetch(url)
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    quick = performance.now() - started < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}
