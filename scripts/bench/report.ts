import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import type { Row } from "./runner";
import type { Scenario } from "./scenarios";

/** What the benchmark says: a console line per measurement, and docs/performance.md. */

const ratio = (r: Row) => (r.p50 / Math.max(r.floorMs, 0.1)).toFixed(1);

export function consoleLine(r: Row): string {
  const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;
  return `  ${r.scenario.padEnd(34)} c=${String(r.connections).padStart(2)}  ${r.rps.toFixed(1).padStart(7)} req/s  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}  errors ${r.errors}  floor ${r.floorMs.toFixed(1)} ms  ×${ratio(r)}  ${r.peakMb.toFixed(0)} MB`;
}

export interface Measured {
  rows: Row[];
  peakRss: number;
  scenarios: Scenario[];
  cases: number;
  duration: number;
  pgVersion: string;
  serverNodeFlags: string[];
}

function machine(m: Measured): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node.js ${process.version}, PostgreSQL ${m.pgVersion} (embedded, default settings), app and database on the same machine, server started with \`node ${m.serverNodeFlags.join(" ") || "(no flags)"}\``;
}

/** The p95 at 10 connections against its target. */
function target(m: Measured, name: string, limit: number): string {
  const title = m.scenarios.find((s) => s.name === name)?.title;
  const r = m.rows.find((row) => row.scenario === title && row.connections === 10);
  if (!r) return "not measured";
  // No answer within the run is not a fast answer.
  if (r.requests === 0) return `no request completed within ${m.duration} s (target < ${limit} ms): MISSED`;
  return `${r.p95.toFixed(0)} ms (target < ${limit} ms): ${r.p95 < limit ? "met" : "MISSED"}`;
}

export function markdown(m: Measured): string {
  const row = (r: Row) =>
    `| ${r.scenario} | ${r.connections} | ${r.requests} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.errors} | ${r.floorMs.toFixed(1)} | ${ratio(r)} | ${r.peakMb.toFixed(0)} |`;
  return `# Performance

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, with ${m.cases.toLocaleString("en")} cases in the database
(and their ~10 timeline events each, documents, applications, next steps, notes, audit entries), 50 caseworkers.

**Machine:** ${machine(m)}.
Each scenario ran ${m.duration} s per concurrency level with autocannon against \`next start\` (production build).
Latencies are per request, measured by the load tool. The floor is the median time of the same SQL
statements the scenario's data-access call runs, replayed directly on PostgreSQL (for writes, the
database's own time per statement), so the ratio shows what the web layer adds.

| scenario | connections | requests | req/s | p50 ms | p95 ms | p99 ms | errors | SQL floor ms | p50 ÷ floor | peak MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${m.rows.map(row).join("\n")}

**Peak server memory (RSS):** ${(m.peakRss / 2 ** 20).toFixed(0)} MB (target < 500 MB: ${m.peakRss < 500 * 2 ** 20 ? "met" : "MISSED"}).

## Targets at 10 connections

- Case list p95: ${target(m, "list", 150)}
- Case page p95: ${target(m, "case", 150)}
- Dashboard p95: ${target(m, "dashboard", 300)}
- Status change p95: ${target(m, "status", 150)}
- Errors: ${m.rows.filter((r) => r.connections === 10).reduce((a, r) => a + r.errors, 0)} at 10 connections (target 0)

## Notes

${existsSync("docs/performance-notes.md") ? readFileSync("docs/performance-notes.md", "utf8") : "(see docs/performance-notes.md)"}
`;
}

export async function writeReport(m: Measured): Promise<void> {
  await writeFile("docs/performance.md", markdown(m));
}
