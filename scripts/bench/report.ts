import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import type { Row } from "./runner";
import type { Scenario } from "./scenarios";

/** What the benchmark says: a console line per measurement, and docs/performance.md. */

const floorRatio = (r: Row) => (r.floorMs > 0 ? `×${(r.p50 / Math.max(r.floorMs, 0.1)).toFixed(1)}` : "—");
const times = (value: number) => (Number.isFinite(value) && value > 0 ? `×${value.toFixed(1)}` : "—");

/** How many times the reference page's throughput ours is, and our p50 and p95 over its (higher: costlier). */
export function ratios(r: Row) {
  return {
    throughput: r.rps > 0 ? r.reference.rps / r.rps : Infinity,
    p50: r.p50 / Math.max(r.reference.p50, 0.1),
    p95: r.p95 / Math.max(r.reference.p95, 0.1),
  };
}

const fixed = (value: number | null, digits = 1) => (value === null ? "n/a" : value.toFixed(digits));

export function consoleLine(r: Row): string {
  const ms = (value: number) => `${value.toFixed(0).padStart(4)} ms`;
  const x = ratios(r);
  return [
    `  ${r.scenario.padEnd(38)} c=${String(r.connections).padStart(2)} ${r.rps.toFixed(1).padStart(6)} req/s p50 ${ms(r.p50)} p95 ${ms(r.p95)} err ${r.errors}`,
    `ref ${r.reference.rps.toFixed(1).padStart(6)} req/s p50 ${ms(r.reference.p50)} p95 ${ms(r.reference.p95)}`,
    `${times(x.throughput)} req/s ${times(x.p50)} p50 ${times(x.p95)} p95`,
    `cpu ${r.serverCpuMs.toFixed(1)} (ref ${r.reference.serverCpuMs.toFixed(1)}) + pg ${fixed(r.pgCpuMs)} ms/req, ${fixed(r.statements)} stmt/req`,
    `floor ${r.floorMs.toFixed(1)} ms ${floorRatio(r)}, ${r.peakMb.toFixed(0)} MB`,
  ].join(" │ ");
}

/** The statements of one measurement, per request, one line each (the SQL shortened to a line). */
export function statementMixText(r: Row): string {
  return r.statementMix
    .map((s) => `      ${s.perRequest.toFixed(2).padStart(6)}  ${s.query.replace(/\s+/g, " ").slice(0, 150)}`)
    .join("\n");
}

export interface Measured {
  rows: Row[];
  /** Peak resident memory of each app server process. */
  peakRss: number[];
  scenarios: Scenario[];
  /** Generated cases, or null for the demo data. */
  cases: number | null;
  duration: number;
  pgVersion: string;
  serverNodeFlags: string[];
  serverNode: string;
  instances: number;
}

export function machine(m: Pick<Measured, "instances" | "serverNode" | "pgVersion" | "serverNodeFlags">): string {
  const cpus = os.cpus();
  const shape =
    m.instances > 1
      ? `${m.instances} server processes per app on one port (a Node.js cluster: its primary hands each connection to the next worker), `
      : "";
  return `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, servers on Node.js ${m.serverNode}, PostgreSQL ${m.pgVersion} (embedded, default settings plus pg_stat_statements), app and database on the same machine (the app over PostgreSQL's Unix socket, as in production), ${shape}servers started with \`node ${m.serverNodeFlags.join(" ") || "(no flags)"}\``;
}

const rowAt = (m: Measured, name: string, connections: number) =>
  m.rows.find((row) => row.name === name && row.connections === connections);

/** The p95 at 10 connections against its target. */
function target(m: Measured, name: string, limit: number): string {
  const r = rowAt(m, name, 10);
  if (!r) return "not measured";
  // No answer within the run is not a fast answer.
  if (r.requests === 0) return `no request completed within ${m.duration} s (target < ${limit} ms): MISSED`;
  return `${r.p95.toFixed(0)} ms (target < ${limit} ms): ${r.p95 < limit ? "met" : "MISSED"}`;
}

/** The p50 ratio to the reference page at 1 and 10 connections against its target. */
function ratioTarget(m: Measured, names: string[], limit: number): string {
  const found = names.flatMap((name) => [1, 10].map((c) => rowAt(m, name, c)).filter((r): r is Row => r !== undefined));
  if (found.length === 0) return "not measured";
  const worst = Math.max(...found.map((r) => ratios(r).p50));
  const each = found.map((r) => `${r.name} c=${r.connections} ${times(ratios(r).p50)}`).join(", ");
  return `${each} (target ≤ ×${limit}): ${worst <= limit ? "met" : "MISSED"}`;
}

export function markdown(m: Measured): string {
  const timing = (r: Row) => {
    const x = ratios(r);
    return `| ${r.scenario} | ${r.connections} | ${r.requests} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.errors} | \`${r.reference.page}\` | ${r.reference.rps.toFixed(1)} | ${r.reference.p50.toFixed(0)} | ${r.reference.p95.toFixed(0)} | ${times(x.throughput)} | ${times(x.p50)} | ${times(x.p95)} |`;
  };
  const cost = (r: Row) =>
    `| ${r.scenario} | ${r.connections} | ${r.serverCpuMs.toFixed(1)} | ${r.reference.serverCpuMs.toFixed(1)} | ${times(r.serverCpuMs / Math.max(r.reference.serverCpuMs, 0.1))} | ${fixed(r.pgCpuMs)} | ${fixed(r.statements)} | ${r.kb.toFixed(0)} / ${r.reference.kb.toFixed(0)} | ${r.floorMs.toFixed(1)} | ${floorRatio(r)} | ${r.peakMb.toFixed(0)} |`;
  const data =
    m.cases === null
      ? "the demo data (what `npm run demo` seeds: four accounts, about 60 cases)"
      : `${m.cases.toLocaleString("en")} cases in the database
(and their ~10 timeline events each, documents, applications, next steps, notes, audit entries), 50 caseworkers`;
  const peak = Math.max(...m.peakRss);
  return `# Performance${m.cases === null ? " on the demo data" : ""}

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, with ${data}.

**Machine:** ${machine(m)}.

## Method

Each scenario ran ${m.duration} s per concurrency level with autocannon against \`next start\` (production build).
Latencies are per request, measured by the load tool.

- **Reference ratios.** \`npm run bench\` also builds and serves \`bench/reference\`: a minimal Next.js
  app on the repository's own next and react, started with the same Node.js, flags and number of
  processes, whose pages have Waypoint's shapes with static data and render per request (they read
  \`headers()\`): a 50-row table with the case list's columns, a case-sized page, the redirect at \`/\`,
  a not-found, a JSON route. Right after each scenario's level, its reference page (the map is in
  \`scripts/bench/scenarios.ts\`) is driven at the same level for as long. The ratios are the
  reference's req/s ÷ ours, and our p50 and p95 ÷ the reference's: how many times the framework's
  own cost for that page shape the app costs. Absolute times drift between runs and machines; the
  ratios are the targets.
- **CPU per request.** User + system time (\`utime + stime\`, plus \`cutime + cstime\` of exited
  children) of the server processes' trees and of PostgreSQL's (the postmaster and its backends),
  read from \`/proc/<pid>/stat\` before the level and after the server worked off its queue, divided
  by the requests completed. It includes the few health checks the bench sends while waiting and, with
  \`--instances\`, the cluster's primary that hands connections to the workers.
- **SQL statements per request.** The bench database loads \`pg_stat_statements\`; the sum of
  \`calls\` of the statements run by the app's database role (top-level statements, \`BEGIN\` and
  \`COMMIT\` included), before and after the level, divided by the requests completed. The bench's own
  queries run as the owner and are not counted, nor is the health check's \`SELECT 1\`.
- **SQL floor.** The median time of the same SQL statements the scenario's data-access call runs,
  replayed directly on PostgreSQL (for writes, the database's own time per statement), so p50 ÷ floor
  shows what the web layer adds.

## Time, against the reference app

| scenario | connections | requests | req/s | p50 ms | p95 ms | p99 ms | errors | reference page | ref req/s | ref p50 ms | ref p95 ms | ref req/s ÷ ours | p50 ÷ ref | p95 ÷ ref |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${m.rows.map(timing).join("\n")}

## Cost per request

| scenario | connections | server CPU ms | ref CPU ms | CPU ÷ ref | PostgreSQL CPU ms | SQL statements | KiB sent (ours / ref) | SQL floor ms | p50 ÷ floor | peak MB per process |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${m.rows.map(cost).join("\n")}

**Peak server memory (RSS) per process:** ${m.peakRss.map((b) => `${(b / 2 ** 20).toFixed(0)} MB`).join(", ")} (target < 500 MB: ${peak < 500 * 2 ** 20 ? "met" : "MISSED"}).

## Targets

Ratios of p50 to the reference page, at 1 and 10 connections:

- Case list: ${ratioTarget(m, ["list", "list-coordinator"], 2)}
- Case page: ${ratioTarget(m, ["case"], 2.5)}
- Status change: ${ratioTarget(m, ["status"], 2.5)}
- Signed-in redirect and not-found: ${ratioTarget(m, ["home-redirect", "not-found"], 1.5)}
- Dashboard: ${ratioTarget(m, ["dashboard"], 2)}

p95 at 10 connections:

- Case list p95: ${target(m, "list", 150)}
- Case page p95: ${target(m, "case", 150)}
- Dashboard p95: ${target(m, "dashboard", 300)}
- Status change p95: ${target(m, "status", 150)}
- Errors: ${m.rows.filter((r) => r.connections === 10).reduce((a, r) => a + r.errors, 0)} at 10 connections (target 0)

## Notes

${existsSync("docs/performance-notes.md") ? readFileSync("docs/performance-notes.md", "utf8") : "(see docs/performance-notes.md)"}
`;
}

export async function writeReport(file: string, m: Measured): Promise<void> {
  await writeFile(file, markdown(m));
}
