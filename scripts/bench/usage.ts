import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

/**
 * What a load level cost, besides time: CPU of a process tree from /proc (the kernel's own
 * accounting, so nothing runs inside the measured processes), and the SQL statements the app's
 * database role ran, from pg_stat_statements.
 */

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The pids of a process and all its descendants (children of every thread). */
export function processTree(root: number): number[] {
  const found: number[] = [];
  const walk = (pid: number) => {
    found.push(pid);
    try {
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
        if (children) children.split(/\s+/).map(Number).forEach(walk);
      }
    } catch {
      // gone
    }
  };
  walk(root);
  return found;
}

/**
 * CPU milliseconds used so far by a process tree: user + system time of every live process, plus
 * what its exited children used (cutime + cstime), so a backend or worker that ends between two
 * readings still counts.
 */
export function cpuMs(roots: number[]): number {
  let ticks = 0;
  for (const pid of roots.flatMap(processTree)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name (field 2) may hold spaces; the fields after it start past its ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, cutime, cstime are fields 14-17 of the line, 12-15 after the name and state.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited between the listing and the read: its time is in its parent's cutime from now on
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The postmaster's pid, from the first line of postmaster.pid in the data directory. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Counts the statements the app's role ran (sum of pg_stat_statements' calls), read by the bench
 * database's owner, so the bench's own queries (floors, write counts, these readings) are never
 * counted. The health check's `SELECT 1`, which the bench sends between levels, is left out too.
 * Null when the extension is not loaded.
 */
export async function statementCounter(ownerUrl: string, appRole: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on("error", () => {});
  await client.connect();
  let available = true;
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT 1 FROM pg_stat_statements LIMIT 1");
  } catch {
    available = false;
  }
  return {
    available,
    /** Calls so far: the total, and per statement (pg_stat_statements' normalised text). */
    async read(): Promise<StatementCalls | null> {
      if (!available) return null;
      const result = await client.query<{ query: string; calls: string }>(
        `SELECT query, sum(calls)::bigint AS calls FROM pg_stat_statements
         WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1) AND query <> 'SELECT $1 AS ok'
         GROUP BY query`,
        [appRole],
      );
      const byQuery = new Map(result.rows.map((row) => [row.query, Number(row.calls)]));
      return { total: [...byQuery.values()].reduce((sum, calls) => sum + calls, 0), byQuery };
    },
    end: () => client.end(),
  };
}

export interface StatementCalls {
  total: number;
  byQuery: Map<string, number>;
}

/** Each statement's calls per request between two readings, most frequent first. */
export function statementsPerRequest(
  before: StatementCalls,
  after: StatementCalls,
  requests: number,
): { query: string; perRequest: number }[] {
  return [...after.byQuery]
    .map(([query, calls]) => ({ query, perRequest: (calls - (before.byQuery.get(query) ?? 0)) / Math.max(requests, 1) }))
    .filter((s) => s.perRequest > 0)
    .sort((a, b) => b.perRequest - a.perRequest);
}

export type StatementCounter = Awaited<ReturnType<typeof statementCounter>>;
